-- Transparency log: the audit records' leaves are written once per statement instead of once per row (a statement
-- import writes tens of thousands of audit records in a few statements; the row trigger ran the leaf function and an
-- insert per record). The leaves are the same (tlog_audit_leaf), in the order the statement inserted its rows (a
-- transition table is read in insertion order, as the row trigger fired), in the same transaction as the records.
CREATE FUNCTION tlog_audit_rows_logged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tlog_pending (kind, ref, data, hash, salt)
    SELECT 'audit', n.id::text, d.data, sha256('\x00'::bytea || convert_to(d.data, 'UTF8')), ''::bytea
    FROM audit_log_inserted n CROSS JOIN LATERAL (SELECT tlog_audit_leaf(n::audit_log) AS data) d;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER audit_log_tlog ON audit_log;
--> statement-breakpoint
CREATE TRIGGER audit_log_tlog AFTER INSERT ON audit_log REFERENCING NEW TABLE AS audit_log_inserted FOR EACH STATEMENT EXECUTE FUNCTION tlog_audit_rows_logged();
--> statement-breakpoint
DROP FUNCTION tlog_audit_logged();
