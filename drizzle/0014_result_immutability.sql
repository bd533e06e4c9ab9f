-- A signed result is immutable: its file, hash, number, issuer and subject never change and the row is never
-- deleted; only status, replaced_by and reason may change (revocation, replacement).
CREATE OR REPLACE FUNCTION result_documents_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'result_documents rows are never deleted';
  END IF;
  IF NEW.id IS DISTINCT FROM OLD.id OR NEW.dossier_id IS DISTINCT FROM OLD.dossier_id
     OR NEW.verification_code IS DISTINCT FROM OLD.verification_code OR NEW.document_type IS DISTINCT FROM OLD.document_type
     OR NEW.title IS DISTINCT FROM OLD.title OR NEW.subject_type IS DISTINCT FROM OLD.subject_type
     OR NEW.subject_id IS DISTINCT FROM OLD.subject_id OR NEW.issuer_agency_id IS DISTINCT FROM OLD.issuer_agency_id
     OR NEW.issuer_name IS DISTINCT FROM OLD.issuer_name OR NEW.number IS DISTINCT FROM OLD.number
     OR NEW.year IS DISTINCT FROM OLD.year OR NEW.seq IS DISTINCT FROM OLD.seq OR NEW.issued_at IS DISTINCT FROM OLD.issued_at
     OR NEW.sha256 IS DISTINCT FROM OLD.sha256 OR NEW.blob_key IS DISTINCT FROM OLD.blob_key
     OR NEW.file_name IS DISTINCT FROM OLD.file_name OR NEW.size_bytes IS DISTINCT FROM OLD.size_bytes THEN
    RAISE EXCEPTION 'a signed result is immutable (only its status may change)';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER result_documents_immutable BEFORE UPDATE OR DELETE ON result_documents
  FOR EACH ROW EXECUTE FUNCTION result_documents_immutable();
