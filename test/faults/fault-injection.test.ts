/**
 * Fault injection on PostgreSQL (issue 24): concurrent submissions with Idempotency-Keys against a real server
 * process, a database outage (connections refused, every backend terminated) and a SIGKILL on the way, a restart
 * and the retries. Always on PostgreSQL, whatever MOTCUA_TEST_DB says: the faults are PostgreSQL's (a terminated
 * backend, a server that takes no connections) and the kill is of a process with its own pool. Larger runs:
 * `npm run fault:inject`.
 */
import { expect, it } from 'vitest';
import { runFaultInjection } from './support/fault-run';

it('keeps every acknowledged submission through an outage and a kill -9: none lost, none twice, every retry answered the first answer', async () => {
  const { figures: f, outage } = await runFaultInjection({ submissions: 100, concurrency: 12, outageAfter: 20, outageMs: 1_000, killAfter: 60 });
  const summary = JSON.stringify({ ...f, outage });
  // Nothing went wrong on the way: no answer but 2xx and the outage's 503.
  expect(f.answers_5xx_other_than_503, summary).toBe(0);
  expect(f.refused, summary).toEqual([]);
  // The outage: the server survived it, said so on /readyz, answered 503 and served again by itself.
  expect(outage, summary).not.toBeNull();
  expect(outage!.server_survived, summary).toBe(true);
  expect(outage!.readyz_503_during_outage, summary).toBe(true);
  expect(outage!.requests_503, summary).toBeGreaterThan(0);
  expect(outage!.readyz_recovery_ms, summary).toBeGreaterThanOrEqual(0);
  // The kill came with requests unanswered; after the restart every one of them was retried and answered 2xx.
  expect(f.acknowledged, summary).toBeGreaterThanOrEqual(60);
  expect(f.acknowledged, summary).toBeLessThan(100);
  expect(f.retried, summary).toBe(f.submitted - f.acknowledged);
  expect(f.retried_ok, summary).toBe(f.retried);
  expect(f.retried_mismatch, summary).toBe(0);
  expect(f.replayed_same, summary).toBe(f.acknowledged);
  // Some submissions committed without their answer reaching the client: their retries were replays.
  expect(f.committed_unanswered, summary).toBeGreaterThan(0);
  // Acknowledged = stored, nothing lost, nothing twice.
  expect(f.lost, summary).toBe(0);
  expect(f.stored, summary).toBe(f.submitted);
  expect(f.duplicated, summary).toBe(0);
  // The audit chain is whole, and each committed submission's event was published once.
  expect(f.audit_verify_exit, summary).toBe(0);
  expect(f.outbox_events, summary).toBe(f.stored);
  expect(f.outbox_published_once, summary).toBe(f.stored);
}, 300_000); // two server starts (one seeding the demo data) and the audit CLI: a hang guard for a loaded machine
