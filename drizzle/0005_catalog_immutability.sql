-- A published or retired procedure version is immutable: dossiers filed under it must keep seeing what they were
-- filed under. The service refuses such edits with 409; this trigger keeps the rule even for direct SQL.
CREATE OR REPLACE FUNCTION procedure_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'procedure version % is % and cannot be deleted', OLD.id, OLD.status USING ERRCODE = 'P0001';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' AND (NEW.content IS DISTINCT FROM OLD.content OR NEW.version <> OLD.version OR NEW.procedure_id <> OLD.procedure_id) THEN
    RAISE EXCEPTION 'procedure version % is % and cannot be changed', OLD.id, OLD.status USING ERRCODE = 'P0001';
  END IF;
  IF OLD.status = 'retired' AND NEW.status <> 'retired' THEN
    RAISE EXCEPTION 'procedure version % is retired', OLD.id USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER procedure_versions_immutable BEFORE UPDATE OR DELETE ON procedure_versions
  FOR EACH ROW EXECUTE FUNCTION procedure_versions_immutable();
