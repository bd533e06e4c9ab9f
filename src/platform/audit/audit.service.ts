import { randomUUID } from 'node:crypto';
import { asc, isNull, sql, gt } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import { pgArray } from '../db/write-batch';
import { auditLog } from './audit.schema';
import { canonicalJson, digestOf, sha256 } from './canonical';
import type { Actor } from '../auth/actor';

export interface AuditInput {
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  /** The agency in whose name the actor acted, when not the actor's default. */
  agencyId?: string | null;
  /** The role the actor acted in, when not the actor's default. */
  role?: string | null;
}

type AuditRow = typeof auditLog.$inferSelect;

/**
 * The fields that make up an entry's hash, in one place so append and verify cannot disagree. Exported for the
 * transparency log, whose audit leaves commit to this object (its hash is the entry hash) and disclose it to whoever
 * may see the record.
 */
export function auditEntryFields(r: Pick<AuditRow, 'id' | 'at' | 'actorId' | 'actorKind' | 'actorRole' | 'agencyId' | 'action' | 'targetType' | 'targetId' | 'requestId' | 'beforeDigest' | 'afterDigest'>) {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actorId: r.actorId,
    actorKind: r.actorKind,
    actorRole: r.actorRole,
    agencyId: r.agencyId,
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    requestId: r.requestId,
    beforeDigest: r.beforeDigest,
    afterDigest: r.afterDigest,
  };
}

function entryContent(r: Parameters<typeof auditEntryFields>[0]) {
  return canonicalJson(auditEntryFields(r));
}

const GENESIS = '0'.repeat(64);
/** Advisory lock key of the sealer: one sealer at a time across processes. */
const SEAL_LOCK = 7_262_001;

/** The insert of an audit record, not yet executed (to run inside a transaction or a write batch). */
function auditRow(actor: Actor, input: AuditInput, now: Date) {
  const row = {
    id: randomUUID(),
    // PostgreSQL keeps microseconds, JavaScript milliseconds: store what we hash.
    at: new Date(Math.floor(now.getTime())),
    actorId: actor.accountId ?? null,
    actorKind: actor.kind,
    actorRole: input.role ?? actor.role ?? null,
    agencyId: input.agencyId ?? actor.agencyId ?? null,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    requestId: actor.requestId ?? null,
    beforeDigest: digestOf(input.before),
    afterDigest: digestOf(input.after),
  };
  return { ...row, entryHash: sha256(entryContent(row)) };
}

export function auditInsert(db: DbOrTx, actor: Actor, input: AuditInput, now: Date = new Date()) {
  return db.insert(auditLog).values(auditRow(actor, input, now));
}

/**
 * The insert of audit records from 13 array parameters, `$<first>` … `$<first+12>` (see {@link auditArrays}): for a
 * bulk write or one part of a multi-statement write batch.
 */
export const auditInsertFromArrays = (first: number): string => {
  const [id, at, actorId, kind, role, agency, action, type, target, request, before, after, hash] = Array.from({ length: 13 }, (_, i) => `$${first + i}`);
  return `insert into audit_log (id, at, actor_id, actor_kind, actor_role, agency_id, action, target_type, target_id, request_id, before_digest, after_digest, entry_hash)
    select * from unnest(${id}::uuid[], ${at}::timestamptz[], ${actorId}::text[], ${kind}::text[], ${role}::text[], ${agency}::text[], ${action}::text[], ${type}::text[], ${target}::text[], ${request}::text[], ${before}::text[], ${after}::text[], ${hash}::text[])`;
};

/** Audit records (each with its own actor and time) as the 13 array parameters of {@link auditInsertFromArrays}. */
export function auditArrays(entries: readonly { actor: Actor; input: AuditInput; now: Date }[]): string[] {
  const rows = entries.map((e) => auditRow(e.actor, e.input, e.now));
  const col = (f: (r: (typeof rows)[number]) => string | null) => pgArray(rows.map(f));
  return [col((r) => r.id), col((r) => r.at.toISOString()), col((r) => r.actorId), col((r) => r.actorKind), col((r) => r.actorRole), col((r) => r.agencyId), col((r) => r.action), col((r) => r.targetType), col((r) => r.targetId), col((r) => r.requestId), col((r) => r.beforeDigest), col((r) => r.afterDigest), col((r) => r.entryHash)];
}

