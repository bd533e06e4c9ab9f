/**
 * The same-work ceiling of bench:dossier (issue 12 item 5): a bare Fastify + `pg` route doing exactly the durable
 * work of a submission, the way item 1 asks the platform to do it — one transaction with one locked read (the row
 * and its attached documents) and one data-modifying CTE that appends the action, updates the projection, appends
 * the audit record (with its hash) and the outbox event, and stores the idempotency record; prepared (named)
 * statements; the shared e-form validation (compiled once), the shared state machine, the shared required-documents
 * rule and the platform's own answer (dossierView). What it leaves out: the session and CSRF lookup (a fixed caller)
 * and the platform's plumbing. Codes come from an in-memory counter (no round trip), on its own database.
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { answerStats } from '../lib/counters';
import { prepareDossierBench } from '../lib/dossier-setup';
import { parseDefinition, validate, todayInVietnam } from '../../src/shared/eform';
import { missingDocuments } from '../../src/shared/catalog';
import { applyEvent, checkAction, factsOf, type DossierEvent, type State } from '../../src/shared/dossier';
import { auditEntryFields } from '../../src/platform/audit/audit.service';
import { canonicalJson, digestOf, sha256 } from '../../src/platform/audit/canonical';
import { dossierView } from '../../src/modules/dossier/dossier.views';
import { codeDay } from '../../src/modules/dossier/dossier.code';
import type { DossierRow } from '../../src/modules/dossier/dossier.repo';

answerStats();
const url = process.env.DATABASE_URL;
if (!url) throw new Error('the ceiling runs on PostgreSQL (DATABASE_URL)');
const { platform, db, ids } = await prepareDossierBench();
const { sql } = await import('drizzle-orm');
const first = ((await db.execute(sql`select procedure_version_id, owner_account_id from dossiers where id = ${ids[0]}`)) as unknown as { rows: Array<{ procedure_version_id: string; owner_account_id: string }> }).rows[0];
const version = await platform.services.catalog.getVersion(first.procedure_version_id);
await platform.close();
const parsed = parseDefinition(version.eform);
if (!parsed.ok) throw new Error('bench e-form does not compile');
const definition = parsed.definition;
const owner = first.owner_account_id;

const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DB_POOL_SIZE ?? 20) });
const LOCK = {
  name: 'ceiling_lock',
  text: `select d.*, coalesce((select array_agg(a.document_id) from dossier_attachments a where a.dossier_id = d.id and a.removed_at is null), '{}') as docs
         from dossiers d where d.id = $1 for update of d`,
};
const WRITE = {
  name: 'ceiling_write',
  text: `with act as (
      insert into dossier_actions (dossier_id, seq, type, payload, from_state, to_state, actor_account_id, actor_role, actor_name, agency_id, at, idempotency_key)
      values ($1, $2, 'submit', $3, $4, $5, $6, 'applicant', $7, null, $8, $9)),
    upd as (
      update dossiers set code = $10, submitted_at = $8, data = $11, state = $5, national_status = $12, assignee_id = $13, event_count = $14, projection = $15, updated_at = $8
      where id = $1 returning code),
    aud as (
      insert into audit_log (id, at, actor_id, actor_kind, actor_role, agency_id, action, target_type, target_id, request_id, before_digest, after_digest, entry_hash)
      values ($16, $8, $6, 'citizen', 'applicant', null, 'dossier.submitted', 'dossier', $1, $17, $18, $19, $20)),
    evt as (
      insert into outbox_events (type, aggregate_type, aggregate_id, payload) values ('dossier.submitted', 'dossier', $1, $21)),
    idem as (
      insert into idempotency_keys (principal_id, key, request_hash, status_code, response_body, created_at) values ($6, $9, $22, 200, $23, $8))
    select code from upd`,
};

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
class Refused extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

const app = Fastify({ logger: false });
let seq = 0;
app.post('/ceiling/:id/submit', async (req, reply) => {
  const id = (req.params as { id: string }).id;
  const key = req.headers['idempotency-key'] as string;
  const client = await pool.connect();
  try {
    await client.query('begin');
    const r = await client.query({ ...LOCK, values: [id] });
    const raw = r.rows[0];
    if (!raw) throw new Refused(404, 'not found');
    const locked = Object.fromEntries(Object.entries(raw).map(([k, v]) => [camel(k), v])) as unknown as DossierRow & { docs: string[] };
    if (locked.ownerAccountId !== owner) throw new Refused(403, 'not yours');
    const action = { type: 'submit', channel: locked.channel } as const;
    const facts = factsOf(locked.projection);
    const check = checkAction(locked.state as State, 'applicant', action, facts);
    if (!check.ok) throw new Refused(409, check.code);
    const now = new Date();
    const v = validate(definition, locked.data, { today: todayInVietnam(now) });
    if (!v.ok) throw new Refused(422, 'invalid data');
    const data = v.data as Record<string, unknown>;
    if (missingDocuments(version.documents, version.eform, data, locked.docs).length) throw new Refused(422, 'missing documents');
    const at = now.toISOString();
    const event: DossierEvent = { action, at, actor: { role: 'applicant', id: owner } };
    const p = applyEvent(locked.projection, event);
    const code = `${locked.agencyCode}-${codeDay(now)}-${String(++seq).padStart(4, '0')}`;
    const audit = { id: randomUUID(), at: now, actorId: owner, actorKind: 'citizen', actorRole: 'applicant', agencyId: null, action: 'dossier.submitted', targetType: 'dossier', targetId: id, requestId: req.id, beforeDigest: digestOf({ state: locked.state }), afterDigest: digestOf({ state: p.state, seq: locked.eventCount }) };
    const entryHash = sha256(canonicalJson(auditEntryFields(audit)));
    const row: DossierRow = { ...locked, code, submittedAt: now, data, state: p.state, nationalStatus: p.nationalStatus, assigneeId: p.assigneeId, eventCount: p.eventCount, projection: p, updatedAt: now };
    const body = dossierView(row, now);
    const payload = { code, agencyId: row.agencyId, procedureVersionId: row.procedureVersionId, from: locked.state, to: p.state, nationalStatus: p.nationalStatus, at, seq: locked.eventCount, forms: [], handOff: null, procedureKey: row.procedureKey, channel: row.channel, dueAt: null, assigneeId: row.assigneeId, prefilled: row.prefill != null, eid: true };
    const requestHash = sha256(canonicalJson({ method: 'POST', route: '/ceiling/:id/submit', params: { id }, body: null }));
    await client.query({
      ...WRITE,
      values: [id, locked.eventCount, JSON.stringify(action), locked.state, p.state, owner, 'bench', now, key, code, JSON.stringify(data), p.nationalStatus, p.assigneeId, p.eventCount, JSON.stringify(p), audit.id, req.id, audit.beforeDigest, audit.afterDigest, entryHash, JSON.stringify(payload), requestHash, JSON.stringify(body)],
    });
    await client.query('commit');
    return body;
  } catch (err) {
    await client.query('rollback');
    if (err instanceof Refused) return reply.status(err.status).send({ code: err.message });
    throw err;
  } finally {
    client.release();
  }
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.send!({ port: (app.server.address() as { port: number }).port, drafts: ids });
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
