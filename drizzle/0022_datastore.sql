CREATE TABLE "datastore_tables" (
	"resource_id" uuid PRIMARY KEY NOT NULL,
	"fields" jsonb NOT NULL,
	"primary_key" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"row_count" bigint DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- The DataStore: one table per resource, `datastore."<resource id>"`, created and swapped in by the DataStore service.
CREATE SCHEMA IF NOT EXISTS datastore;
--> statement-breakpoint
-- The role `datastore_search_sql` runs as (SET LOCAL ROLE, in a read-only transaction): it may read the tables of the
-- datastore schema and nothing else of the application (no grant on public's tables). Roles are cluster-wide: created
-- once, and left alone when the migrating user may not create roles (the action then refuses to run).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'motcua_datastore_reader') THEN
    CREATE ROLE motcua_datastore_reader NOLOGIN NOSUPERUSER NOINHERIT NOCREATEDB NOCREATEROLE;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'motcua_datastore_reader not created: %', SQLERRM;
END $$;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'motcua_datastore_reader') THEN
    EXECUTE 'GRANT USAGE ON SCHEMA datastore TO motcua_datastore_reader';
    EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA datastore GRANT SELECT ON TABLES TO motcua_datastore_reader';
    -- SET ROLE needs membership of the role.
    EXECUTE format('GRANT motcua_datastore_reader TO %I', current_user);
  END IF;
EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN
  RAISE NOTICE 'motcua_datastore_reader not granted: %', SQLERRM;
END $$;
