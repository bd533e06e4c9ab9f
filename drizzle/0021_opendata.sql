CREATE TABLE "opendata_activity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dataset_id" uuid NOT NULL,
	"activity_type" text NOT NULL,
	"account_id" uuid,
	"at" timestamp (3) with time zone NOT NULL,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opendata_api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"account_id" uuid NOT NULL,
	"label" text NOT NULL,
	"agency_ids" jsonb NOT NULL,
	"roles" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"last_used_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "opendata_datasets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text,
	"notes_vi" text,
	"notes_en" text,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"groups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"formats" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"license_id" text DEFAULT 'cc-by-4.0' NOT NULL,
	"temporal_start" date,
	"temporal_end" date,
	"spatial" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"update_frequency" text,
	"contact_name" text,
	"contact_email" text,
	"version" text,
	"state" text DEFAULT 'draft' NOT NULL,
	"private" boolean DEFAULT false NOT NULL,
	"agency_id" uuid NOT NULL,
	"extras" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"metadata_created" timestamp (3) with time zone NOT NULL,
	"metadata_modified" timestamp (3) with time zone NOT NULL,
	"published_at" timestamp (3) with time zone,
	CONSTRAINT "opendata_datasets_name_ck" CHECK ("opendata_datasets"."name" ~ '^[a-z0-9_-]{2,100}$')
);
--> statement-breakpoint
CREATE TABLE "opendata_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text,
	"description_vi" text,
	"theme" text,
	"created" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opendata_resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dataset_id" uuid NOT NULL,
	"position" bigint DEFAULT 0 NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"format" text NOT NULL,
	"url" text,
	"file_ref" text,
	"size" bigint,
	"mimetype" text,
	"datastore_active" boolean DEFAULT false NOT NULL,
	"created" timestamp (3) with time zone NOT NULL,
	"last_modified" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opendata_tags" (
	"dataset_id" uuid NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "opendata_tags_dataset_id_name_pk" PRIMARY KEY("dataset_id","name")
);
--> statement-breakpoint
ALTER TABLE "opendata_activity" ADD CONSTRAINT "opendata_activity_dataset_id_opendata_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."opendata_datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opendata_resources" ADD CONSTRAINT "opendata_resources_dataset_id_opendata_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."opendata_datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opendata_tags" ADD CONSTRAINT "opendata_tags_dataset_id_opendata_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."opendata_datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "opendata_activity_at_idx" ON "opendata_activity" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "opendata_api_tokens_hash_uq" ON "opendata_api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "opendata_api_tokens_account_idx" ON "opendata_api_tokens" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "opendata_datasets_name_uq" ON "opendata_datasets" USING btree ("name");--> statement-breakpoint
CREATE INDEX "opendata_datasets_agency_idx" ON "opendata_datasets" USING btree ("agency_id","state");--> statement-breakpoint
CREATE INDEX "opendata_datasets_modified_idx" ON "opendata_datasets" USING btree ("metadata_modified");--> statement-breakpoint
CREATE UNIQUE INDEX "opendata_groups_name_uq" ON "opendata_groups" USING btree ("name");--> statement-breakpoint
CREATE INDEX "opendata_resources_dataset_idx" ON "opendata_resources" USING btree ("dataset_id","position");--> statement-breakpoint
CREATE INDEX "opendata_tags_name_idx" ON "opendata_tags" USING btree ("name");