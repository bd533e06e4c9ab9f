-- Transparency log: leaves written by the database with the records they log, so that no insert into audit_log,
-- data_access_log or consent_records (by appendAudit, a one-statement write batch, readLogged's CTE or any future
-- path) can commit without its leaf. The leaf format is src/shared/tlog/leaves.ts (canonical JSON, RFC 8785); the
-- TypeScript verifier recomputes each leaf from its record, so this SQL and that code cannot drift unnoticed.

-- A JSON string exactly as RFC 8785 / ECMAScript writes it (to_json escapes the same characters the same way).
CREATE FUNCTION tlog_json(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(to_json(t)::text, 'null') $$;
--> statement-breakpoint
-- Date.prototype.toISOString (UTC, milliseconds).
CREATE FUNCTION tlog_ts(t timestamptz) RETURNS text LANGUAGE sql STABLE AS $$ SELECT to_json(to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text $$;
--> statement-breakpoint
CREATE FUNCTION tlog_bool(b boolean) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN b IS NULL THEN 'null' WHEN b THEN 'true' ELSE 'false' END $$;
--> statement-breakpoint
-- 32 random bytes (gen_random_uuid draws from the server's strong random source).
CREATE FUNCTION tlog_salt() RETURNS bytea LANGUAGE sql VOLATILE AS $$ SELECT uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()) $$;
--> statement-breakpoint
-- commit = hex SHA-256(salt ‖ canonical JSON of the private value)
CREATE FUNCTION tlog_commit(salt bytea, priv text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT encode(sha256(salt || convert_to(priv, 'UTF8')), 'hex') $$;
--> statement-breakpoint
CREATE FUNCTION tlog_push(k text, r text, data text, salt bytea) RETURNS void LANGUAGE sql AS $$
  INSERT INTO tlog_pending (kind, ref, data, hash, salt) VALUES (k, r, data, sha256('\x00'::bytea || convert_to(data, 'UTF8')), salt)
$$;
--> statement-breakpoint

-- audit: { action, at, commit = entry_hash, kind, targetType, v }
CREATE FUNCTION tlog_audit_leaf(r audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT '{"action":' || tlog_json(r.action) || ',"at":' || tlog_ts(r.at) || ',"commit":' || tlog_json(r.entry_hash)
    || ',"kind":"audit","targetType":' || tlog_json(r.target_type) || ',"v":1}'
$$;
--> statement-breakpoint
-- data_access: public { accountKind, agencyId, at, client, fields, operation, purpose, sensitive, source },
-- private { accountId, dossierId, requestId, seq, subjectId, subjectType }
CREATE FUNCTION tlog_access_leaf(r data_access_log, salt bytea) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT '{"accountKind":' || tlog_json(r.account_kind) || ',"agencyId":' || tlog_json(r.agency_id::text) || ',"at":' || tlog_ts(r.at)
    || ',"client":' || tlog_json(r.client)
    || ',"commit":' || to_json(tlog_commit(salt, '{"accountId":' || tlog_json(r.account_id::text) || ',"dossierId":' || tlog_json(r.dossier_id)
         || ',"requestId":' || tlog_json(r.request_id) || ',"seq":' || r.seq::text || ',"subjectId":' || tlog_json(r.subject_id)
         || ',"subjectType":' || tlog_json(r.subject_type) || '}'))::text
    || ',"fields":[' || coalesce((SELECT string_agg(tlog_json(f), ',' ORDER BY o) FROM unnest(r.fields) WITH ORDINALITY AS u(f, o)), '') || ']'
    || ',"kind":"data_access","operation":' || tlog_json(r.operation) || ',"purpose":' || tlog_json(r.purpose)
    || ',"sensitive":' || tlog_bool(r.sensitive) || ',"source":' || tlog_json(r.source) || ',"v":1}'
$$;
--> statement-breakpoint
-- consent: public { at, given, noticeDigest, noticeVersion, purpose },
-- private { accountId, hash, id, personalId, prevHash, requestId, seq }
CREATE FUNCTION tlog_consent_leaf(r consent_records, salt bytea) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT '{"at":' || tlog_ts(r.at)
    || ',"commit":' || to_json(tlog_commit(salt, '{"accountId":' || tlog_json(r.account_id::text) || ',"hash":' || tlog_json(r.hash)
         || ',"id":' || tlog_json(r.id::text) || ',"personalId":' || tlog_json(r.personal_id) || ',"prevHash":' || tlog_json(r.prev_hash)
         || ',"requestId":' || tlog_json(r.request_id) || ',"seq":' || r.seq::text || '}'))::text
    || ',"given":' || tlog_bool(r.given) || ',"kind":"consent","noticeDigest":' || tlog_json(r.notice_digest)
    || ',"noticeVersion":' || r.notice_version::text || ',"purpose":' || tlog_json(r.purpose) || ',"v":1}'
$$;
--> statement-breakpoint

CREATE FUNCTION tlog_audit_logged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM tlog_push('audit', NEW.id::text, tlog_audit_leaf(NEW), ''::bytea);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION tlog_access_logged() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE s bytea := tlog_salt();
BEGIN
  PERFORM tlog_push('data_access', NEW.seq::text, tlog_access_leaf(NEW, s), s);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION tlog_consent_logged() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE s bytea := tlog_salt();
BEGIN
  PERFORM tlog_push('consent', NEW.id::text, tlog_consent_leaf(NEW, s), s);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_tlog AFTER INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION tlog_audit_logged();
--> statement-breakpoint
CREATE TRIGGER data_access_log_tlog AFTER INSERT ON data_access_log FOR EACH ROW EXECUTE FUNCTION tlog_access_logged();
--> statement-breakpoint
CREATE TRIGGER consent_records_tlog AFTER INSERT ON consent_records FOR EACH ROW EXECUTE FUNCTION tlog_consent_logged();
--> statement-breakpoint

-- Records written before the log existed are logged now, in their own order.
INSERT INTO tlog_pending (kind, ref, data, hash, salt)
  SELECT 'audit', a.id::text, d.data, sha256('\x00'::bytea || convert_to(d.data, 'UTF8')), ''::bytea
  FROM audit_log a CROSS JOIN LATERAL (SELECT tlog_audit_leaf(a) AS data) d ORDER BY a.chain_seq NULLS LAST, a.at, a.id;
--> statement-breakpoint
INSERT INTO tlog_pending (kind, ref, data, hash, salt)
  SELECT 'data_access', r.seq::text, d.data, sha256('\x00'::bytea || convert_to(d.data, 'UTF8')), x.s
  FROM data_access_log r CROSS JOIN LATERAL (SELECT tlog_salt() AS s OFFSET 0) x CROSS JOIN LATERAL (SELECT tlog_access_leaf(r, x.s) AS data) d ORDER BY r.seq;
--> statement-breakpoint
INSERT INTO tlog_pending (kind, ref, data, hash, salt)
  SELECT 'consent', r.id::text, d.data, sha256('\x00'::bytea || convert_to(d.data, 'UTF8')), x.s
  FROM consent_records r CROSS JOIN LATERAL (SELECT tlog_salt() AS s OFFSET 0) x CROSS JOIN LATERAL (SELECT tlog_consent_leaf(r, x.s) AS data) d ORDER BY r.at, r.seq;
--> statement-breakpoint

-- The log itself is append-only: entries and checkpoints are never changed, a tile only grows (its old hashes kept).
CREATE FUNCTION tlog_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the transparency log is append-only (% on %)', TG_OP, TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER tlog_entries_append_only BEFORE UPDATE OR DELETE ON tlog_entries FOR EACH ROW EXECUTE FUNCTION tlog_append_only();
--> statement-breakpoint
CREATE TRIGGER tlog_checkpoints_append_only BEFORE UPDATE OR DELETE ON tlog_checkpoints FOR EACH ROW EXECUTE FUNCTION tlog_append_only();
--> statement-breakpoint
CREATE FUNCTION tlog_tiles_grow_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.level <> OLD.level OR NEW.idx <> OLD.idx OR NEW.width < OLD.width
     OR substring(NEW.hashes FROM 1 FOR length(OLD.hashes)) <> OLD.hashes THEN
    RAISE EXCEPTION 'a log tile only grows (% on tile %/%)', TG_OP, OLD.level, OLD.idx USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER tlog_tiles_grow_only BEFORE UPDATE OR DELETE ON tlog_tiles FOR EACH ROW EXECUTE FUNCTION tlog_tiles_grow_only();