/** Appends many audit records by one actor in the caller's transaction (a batch: a statement import), in bulk. */
export async function appendAudits(tx: DbOrTx, actor: Actor, inputs: readonly AuditInput[], now: Date = new Date()): Promise<void> {
  for (let i = 0; i < inputs.length; i += 10_000) {
    const [id, at, actorId, kind, role, agency, action, type, target, request, before, after, hash] = auditArrays(inputs.slice(i, i + 10_000).map((input) => ({ actor, input, now })));
    await tx.execute(sql`insert into audit_log (id, at, actor_id, actor_kind, actor_role, agency_id, action, target_type, target_id, request_id, before_digest, after_digest, entry_hash)
      select * from unnest(${id}::uuid[], ${at}::timestamptz[], ${actorId}::text[], ${kind}::text[], ${role}::text[], ${agency}::text[], ${action}::text[], ${type}::text[], ${target}::text[], ${request}::text[], ${before}::text[], ${after}::text[], ${hash}::text[])`);
  }
}

/** Appends an audit record inside the caller's transaction. */
export async function appendAudit(tx: DbOrTx, actor: Actor, input: AuditInput, now: Date = new Date()): Promise<void> {
  await auditInsert(tx, actor, input, now);
}

/** Links unsealed records into the hash chain. Returns how many were sealed. */
export async function sealAudit(db: Db, batch = 2000): Promise<number> {
  return db.transaction(async (tx) => {
    const got = await tx.execute(sql`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as ok`);
    if (!((got as unknown as { rows: Array<{ ok: boolean }> }).rows[0]?.ok)) return 0;
    const pending = await tx.select({ id: auditLog.id, entryHash: auditLog.entryHash }).from(auditLog).where(isNull(auditLog.chainSeq)).orderBy(asc(auditLog.at), asc(auditLog.id)).limit(batch);
    if (!pending.length) return 0;
    const last = await tx.select({ seq: auditLog.chainSeq, hash: auditLog.chainHash }).from(auditLog).where(sql`${auditLog.chainSeq} is not null`).orderBy(sql`${auditLog.chainSeq} desc`).limit(1);
    let seq = last[0]?.seq ?? 0;
    let prev = last[0]?.hash ?? GENESIS;
    const values: Array<{ id: string; seq: number; prev: string; hash: string }> = [];
    for (const p of pending) {
      seq += 1;
      const hash = sha256(prev + p.entryHash);
      values.push({ id: p.id, seq, prev, hash });
      prev = hash;
    }
    // One statement for the whole batch.
    const tuples = sql.join(
      values.map((v) => sql`(${v.id}::uuid, ${v.seq}::bigint, ${v.prev}, ${v.hash})`),
      sql`, `,
    );
    await tx.execute(sql`update audit_log a set chain_seq = v.seq, prev_hash = v.prev, chain_hash = v.hash
      from (values ${tuples}) as v(id, seq, prev, hash) where a.id = v.id`);
    return values.length;
  });
}

export async function sealAll(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await sealAudit(db);
    total += n;
    if (n === 0) return total;
  }
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first broken link, if any. */
  broken?: { chainSeq: number | null; id: string; reason: 'content_changed' | 'link_broken' | 'sequence_gap' };
}

/** Recomputes every entry hash and the chain; reports the first broken link. */
export async function verifyAudit(db: Db): Promise<VerifyResult> {
  let checked = 0;
  let expectedSeq = 1;
  let prev = GENESIS;
  let after = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.chainSeq, after)).orderBy(asc(auditLog.chainSeq)).limit(5000);
    if (!rows.length) break;
    for (const r of rows) {
      const seq = r.chainSeq!;
      if (seq !== expectedSeq) return { ok: false, checked, broken: { chainSeq: expectedSeq, id: r.id, reason: 'sequence_gap' } };
      if (sha256(entryContent(r)) !== r.entryHash) return { ok: false, checked, broken: { chainSeq: seq, id: r.id, reason: 'content_changed' } };
      if (r.prevHash !== prev || sha256(prev + r.entryHash) !== r.chainHash) return { ok: false, checked, broken: { chainSeq: seq, id: r.id, reason: 'link_broken' } };
      prev = r.chainHash!;
      expectedSeq += 1;
      checked += 1;
      after = seq;
    }
  }
  // Records not yet sealed must still match their own hash.
  const unsealed = await db.select().from(auditLog).where(isNull(auditLog.chainSeq));
  for (const r of unsealed) {
    if (sha256(entryContent(r)) !== r.entryHash) return { ok: false, checked, broken: { chainSeq: null, id: r.id, reason: 'content_changed' } };
    checked += 1;
  }
  return { ok: true, checked };
}
