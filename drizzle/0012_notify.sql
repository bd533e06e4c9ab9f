CREATE TABLE "notify_inbox" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"type" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_until" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "notify_jobs" (
	"name" text NOT NULL,
	"day" text NOT NULL,
	"ran_at" timestamp with time zone NOT NULL,
	CONSTRAINT "notify_jobs_name_day_pk" PRIMARY KEY("name","day")
);
--> statement-breakpoint
CREATE TABLE "notify_keys" (
	"name" text PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"event_type" text NOT NULL,
	"kind" text NOT NULL,
	"mandatory" boolean DEFAULT false NOT NULL,
	"dossier_id" uuid,
	"dossier_code" text,
	"agency_id" uuid,
	"recipient_account_id" uuid,
	"recipient_kind" text NOT NULL,
	"channel" text NOT NULL,
	"language" text NOT NULL,
	"template_version" integer NOT NULL,
	"template_scope" text NOT NULL,
	"to_address" text,
	"to_masked" text,
	"to_hash" text,
	"subject" text,
	"body" text,
	"extra" jsonb,
	"sender" jsonb,
	"sms_segments" integer,
	"status" text NOT NULL,
	"status_reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"sending_since" timestamp with time zone,
	"carrier_ref" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"erased_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_preferences" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"language" text DEFAULT 'vi' NOT NULL,
	"email" text,
	"phone" text,
	"by_email" boolean DEFAULT false NOT NULL,
	"by_sms" boolean DEFAULT false NOT NULL,
	"by_zalo" boolean DEFAULT false NOT NULL,
	"email_opt_out" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_quota" (
	"channel" text NOT NULL,
	"day" text NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "notify_quota_channel_day_pk" PRIMARY KEY("channel","day")
);
--> statement-breakpoint
CREATE TABLE "notify_senders" (
	"agency_id" uuid PRIMARY KEY NOT NULL,
	"email_from_name" text,
	"email_from_address" text,
	"reply_to" text,
	"sms_brandname" text,
	"zalo_oa_id" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"language" text NOT NULL,
	"scope" text NOT NULL,
	"version" integer NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"zalo_template_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by_account_id" uuid
);
--> statement-breakpoint
CREATE TABLE "notify_watch" (
	"dossier_id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"code" text,
	"procedure_name" jsonb NOT NULL,
	"assignee_id" uuid,
	"due_at" timestamp with time zone,
	"overdue_notified_for" timestamp with time zone,
	"running" boolean NOT NULL,
	"last_seq" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "notify_inbox_pending_idx" ON "notify_inbox" USING btree ("seq") WHERE "notify_inbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "notify_messages_due_idx" ON "notify_messages" USING btree ("channel","next_attempt_at") WHERE "notify_messages"."status" in ('created', 'temporary-failure') and "notify_messages"."next_attempt_at" is not null;--> statement-breakpoint
CREATE INDEX "notify_messages_sending_idx" ON "notify_messages" USING btree ("channel","sending_since") WHERE "notify_messages"."status" = 'sending' and "notify_messages"."carrier_ref" is null;--> statement-breakpoint
CREATE INDEX "notify_messages_inbox_idx" ON "notify_messages" USING btree ("recipient_account_id","created_at") WHERE "notify_messages"."channel" = 'inapp';--> statement-breakpoint
CREATE INDEX "notify_messages_dossier_idx" ON "notify_messages" USING btree ("dossier_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notify_templates_version_uq" ON "notify_templates" USING btree ("kind","channel","language","scope","version");--> statement-breakpoint
CREATE INDEX "notify_watch_due_idx" ON "notify_watch" USING btree ("due_at") WHERE "notify_watch"."running";