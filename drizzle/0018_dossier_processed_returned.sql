ALTER TABLE "dossiers" ADD COLUMN "returned_at" timestamp with time zone;--> statement-breakpoint
-- Backfill the two moments from each dossier's append-only action list: "processing finished" (national status 9)
-- is the first entry into result_issued or rejected (the result, or the refusal letter, exists); "returned" the
-- first entry into returned. Dossiers stopped, withdrawn or refused at reception lose the finish they were stamped
-- with: they never finished processing (Decision 766 does not judge them on time or late).
UPDATE "dossiers" d SET
  "finished_at" = (SELECT min(a."at") FROM "dossier_actions" a WHERE a."dossier_id" = d."id" AND a."to_state" IN ('result_issued', 'rejected')),
  "returned_at" = (SELECT min(a."at") FROM "dossier_actions" a WHERE a."dossier_id" = d."id" AND a."to_state" = 'returned')
WHERE d."finished_at" IS NOT NULL OR d."state" IN ('result_issued', 'rejected', 'returned');
