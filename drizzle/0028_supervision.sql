CREATE TABLE "supervision_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"obligation_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"enterprise_code" text NOT NULL,
	"period" text NOT NULL,
	"rule" text NOT NULL,
	"delivery_id" uuid,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_code" text NOT NULL,
	"key_hash" text NOT NULL,
	"label" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"last_used_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "supervision_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"obligation_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"enterprise_code" text NOT NULL,
	"enterprise_name" text NOT NULL,
	"period" text NOT NULL,
	"version" integer NOT NULL,
	"supersedes" uuid,
	"superseded_by" uuid,
	"channel" text NOT NULL,
	"account_id" uuid,
	"api_key_id" uuid,
	"content_sha256" text NOT NULL,
	"records" jsonb NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"due_day" text NOT NULL,
	"late" boolean NOT NULL,
	"findings" jsonb NOT NULL,
	"receipt" jsonb NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_obligations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"legal_basis" text NOT NULL,
	"frequency" text NOT NULL,
	"due_day" integer NOT NULL,
	"format" text NOT NULL,
	"fields" jsonb NOT NULL,
	"subjects" jsonb NOT NULL,
	"subject_codes" text[] NOT NULL,
	"start_period" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "supervision_obligations_due_ck" CHECK ("supervision_obligations"."due_day" between 1 and 28)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_alerts_uq" ON "supervision_alerts" USING btree ("obligation_id","enterprise_code","period","rule",coalesce("delivery_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE INDEX "supervision_alerts_agency_idx" ON "supervision_alerts" USING btree ("agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_api_keys_hash_uq" ON "supervision_api_keys" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "supervision_api_keys_enterprise_idx" ON "supervision_api_keys" USING btree ("enterprise_code");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_deliveries_version_uq" ON "supervision_deliveries" USING btree ("obligation_id","enterprise_code","period","version");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_deliveries_current_uq" ON "supervision_deliveries" USING btree ("obligation_id","enterprise_code","period") WHERE "supervision_deliveries"."superseded_by" is null;--> statement-breakpoint
CREATE INDEX "supervision_deliveries_hash_idx" ON "supervision_deliveries" USING btree ("obligation_id","enterprise_code","period","content_sha256");--> statement-breakpoint
CREATE INDEX "supervision_obligations_agency_idx" ON "supervision_obligations" USING btree ("agency_id");