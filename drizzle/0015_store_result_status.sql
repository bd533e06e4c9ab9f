DROP INDEX "store_items_result_uq";--> statement-breakpoint
ALTER TABLE "store_items" ADD COLUMN "result_status" text;--> statement-breakpoint
ALTER TABLE "store_items" ADD COLUMN "result_replaced_by" text;--> statement-breakpoint
CREATE UNIQUE INDEX "store_items_result_uq" ON "store_items" USING btree ("dossier_id","sha256") WHERE "store_items"."source" = 'result';--> statement-breakpoint
UPDATE "store_items" SET "result_status" = 'valid' WHERE "source" = 'result';