ALTER TABLE "analytics_counters" ADD COLUMN "channel" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "analytics_counters" DROP CONSTRAINT "analytics_counters_agency_id_month_procedure_key_pk";--> statement-breakpoint
ALTER TABLE "analytics_counters" ADD CONSTRAINT "analytics_counters_agency_id_month_procedure_key_channel_pk" PRIMARY KEY("agency_id","month","procedure_key","channel");
--> statement-breakpoint
-- The counters gain the channel dimension: rows summed over channels cannot be split, so the rollups are rebuilt from
-- the outbox history (what `rebuild` does): facts, counters and inbox emptied, every consumed event queued again; the
-- rollup worker folds them in sequence order after the start.
TRUNCATE "analytics_dossier_facts", "analytics_petition_facts", "analytics_counters", "analytics_inbox";--> statement-breakpoint
INSERT INTO "analytics_inbox" ("event_id", "seq", "type", "aggregate_id", "payload", "occurred_at") SELECT "id", "seq", "type", "aggregate_id", "payload", "occurred_at" FROM "outbox_events" WHERE "type" LIKE 'dossier.%' OR "type" LIKE 'rating.%' OR "type" LIKE 'result.%' OR "type" LIKE 'payment.%' OR "type" LIKE 'petition.%';
