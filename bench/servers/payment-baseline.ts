// The bare baseline of bench:payment: a Fastify route doing the same durable work as the bank-notification
// endpoint — the HMAC check over the raw body, the payment code read from the transfer text, and one transaction
// that locks the payment, records the credit once per bank reference, marks the payment paid and appends its
// event, an audit row and an outbox row — with prepared statements, nothing else (no framework of the platform).
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { findPaymentCode, paymentCodeFromBytes } from '../../src/shared/payment/code';

const url = process.env.DATABASE_URL;
const SECRET = 'bench-baseline-secret';
const codes: string[] = [];
{
  const seen = new Set<string>();
  const bytes = new Uint8Array(5);
  while (codes.length < Number(process.env.BENCH_PAYMENTS ?? 80_000)) {
    crypto.getRandomValues(bytes);
    const c = paymentCodeFromBytes(bytes);
    if (seen.has(c)) continue;
    seen.add(c);
    codes.push(c);
  }
}
type Q = (text: string, params?: unknown[]) => Promise<{ rows: any[] }>;
let tx: <T>(fn: (q: Q) => Promise<T>) => Promise<T>;
let setup: Q;
let close: () => Promise<void>;
if (url) {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DB_POOL_SIZE ?? 10) });
  setup = (t, p) => pool.query(t, p as any[]);
  tx = async (fn) => {
    const c = await pool.connect();
    try {
      await c.query('begin');
      const out = await fn((t, p) => c.query({ text: t, values: p as any[], name: t.slice(0, 60) }));
      await c.query('commit');
      return out;
    } catch (e) {
      await c.query('rollback');
      throw e;
    } finally {
      c.release();
    }
  };
  close = () => pool.end();
} else {
  const db = await PGlite.create('memory://');
  setup = (t, p) => db.query(t, p);
  tx = (fn) => db.transaction((t) => fn((q, p) => t.query(q, p)));
  close = () => db.close();
}
await setup(`create table if not exists b_payments (id uuid primary key, code text unique not null, amount bigint not null, status text not null, txn_ref text, paid_at timestamptz, updated_at timestamptz not null);
create table if not exists b_credits (id uuid primary key, bank_ref text unique not null, amount bigint not null, text text not null, payment_id uuid, outcome text not null, created_at timestamptz not null);
create table if not exists b_events (id bigserial primary key, payment_id uuid not null, status text not null, at timestamptz not null);
create table if not exists b_audit (id uuid primary key, action text not null, target uuid, entry_hash text not null, at timestamptz not null);
create table if not exists b_outbox (seq bigserial primary key, type text not null, payload jsonb not null, at timestamptz not null)`.split(';\n').join(';'));
for (let i = 0; i < codes.length; i += 1000) {
  const chunk = codes.slice(i, i + 1000);
  await setup(`insert into b_payments (id, code, amount, status, updated_at) select gen_random_uuid(), c, 16000, 'created', now() from unnest($1::text[]) c`, [chunk]);
}

const app = Fastify({ logger: false });
app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
app.post('/notify', async (req, reply) => {
  const raw = req.body as Buffer;
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['x-bank-signature'] ?? ''));
  const text = raw.toString('utf8');
  if (!m || !timingSafeEqual(Buffer.from(createHmac('sha256', SECRET).update(`${m[1]}.${text}`).digest('hex')), Buffer.from(m[2]))) return reply.status(401).send({ code: 'unauthenticated' });
  const b = JSON.parse(text) as { transaction_id: string; amount: number; description: string };
  const found = findPaymentCode(b.description);
  const code = found.kind === 'one' ? found.code : null;
  const now = new Date();
  const result = await tx(async (q) => {
    const p = code ? (await q('select id, amount, status from b_payments where code = $1 for update', [code])).rows[0] : undefined;
    const ok = p && p.status === 'created' && Number(p.amount) === b.amount;
    const ins = await q('insert into b_credits (id, bank_ref, amount, text, payment_id, outcome, created_at) values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing returning id', [randomUUID(), b.transaction_id, b.amount, b.description, p?.id ?? null, ok ? 'matched' : 'queued', now]);
    if (!ins.rows.length) return 'duplicate';
    if (!ok) return 'queued';
    await q("update b_payments set status = 'success', txn_ref = $2, paid_at = $3, updated_at = $3 where id = $1", [p.id, b.transaction_id, now]);
    await q("insert into b_events (payment_id, status, at) values ($1, 'success', $2)", [p.id, now]);
    await q('insert into b_audit (id, action, target, entry_hash, at) values ($1, $2, $3, $4, $5)', [randomUUID(), 'payment.success', p.id, createHmac('sha256', 'x').update(text).digest('hex'), now]);
    await q("insert into b_outbox (type, payload, at) values ('payment.success', $1, $2)", [JSON.stringify({ paymentId: p.id }), now]);
    return 'settled';
  });
  return { result };
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.send!({ port: (app.server.address() as { port: number }).port, secret: SECRET, codes });
process.on('SIGTERM', async () => {
  await app.close();
  await close();
  process.exit(0);
});
