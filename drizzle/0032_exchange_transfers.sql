CREATE TABLE "exchange_transfers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"direction" text NOT NULL,
	"dossier_code" text NOT NULL,
	"dossier_id" uuid,
	"local_dossier_id" uuid,
	"remote_dossier_code" text,
	"procedure_key" text NOT NULL,
	"procedure_name" text NOT NULL,
	"from_agency_code" text NOT NULL,
	"from_agency_name" text NOT NULL,
	"to_agency_code" text NOT NULL,
	"to_agency_name" text NOT NULL,
	"note" text,
	"step_due_at" timestamp (3) with time zone,
	"status" text NOT NULL,
	"outcome" text,
	"summary" text,
	"answered_by" text,
	"sent_at" timestamp (3) with time zone NOT NULL,
	"received_at" timestamp (3) with time zone,
	"answered_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE INDEX "exchange_transfers_to_idx" ON "exchange_transfers" USING btree ("direction","to_agency_code","status");--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_transfers_local_dossier_idx" ON "exchange_transfers" USING btree ("local_dossier_id");