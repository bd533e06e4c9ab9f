CREATE TABLE "procedure_reviews" (
	"version_id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"note" text,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"publish_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "procedure_reviews" ADD CONSTRAINT "procedure_reviews_version_id_procedure_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."procedure_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "procedure_reviews_due_idx" ON "procedure_reviews" USING btree ("publish_at") WHERE "procedure_reviews"."status" = 'approved';