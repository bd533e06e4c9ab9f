CREATE TABLE "data_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"personal_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"type" text NOT NULL,
	"detail" text NOT NULL,
	"status" text NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"answered_at" timestamp (3) with time zone,
	"answered_by_account_id" uuid,
	"answer" text,
	"refusal_reason" text,
	"export" jsonb
);
--> statement-breakpoint
CREATE TABLE "store_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" text NOT NULL,
	"document_type" text NOT NULL,
	"title" text NOT NULL,
	"issuer" text,
	"issuer_agency_id" uuid,
	"valid_from" date,
	"valid_until" date,
	"source" text NOT NULL,
	"dossier_id" uuid,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"blob_key" text NOT NULL,
	"created_by_account_id" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	"deleted_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "dossier_attachments" ADD COLUMN "source" text DEFAULT 'upload' NOT NULL;--> statement-breakpoint
ALTER TABLE "dossier_attachments" ADD COLUMN "store_item_id" uuid;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "prefill" jsonb;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "prefill_hash" text;--> statement-breakpoint
CREATE INDEX "data_requests_person_idx" ON "data_requests" USING btree ("personal_id","received_at");--> statement-breakpoint
CREATE INDEX "data_requests_status_idx" ON "data_requests" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "store_items_owner_idx" ON "store_items" USING btree ("owner_type","owner_id","document_type");--> statement-breakpoint
CREATE UNIQUE INDEX "store_items_result_uq" ON "store_items" USING btree ("dossier_id") WHERE "store_items"."source" = 'result';