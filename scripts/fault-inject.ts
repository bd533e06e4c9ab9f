/**
 * `npm run fault:inject [-- --submissions 1000 --concurrency 24 --outage-ms 2000]`: the fault-injection run of
 * test/faults/fault-injection.test.ts at a larger size, against a real server on its own PostgreSQL database
 * (MOTCUA_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432). Prints one JSON line of figures for the kill
 * (submitted, acknowledged, stored, lost, duplicated, retried, retried_ok…) and one for the outage (outage_ms,
 * requests_503, readyz_recovery_ms); exits 1 if anything acknowledged was lost or stored twice.
 */
import { runFaultInjection } from '../test/faults/support/fault-run';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const submissions = arg('--submissions', 1000);
const { figures, outage } = await runFaultInjection({
  submissions,
  concurrency: arg('--concurrency', 24),
  outageAfter: Math.floor(submissions * 0.2),
  outageMs: arg('--outage-ms', 2000),
  killAfter: Math.floor(submissions * 0.6),
  log: (line) => process.stderr.write(`${line}\n`),
});
const { refused, ...rest } = figures;
process.stdout.write(`${JSON.stringify({ run: 'kill', ...rest, ...(refused.length ? { refused } : {}) })}\n`);
process.stdout.write(`${JSON.stringify({ run: 'outage', ...outage })}\n`);
const bad = figures.lost > 0 || figures.duplicated > 0 || figures.retried_ok !== figures.retried || figures.audit_verify_exit !== 0 || figures.answers_5xx_other_than_503 > 0;
process.exit(bad ? 1 : 0);
