CREATE TABLE "payment_accounts" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"providers" jsonb NOT NULL,
	"bank_bin" text,
	"account_number" text,
	"account_name" text,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "payment_credits" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bank_ref" text NOT NULL,
	"agency_id" uuid,
	"account_number" text,
	"amount_vnd" bigint NOT NULL,
	"text" text NOT NULL,
	"booked_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"outcome" text NOT NULL,
	"code" text,
	"payment_id" uuid,
	"difference_vnd" bigint,
	"queue" text NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"resolution" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"payment_id" uuid NOT NULL,
	"status" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_keys" (
	"name" text PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_notifications" (
	"provider" text NOT NULL,
	"txn_ref" text NOT NULL,
	"payment_id" uuid,
	"outcome" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payment_notifications_provider_txn_ref_pk" PRIMARY KEY("provider","txn_ref")
);
--> statement-breakpoint
CREATE TABLE "payment_receipt_counters" (
	"agency_id" uuid NOT NULL,
	"series" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "payment_receipt_counters_agency_id_series_pk" PRIMARY KEY("agency_id","series")
);
--> statement-breakpoint
CREATE TABLE "payment_receipts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"payment_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"form" text NOT NULL,
	"series" text NOT NULL,
	"number" integer NOT NULL,
	"issuer" text NOT NULL,
	"payer_name" text NOT NULL,
	"total_vnd" bigint NOT NULL,
	"sha256" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_refunds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"payment_id" uuid NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"provider_refund_ref" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_webhook_deliveries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"webhook_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"payment_id" uuid,
	"body" jsonb NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_at" timestamp with time zone NOT NULL,
	"last_status_code" integer,
	"last_error" text,
	"created_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "payment_webhooks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"url" text NOT NULL,
	"description" text NOT NULL,
	"secret" text NOT NULL,
	"previous_secret" text,
	"previous_until" timestamp with time zone,
	"active" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"dossier_id" uuid,
	"reference" text NOT NULL,
	"description" text NOT NULL,
	"amount_vnd" bigint NOT NULL,
	"agency_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"provider_ref" text,
	"status" text NOT NULL,
	"return_url" text NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"next" jsonb,
	"created_by" uuid,
	"payer_name" text NOT NULL,
	"lines" jsonb NOT NULL,
	"provider_txn_ref" text,
	"paid_at" timestamp with time zone,
	"failure" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "payment_credits_ref_uq" ON "payment_credits" USING btree ("bank_ref");--> statement-breakpoint
CREATE INDEX "payment_credits_queue_idx" ON "payment_credits" USING btree ("queue","created_at");--> statement-breakpoint
CREATE INDEX "payment_events_payment_idx" ON "payment_events" USING btree ("payment_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_receipts_payment_uq" ON "payment_receipts" USING btree ("payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_receipts_number_uq" ON "payment_receipts" USING btree ("agency_id","series","number");--> statement-breakpoint
CREATE INDEX "payment_refunds_payment_idx" ON "payment_refunds" USING btree ("payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_webhook_deliveries_uq" ON "payment_webhook_deliveries" USING btree ("webhook_id","event_id");--> statement-breakpoint
CREATE INDEX "payment_webhook_deliveries_due_idx" ON "payment_webhook_deliveries" USING btree ("status","next_at");--> statement-breakpoint
CREATE INDEX "payment_webhooks_agency_idx" ON "payment_webhooks" USING btree ("agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_code_uq" ON "payments" USING btree ("code");--> statement-breakpoint
CREATE INDEX "payments_dossier_idx" ON "payments" USING btree ("dossier_id","created_at");--> statement-breakpoint
CREATE INDEX "payments_agency_idx" ON "payments" USING btree ("agency_id","created_at");--> statement-breakpoint
CREATE INDEX "payments_open_idx" ON "payments" USING btree ("status","expires_at");