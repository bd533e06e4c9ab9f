import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { expectProblem, startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import { auditLog } from '../../platform/audit/audit.schema';
import { accounts } from './identity.schema';

/**
 * Issue 24, defect 3: parallel wrong passwords must each count. Before, 20 simultaneous failures left
 * failed_logins = 1 and no lock (read, then write the read value + 1).
 */
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ env: { AUTH_RATE_LIMIT_PER_MINUTE: '1000', LOGIN_MAX_FAILURES: '5' } });
});
afterAll(() => p?.close());

const login = (username: string, password: string) => p.anonymous().post('/api/auth/login', { username, password });

it('counts every one of 24 parallel wrong passwords and locks at the threshold', async () => {
  const username = 'chuyenvien.tuphap';
  const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => login(username, `wrong-password-${i}`)));
  const statuses = answers.map((r) => r.statusCode).sort();
  // The first four failures are wrong passwords; the fifth locks the account, and every later one is refused as locked.
  expect(statuses.filter((s) => s === 401)).toHaveLength(4);
  expect(statuses.filter((s) => s === 423)).toHaveLength(20);
  for (const r of answers) expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const [acc] = await p.ctx.db.select().from(accounts).where(eq(accounts.username, username));
  expect(acc.failedLogins).toBe(24);
  expect(acc.lockedUntil!.getTime()).toBeGreaterThan(p.clock.now().getTime());
  const locks = await p.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.account_locked'), eq(auditLog.targetId, acc.id)));
  expect(locks).toHaveLength(1);
  // Even the right password is refused while locked; after the lock, a failure starts counting again from 1.
  expectProblem(await login(username, 'MotCua@2026'), 423, 'auth.account_locked');
  p.clock.advance(16 * 60_000);
  expectProblem(await login(username, 'wrong-again-1'), 401, 'auth.invalid_credentials');
  const [after] = await p.ctx.db.select().from(accounts).where(eq(accounts.username, username));
  expect(after.failedLogins).toBe(1);
  expect(after.lockedUntil).toBeNull();
  expect((await login(username, 'MotCua@2026')).statusCode).toBe(200);
  const [ok] = await p.ctx.db.select().from(accounts).where(eq(accounts.username, username));
  expect(ok.failedLogins).toBe(0);
});
