CREATE TABLE "opendata_databases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"kind" text NOT NULL,
	"owner" text NOT NULL,
	"legal_basis" text NOT NULL,
	"fields" jsonb NOT NULL,
	"access" text NOT NULL,
	"dataset_name" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opendata_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"decision_ref" text,
	"issued_on" date,
	"stages" jsonb NOT NULL,
	"items" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "opendata_databases_code_uq" ON "opendata_databases" USING btree ("agency_id","code");--> statement-breakpoint
CREATE INDEX "opendata_databases_agency_idx" ON "opendata_databases" USING btree ("agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "opendata_plans_agency_year_uq" ON "opendata_plans" USING btree ("agency_id","year");