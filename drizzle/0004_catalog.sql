CREATE TABLE "procedure_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"procedure_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"national_code" text,
	"field" text NOT NULL,
	"implementing_level" text NOT NULL,
	"agency_kind" text NOT NULL,
	"online_level" text NOT NULL,
	"applicant_types" text[] NOT NULL,
	"life_events" text[] NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('simple', vn_fold(coalesce("procedure_versions"."name_vi", ''))), 'A')
        || setweight(to_tsvector('simple', coalesce("procedure_versions"."national_code", '')), 'A')
        || setweight(to_tsvector('simple', vn_fold(coalesce("procedure_versions"."content"->'result'->'name'->>'vi', ''))), 'B')
        || setweight(to_tsvector('simple', vn_fold(coalesce("procedure_versions"."name_en", ''))), 'C')) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "procedures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"national_code" text,
	"current_version_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "procedure_versions" ADD CONSTRAINT "procedure_versions_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "public"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_versions_version_uq" ON "procedure_versions" USING btree ("procedure_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "procedure_versions_one_draft_uq" ON "procedure_versions" USING btree ("procedure_id") WHERE "procedure_versions"."status" = 'draft';--> statement-breakpoint
CREATE INDEX "procedure_versions_search_idx" ON "procedure_versions" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "procedure_versions_field_idx" ON "procedure_versions" USING btree ("field","status");--> statement-breakpoint
CREATE UNIQUE INDEX "procedures_key_uq" ON "procedures" USING btree ("key");--> statement-breakpoint
CREATE INDEX "procedures_code_idx" ON "procedures" USING btree ("national_code");