CREATE TABLE "result_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"verification_code" text NOT NULL,
	"document_type" text NOT NULL,
	"title" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text,
	"issuer_agency_id" uuid NOT NULL,
	"issuer_name" text NOT NULL,
	"number" text,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"issued_at" timestamp (3) with time zone NOT NULL,
	"sha256" text NOT NULL,
	"blob_key" text NOT NULL,
	"file_name" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"status" text DEFAULT 'valid' NOT NULL,
	"replaced_by" uuid,
	"reason" text,
	CONSTRAINT "result_documents_status_ck" CHECK ("result_documents"."status" in ('valid', 'revoked', 'replaced'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "result_documents_code_uq" ON "result_documents" USING btree ("verification_code");--> statement-breakpoint
CREATE UNIQUE INDEX "result_documents_sha256_uq" ON "result_documents" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "result_documents_number_uq" ON "result_documents" USING btree ("issuer_agency_id","document_type","year","seq");--> statement-breakpoint
CREATE INDEX "result_documents_dossier_idx" ON "result_documents" USING btree ("dossier_id");