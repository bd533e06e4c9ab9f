CREATE TABLE "registry_businesses" (
	"enterprise_code" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"commune_code" text NOT NULL,
	"street" text NOT NULL,
	"legal_rep_id" text NOT NULL,
	"charter_capital" bigint NOT NULL,
	"business_lines" text[] NOT NULL,
	"registered_on" date NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_businesses_code_ck" CHECK ("registry_businesses"."enterprise_code" ~ '^[0-9]{10}$')
);
--> statement-breakpoint
CREATE TABLE "registry_people" (
	"personal_id" text PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"nationality" text DEFAULT 'VN' NOT NULL,
	"ethnicity" text NOT NULL,
	"origin_commune" text NOT NULL,
	"permanent_commune" text NOT NULL,
	"permanent_street" text NOT NULL,
	"current_commune" text NOT NULL,
	"current_street" text NOT NULL,
	"household_id" text NOT NULL,
	"id_card_issued_on" date,
	"father_id" text,
	"mother_id" text,
	"spouse_id" text,
	"marriage_ref" text,
	"vneid_level" smallint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_people_id_ck" CHECK ("registry_people"."personal_id" ~ '^[0-9]{12}$'),
	CONSTRAINT "registry_people_vneid_ck" CHECK ("registry_people"."vneid_level" in (1, 2))
);
--> statement-breakpoint
CREATE TABLE "consent_notices" (
	"purpose" text NOT NULL,
	"version" integer NOT NULL,
	"text_vi" text NOT NULL,
	"text_en" text NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_notices_purpose_version_pk" PRIMARY KEY("purpose","version"),
	CONSTRAINT "consent_notices_version_ck" CHECK ("consent_notices"."version" > 0)
);
--> statement-breakpoint
CREATE TABLE "consent_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"personal_id" text NOT NULL,
	"seq" integer NOT NULL,
	"purpose" text NOT NULL,
	"notice_version" integer NOT NULL,
	"notice_digest" text NOT NULL,
	"given" boolean NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"account_id" uuid,
	"request_id" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "data_access_log" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "data_access_log_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp (3) with time zone NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"source" text NOT NULL,
	"operation" text NOT NULL,
	"account_id" uuid,
	"account_kind" text NOT NULL,
	"agency_id" uuid,
	"client" text NOT NULL,
	"purpose" text NOT NULL,
	"dossier_id" text,
	"fields" text[] NOT NULL,
	"sensitive" boolean NOT NULL,
	"request_id" text
);
--> statement-breakpoint
CREATE INDEX "registry_businesses_rep_idx" ON "registry_businesses" USING btree ("legal_rep_id");--> statement-breakpoint
CREATE UNIQUE INDEX "consent_records_chain_uq" ON "consent_records" USING btree ("personal_id","seq");--> statement-breakpoint
CREATE INDEX "consent_records_purpose_idx" ON "consent_records" USING btree ("personal_id","purpose","at");--> statement-breakpoint
CREATE INDEX "data_access_log_subject_idx" ON "data_access_log" USING btree ("subject_id","at" DESC NULLS LAST,"seq" DESC NULLS LAST);--> statement-breakpoint
-- The access log and consent records are append-only: history of who read what, and of what a citizen consented
-- to, is never edited. The services only insert; this trigger keeps the rule even for direct SQL.
CREATE OR REPLACE FUNCTION vault_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$;
--> statement-breakpoint
CREATE TRIGGER data_access_log_append_only BEFORE UPDATE OR DELETE ON data_access_log
  FOR EACH ROW EXECUTE FUNCTION vault_append_only();
--> statement-breakpoint
CREATE TRIGGER consent_records_append_only BEFORE UPDATE OR DELETE ON consent_records
  FOR EACH ROW EXECUTE FUNCTION vault_append_only();
