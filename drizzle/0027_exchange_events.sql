CREATE TABLE "exchange_consultations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"direction" text NOT NULL,
	"dossier_code" text NOT NULL,
	"dossier_id" uuid,
	"procedure_name" text NOT NULL,
	"from_agency_code" text NOT NULL,
	"from_agency_name" text NOT NULL,
	"to_agency_code" text NOT NULL,
	"to_agency_name" text NOT NULL,
	"question" text NOT NULL,
	"step_due_at" timestamp (3) with time zone,
	"status" text NOT NULL,
	"opinion" text,
	"answered_by" text,
	"asked_at" timestamp (3) with time zone NOT NULL,
	"answered_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "exchange_inbox" (
	"id" uuid PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"from_node" text NOT NULL,
	"subject" text NOT NULL,
	"applied_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exchange_outbound" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subject" text NOT NULL,
	"message" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone,
	"last_error" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"sent_at" timestamp (3) with time zone,
	"stream_seq" integer
);
--> statement-breakpoint
CREATE TABLE "exchange_remote_agencies" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"node" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "portal_sync" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dossier_code" text NOT NULL,
	"agency_code" text NOT NULL,
	"national_status" integer NOT NULL,
	"record" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone,
	"last_error" text,
	"changed_at" timestamp (3) with time zone NOT NULL,
	"synced_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE INDEX "exchange_consultations_to_idx" ON "exchange_consultations" USING btree ("direction","to_agency_code","status");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_consultations_dossier_idx" ON "exchange_consultations" USING btree ("direction","dossier_code","asked_at");--> statement-breakpoint
CREATE INDEX "exchange_outbound_pending_idx" ON "exchange_outbound" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "portal_sync_pending_idx" ON "portal_sync" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "portal_sync_agency_idx" ON "portal_sync" USING btree ("agency_code","changed_at");