CREATE TABLE "analytics_counters" (
	"agency_id" text NOT NULL,
	"month" text NOT NULL,
	"procedure_key" text NOT NULL,
	"received" bigint DEFAULT 0 NOT NULL,
	"filed_online" bigint DEFAULT 0 NOT NULL,
	"online" bigint DEFAULT 0 NOT NULL,
	"finished" bigint DEFAULT 0 NOT NULL,
	"on_time" bigint DEFAULT 0 NOT NULL,
	"late" bigint DEFAULT 0 NOT NULL,
	"with_fee" bigint DEFAULT 0 NOT NULL,
	"paid_online" bigint DEFAULT 0 NOT NULL,
	"with_result" bigint DEFAULT 0 NOT NULL,
	"electronic_result" bigint DEFAULT 0 NOT NULL,
	"digitised" bigint DEFAULT 0 NOT NULL,
	"certified" bigint DEFAULT 0 NOT NULL,
	"reused" bigint DEFAULT 0 NOT NULL,
	"prefilled" bigint DEFAULT 0 NOT NULL,
	"from_store" bigint DEFAULT 0 NOT NULL,
	"eid" bigint DEFAULT 0 NOT NULL,
	"rated" bigint DEFAULT 0 NOT NULL,
	"negative" bigint DEFAULT 0 NOT NULL,
	"proc_minutes" bigint DEFAULT 0 NOT NULL,
	"h0" bigint DEFAULT 0 NOT NULL,
	"h1" bigint DEFAULT 0 NOT NULL,
	"h2" bigint DEFAULT 0 NOT NULL,
	"h3" bigint DEFAULT 0 NOT NULL,
	"h4" bigint DEFAULT 0 NOT NULL,
	"h5" bigint DEFAULT 0 NOT NULL,
	"petitions" bigint DEFAULT 0 NOT NULL,
	"petitions_handled" bigint DEFAULT 0 NOT NULL,
	"petitions_on_time" bigint DEFAULT 0 NOT NULL,
	"petitions_satisfied" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_counters_agency_id_month_procedure_key_pk" PRIMARY KEY("agency_id","month","procedure_key")
);
--> statement-breakpoint
CREATE TABLE "analytics_dossier_facts" (
	"dossier_id" text PRIMARY KEY NOT NULL,
	"agency_id" text NOT NULL,
	"procedure_key" text NOT NULL,
	"month" text,
	"code" text,
	"state" text NOT NULL,
	"channel" text,
	"appointed_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"assignee_id" text,
	"against" integer DEFAULT 0 NOT NULL,
	"days" integer,
	"fact" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_inbox" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"type" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_petition_facts" (
	"petition_id" text PRIMARY KEY NOT NULL,
	"agency_id" text NOT NULL,
	"month" text NOT NULL,
	"fact" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "analytics_counters_month_idx" ON "analytics_counters" USING btree ("month");--> statement-breakpoint
CREATE INDEX "analytics_facts_agency_month_idx" ON "analytics_dossier_facts" USING btree ("agency_id","month");--> statement-breakpoint
CREATE INDEX "analytics_facts_open_idx" ON "analytics_dossier_facts" USING btree ("agency_id","state","appointed_at") WHERE "analytics_dossier_facts"."finished_at" is null and "analytics_dossier_facts"."state" not in ('refused', 'withdrawn', 'stopped', 'rejected', 'result_issued', 'returned');--> statement-breakpoint
CREATE INDEX "analytics_inbox_seq_idx" ON "analytics_inbox" USING btree ("seq");