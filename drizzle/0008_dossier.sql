CREATE TABLE "idempotency_keys" (
	"principal_id" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer NOT NULL,
	"response_body" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_principal_id_key_pk" PRIMARY KEY("principal_id","key")
);
--> statement-breakpoint
CREATE TABLE "dossier_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"actor_account_id" uuid,
	"actor_role" text NOT NULL,
	"actor_name" text,
	"agency_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"comment" text,
	"attachment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"step_due_at" timestamp with time zone,
	"hand_off" text,
	"idempotency_key" text
);
--> statement-breakpoint
CREATE TABLE "dossier_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_id" uuid NOT NULL,
	"document_id" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"blob_key" text NOT NULL,
	"uploaded_by_account_id" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dossier_code_counters" (
	"agency_code" text NOT NULL,
	"day" text NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "dossier_code_counters_agency_code_day_pk" PRIMARY KEY("agency_code","day")
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text,
	"procedure_id" uuid NOT NULL,
	"procedure_version_id" uuid NOT NULL,
	"procedure_key" text NOT NULL,
	"procedure_code" text,
	"procedure_name" jsonb NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_code" text NOT NULL,
	"channel" text NOT NULL,
	"state" text NOT NULL,
	"national_status" integer NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"subject_name" text NOT NULL,
	"subject_name_folded" text NOT NULL,
	"owner_account_id" uuid,
	"agent_account_id" uuid,
	"agent_name" text,
	"created_by_account_id" uuid NOT NULL,
	"filed_by_officer" boolean DEFAULT false NOT NULL,
	"data" jsonb NOT NULL,
	"submitted_at" timestamp with time zone,
	"received_at" timestamp with time zone,
	"due_at" timestamp with time zone,
	"original_due_at" timestamp with time zone,
	"due_soon_at" timestamp with time zone,
	"budget_minutes" integer,
	"step_deadlines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"assignee_id" uuid,
	"consult_agency_id" uuid,
	"finished_at" timestamp with time zone,
	"event_count" integer DEFAULT 0 NOT NULL,
	"projection" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dossier_actions" ADD CONSTRAINT "dossier_actions_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_attachments" ADD CONSTRAINT "dossier_attachments_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dossier_actions_seq_uq" ON "dossier_actions" USING btree ("dossier_id","seq");--> statement-breakpoint
CREATE INDEX "dossier_attachments_dossier_idx" ON "dossier_attachments" USING btree ("dossier_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_code_uq" ON "dossiers" USING btree ("code");--> statement-breakpoint
CREATE INDEX "dossiers_agency_state_idx" ON "dossiers" USING btree ("agency_id","state","submitted_at","id");--> statement-breakpoint
CREATE INDEX "dossiers_owner_idx" ON "dossiers" USING btree ("owner_account_id","created_at");--> statement-breakpoint
CREATE INDEX "dossiers_subject_idx" ON "dossiers" USING btree ("subject_id");--> statement-breakpoint
-- History is never edited: the action list of a dossier is append-only.
CREATE FUNCTION dossier_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dossier_actions is append-only (% refused)', TG_OP;
END
$$;--> statement-breakpoint
CREATE TRIGGER dossier_actions_append_only BEFORE UPDATE OR DELETE ON dossier_actions FOR EACH ROW EXECUTE FUNCTION dossier_actions_append_only();
