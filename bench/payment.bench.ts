/**
 * bench:payment — signed bank notifications (biến động số dư) posted over HTTP to the platform, each crediting one
 * open VietQR payment with its exact amount (verify, match, settle, event, audit, outbox in one transaction), 50 in
 * flight; beside it in the same run, the bare baseline doing the same durable work. Then one bank statement of
 * 100,000 lines reconciled in one import: the credits already notified (duplicates), credits of open payments whose
 * notification never came (settled), and the rest (other transfers without a code, for the queue). One JSON line.
 */
import { createHmac } from 'node:crypto';
import autocannon from 'autocannon';
import { BENCH_DB, createBenchDatabase } from './lib/database';
import { startServer } from './lib/load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PAYMENTS = Number(process.env.BENCH_PAYMENTS ?? 80_000);
const LINES = 100_000;
const NEW_MATCHES = Number(process.env.BENCH_STATEMENT_MATCHES ?? 60_000);

type Info = { port: number; secret: string; account?: string; codes: string[] };
const sign = (secret: string, raw: string) => {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex')}`;
};

// autocannon's setupRequest builds each request: a new bank reference and the next open payment's code.
async function drive(info: Info, path: string, prefix: string) {
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${info.port}${path}`,
    connections: 50,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        setupRequest: (req: any) => {
          const i = next++;
          const code = info.codes[i % info.codes.length];
          const raw = JSON.stringify({ transaction_id: `${prefix}${String(i).padStart(9, '0')}`, account_number: info.account ?? '1', amount: 16_000, direction: 'in', description: `NGUYEN VAN AN chuyen tien le phi ${code}`, transaction_time: new Date().toISOString() });
          return { ...req, body: raw, headers: { ...req.headers, 'content-type': 'application/json', 'x-bank-signature': sign(info.secret, raw) } };
        },
      },
    ],
  });
  return { rps: Math.round(result.requests.average), p99_ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts, sent: next };
}

const dbBase = await createBenchDatabase('motcua_bench_pay_base');
const base = await startServer<Info>('payment-baseline', { DATABASE_URL: dbBase.url, BENCH_PAYMENTS: String(PAYMENTS) });
const baseline = await drive(base.info, '/notify', 'BASE');
await base.stop();
await dbBase.drop();
console.error(`baseline: ${JSON.stringify(baseline)}`);

const db = await createBenchDatabase('motcua_bench_pay');
const server = await startServer<Info>('payment', { DATABASE_URL: db.url, BENCH_PAYMENTS: String(PAYMENTS) });
const run = await drive(server.info, '/api/payments/notifications/bank', 'FT');
console.error(`platform: ${JSON.stringify(run)}`);
if (run.sent + NEW_MATCHES > PAYMENTS) console.error('note: not enough open payments for the statement; raise BENCH_PAYMENTS');

// The statement: the notified credits again, then open payments' credits never notified, then other transfers.
const rows = ['Số tham chiếu,Ngày giao dịch,Số tiền ghi nợ,Số tiền ghi có,Nội dung'];
const at = '03/12/2026 09:00:00';
const notified = Math.min(run.sent, LINES);
for (let i = 0; i < notified; i++) rows.push(`FT${String(i).padStart(9, '0')},${at},,16.000,NGUYEN VAN AN chuyen tien le phi ${server.info.codes[i % server.info.codes.length]}`);
const fresh = Math.min(NEW_MATCHES, LINES - notified, Math.max(0, PAYMENTS - run.sent));
for (let i = 0; i < fresh; i++) rows.push(`ST${String(i).padStart(9, '0')},${at},,16.000,TRAN THI B ND ${server.info.codes[run.sent + i]}`);
for (let i = rows.length - 1; i < LINES; i++) rows.push(`OT${String(i).padStart(9, '0')},${at},,${50_000 + (i % 7) * 1000},Chuyen tien ung ho quy ${i}`);
const stmt = await new Promise<{ ms: number; status: number; body: any }>((resolve) => {
  server.child.on('message', (m: any) => m.cmd === 'statement' && resolve(m));
  server.child.send({ cmd: 'statement', csv: rows.join('\n') });
});
await server.stop();
await db.drop();
if (stmt.status !== 200) throw new Error(`statement import failed: ${stmt.status} ${JSON.stringify(stmt.body)}`);
console.log(
  JSON.stringify({
    bench: 'payment',
    db: BENCH_DB,
    notifications_per_s: run.rps,
    p99_ms: run.p99_ms,
    non2xx: run.non2xx,
    baseline_notifications_per_s: baseline.rps,
    baseline_p99_ms: baseline.p99_ms,
    ratio: Math.round((run.rps / Math.max(1, baseline.rps)) * 100) / 100,
    statement_lines: stmt.body.lines,
    statement_mix: { already_notified: stmt.body.counts.duplicate, settled: stmt.body.settled, queued: stmt.body.queued },
    reconcile_s: Math.round(stmt.ms / 10) / 100,
  }),
);
