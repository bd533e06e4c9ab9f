import type { FastifyReply, FastifyRequest } from 'fastify';
import { and, eq, lt } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../db/client';
import { canonicalJson, sha256 } from '../audit/canonical';
import { idempotencyErrors } from './idempotency.errors';
import { idempotencyKeys } from './idempotency.schema';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';
/** Printable ASCII, as in the IETF draft "The Idempotency-Key HTTP Header Field" (a UUID is typical). */
const KEY_RE = /^[\x21-\x7e]{1,200}$/;

export interface IdempotentAnswer<T> {
  status: number;
  body: T;
}

/** The key sent by the client, or null; a malformed key is a 400. */
export function idempotencyKeyOf(req: FastifyRequest): string | null {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return null;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!KEY_RE.test(key)) {
    throw idempotencyErrors.badKey({ vi: 'Idempotency-Key phải gồm 1–200 ký tự ASCII in được.', en: 'Idempotency-Key must be 1–200 printable ASCII characters.' });
  }
  return key;
}

/** What makes two requests "the same": method, route, path parameters and a fingerprint of the body. */
export function requestHashOf(req: FastifyRequest, fingerprint: unknown): string {
  return sha256(canonicalJson({ method: req.method, route: req.routeOptions.url, params: req.params ?? {}, body: fingerprint ?? null }));
}

const keyReused = () =>
  idempotencyErrors.keyReused({ vi: 'Khóa này đã được dùng với nội dung yêu cầu khác. Hãy dùng khóa mới cho yêu cầu mới.', en: 'This key was used with a different request. Use a new key for a new request.' });

/** Thrown inside the transaction when a concurrent request with the same key committed first. */
class AlreadyClaimed extends Error {}

async function stored(db: DbOrTx, principalId: string, key: string) {
  const [row] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.principalId, principalId), eq(idempotencyKeys.key, key)));
  return row;
}

/**
 * Runs a state-changing effect in ONE transaction and, when the request carries an `Idempotency-Key`, stores the
 * answer in that same transaction. A replay (same caller, key and request) gets the stored answer with
 * `Idempotent-Replayed: true` and changes nothing; the same key with another request is a 422
 * `idempotency.key_reused`. The key is claimed first in the transaction, so a concurrent duplicate waits on the
 * key's unique index and then replays. Refusals (4xx) roll back and are not stored: fixing the request and
 * retrying with the same key is allowed.
 *
 * `prepare`, when given, runs after the replay check and before the transaction, on the default handle: the reads
 * an effect needs that go through other modules' ports which cannot join the transaction (an export of what several
 * modules hold). Its result is handed to the effect; a replay never runs it.
 */
export async function runIdempotent<T, P = undefined>(
  db: Db,
  req: FastifyRequest,
  reply: FastifyReply,
  fingerprint: unknown,
  now: Date,
  effect: (tx: Tx, prepared: P) => Promise<IdempotentAnswer<T>>,
  prepare?: () => Promise<P>,
): Promise<T> {
  const key = idempotencyKeyOf(req);
  const prepareNow = async () => (prepare ? await prepare() : (undefined as P));
  if (!key) {
    const prepared = await prepareNow();
    const out = await db.transaction((tx) => effect(tx, prepared));
    reply.status(out.status);
    return out.body;
  }
  const principalId = req.principal?.accountId ?? 'anonymous';
  const hash = requestHashOf(req, fingerprint);
  const replay = (row: typeof idempotencyKeys.$inferSelect): T => {
    if (row.requestHash !== hash) throw keyReused();
    reply.header(REPLAYED_HEADER, 'true');
    reply.status(row.statusCode);
    return row.responseBody as T;
  };
  const earlier = await stored(db, principalId, key);
  if (earlier) return replay(earlier);
  const prepared = await prepareNow();
  try {
    const out = await db.transaction(async (tx) => {
      const claimed = await tx
        .insert(idempotencyKeys)
        .values({ principalId, key, requestHash: hash, statusCode: 0, responseBody: null, createdAt: now })
        .onConflictDoNothing()
        .returning({ key: idempotencyKeys.key });
      if (!claimed.length) throw new AlreadyClaimed();
      const answer = await effect(tx, prepared);
      // Store exactly what a JSON client receives.
      const body = answer.body === undefined ? null : JSON.parse(JSON.stringify(answer.body));
      await tx.update(idempotencyKeys).set({ statusCode: answer.status, responseBody: body }).where(and(eq(idempotencyKeys.principalId, principalId), eq(idempotencyKeys.key, key)));
      return answer;
    });
    reply.status(out.status);
    return out.body;
  } catch (err) {
    if (!(err instanceof AlreadyClaimed)) throw err;
    const row = await stored(db, principalId, key);
    if (!row) throw idempotencyErrors.inProgress({ vi: 'Yêu cầu cùng khóa đang được xử lý, thử lại sau.', en: 'A request with this key is in progress; retry later.' });
    return replay(row);
  }
}

/** Deletes stored answers older than `before` (run from a periodic job; keys are meant for retries, not forever). */
export async function purgeIdempotencyKeys(db: DbOrTx, before: Date): Promise<void> {
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, before));
}
