-- Extensions and helper functions used by full-text search (PostgreSQL 15+ and PGlite).
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- unaccent() is only STABLE (it depends on the dictionary setting); naming the dictionary explicitly makes this
-- wrapper safe to declare IMMUTABLE so it can be used in generated columns and indexes. Folds đ→d as well.
CREATE OR REPLACE FUNCTION immutable_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
--> statement-breakpoint
-- Vietnamese text folded for search: lower case, no diacritics.
CREATE OR REPLACE FUNCTION vn_fold(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.immutable_unaccent($1)) $$;
