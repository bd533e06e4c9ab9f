ALTER TABLE "analytics_counters" ADD COLUMN "channel" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_counters" DROP CONSTRAINT "analytics_counters_agency_id_month_procedure_key_pk";--> statement-breakpoint
ALTER TABLE "analytics_counters" ADD CONSTRAINT "analytics_counters_agency_id_month_procedure_key_channel_pk" PRIMARY KEY("agency_id","month","procedure_key","channel");
