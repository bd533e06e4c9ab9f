import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { expectProblem, onPostgres, type TestClient } from '../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, PROCEDURE, sampleData, startDossierPlatform, vn } from '../../../test/support/dossier';
import { isDatabaseUnavailable } from './outage';
import { toAppError } from '../http/problem';

/** A driver error as node-postgres builds it from the server's ErrorResponse. */
const pgErr = (message: string, code: string, severity = 'ERROR') => Object.assign(new Error(message), { code, severity });
const netErr = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect' });
/** How Drizzle wraps a failed query: its own error, the driver's as `cause`. */
const drizzled = (cause: Error) => Object.assign(new Error('Failed query: select 1\nparams: '), { cause });

describe('a lost database connection is told from other failures', () => {
  it('classes terminated sessions, refused connections and driver messages as an outage', () => {
    const lost = [
      pgErr('terminating connection due to administrator command', '57P01', 'FATAL'),
      drizzled(pgErr('terminating connection due to administrator command', '57P01', 'FATAL')),
      pgErr('the database system is starting up', '57P03', 'FATAL'),
      pgErr('database "x" is not currently accepting connections', '55000', 'FATAL'),
      pgErr('sorry, too many clients already', '53300', 'FATAL'),
      pgErr('connection failure', '08006'),
      netErr('ECONNREFUSED'),
      Object.assign(new AggregateError([netErr('ECONNREFUSED'), netErr('ECONNREFUSED')]), { code: 'ECONNREFUSED' }),
      drizzled(netErr('ECONNRESET')),
      new Error('Connection terminated unexpectedly'),
      drizzled(new Error('Client has encountered a connection error and is not queryable')),
      new Error('timeout exceeded when trying to connect'),
    ];
    for (const e of lost) expect(isDatabaseUnavailable(e), e.message).toBe(true);
    const other = [pgErr('duplicate key value violates unique constraint', '23505'), pgErr('could not serialize access', '40001'), drizzled(pgErr('syntax error', '42601')), new Error('boom'), null, 'text'];
    for (const e of other) expect(isDatabaseUnavailable(e), String((e as Error | null)?.message ?? e)).toBe(false);
  });

  it('answers an outage 503 platform.database_unavailable with Retry-After, anything else still 500', () => {
    const e = toAppError(drizzled(pgErr('terminating connection due to administrator command', '57P01', 'FATAL')));
    expect([e.status, e.code, e.headers?.['Retry-After']]).toEqual([503, 'platform.database_unavailable', '1']);
    expect(toAppError(new Error('boom')).status).toBe(500);
    // Concurrent transactions the database could not serialise: a declared 409 to send again, not a 500.
    for (const code of ['40001', '40P01']) {
      const c = toAppError(drizzled(pgErr('could not serialize access due to concurrent update', code)));
      expect([c.status, c.code, c.headers?.['Retry-After']]).toEqual([409, 'platform.concurrent_update', '1']);
    }
  });
});

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let citizen: TestClient;
let hb: string;
beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
  citizen = await citizenClient(p, CITIZEN);
});
afterAll(() => p.close());

const draft = async () => ok(await citizen.post('/api/dossiers', { procedure: PROCEDURE, agencyId: hb, data: await sampleData(p) }), 201);

describe('a request caught by a failing database (either database)', () => {
  it('is answered 503 with Retry-After, /readyz says 503, and both serve again once the database answers', async () => {
    p.clock.set(vn('2026-03-04T09:00'));
    const db = p.ctx.db;
    const lost = () => Promise.reject(drizzled(netErr('ECONNRESET')));
    const tx = vi.spyOn(db, 'transaction').mockImplementation(lost as never);
    const exec = vi.spyOn(db, 'execute').mockImplementation(lost as never);
    try {
      const ready = await p.anonymous().get('/readyz');
      expect(expectProblem(ready, 503, 'platform.database_unavailable').requestId).toBeTruthy();
      expect(ready.headers['retry-after']).toBe('1');
      const body = { procedure: PROCEDURE, agencyId: hb, data: await sampleData(p) };
      const caught = await citizen.post('/api/dossiers', body, { 'idempotency-key': 'outage-1' });
      expectProblem(caught, 503, 'platform.database_unavailable');
      expect(caught.headers['retry-after']).toBe('1');
    } finally {
      tx.mockRestore();
      exec.mockRestore();
    }
    expect((await p.anonymous().get('/readyz')).statusCode).toBe(200);
    // Nothing was stored under the key: the retry is served as a first request.
    const body = { procedure: PROCEDURE, agencyId: hb, data: await sampleData(p) };
    const retried = await citizen.post('/api/dossiers', body, { 'idempotency-key': 'outage-1' });
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });
});

if (onPostgres) {
  describe('PostgreSQL terminating the connections in use (pg_terminate_backend)', () => {
    it('keeps the process up, answers the caught request 503, /readyz 503 while connections are refused, and recovers without a restart', async () => {
      p.clock.set(vn('2026-03-04T10:00'));
      const { default: pg } = await import('pg');
      const [{ name }] = (await p.ctx.db.execute(sql`select current_database() as name`) as unknown as { rows: Array<{ name: string }> }).rows;
      const server = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
      // Our own connection to the test database: it holds a row lock and is spared by the termination.
      const holder = new pg.Client({ connectionString: `${server}/${name}` });
      await holder.connect();
      // ALTER DATABASE … ALLOW_CONNECTIONS is refused on the database itself: another connection, to the server's own.
      const admin = new pg.Client({ connectionString: `${server}/postgres` });
      await admin.connect();
      try {
        const d = await draft();
        await holder.query('begin');
        await holder.query('select id from dossiers where id = $1 for update', [d.id]);
        // The save waits on the lock inside its transaction, on a connection checked out of the pool.
        const pending = citizen.patch(`/api/dossiers/${d.id}`, { data: { reason: 'Lý do khi mất kết nối' } }, { 'idempotency-key': 'caught-1' });
        for (let i = 0; ; i++) {
          const { rows } = await holder.query("select count(*)::int as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'", [name]);
          if ((rows[0] as { n: number }).n > 0) break;
          if (i > 600) throw new Error('the save never waited on the lock');
          await new Promise((r) => setTimeout(r, 50));
        }
        // The outage: the database takes no new connections, and every connection but ours is terminated.
        await admin.query(`alter database ${name} with allow_connections false`);
        await holder.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
        const caught = await pending;
        expectProblem(caught, 503, 'platform.database_unavailable');
        expect(caught.headers['retry-after']).toBe('1');
        await holder.query('rollback');
        const down = await p.anonymous().get('/readyz');
        expectProblem(down, 503, 'platform.database_unavailable');
        expectProblem(await citizen.get('/api/my/dossiers'), 503, 'platform.database_unavailable');
        // The database is back: the server serves again by itself.
        await admin.query(`alter database ${name} with allow_connections true`);
        for (let i = 0; ; i++) {
          const r = await p.anonymous().get('/readyz');
          if (r.statusCode === 200) break;
          if (i > 600) throw new Error(`not ready again: ${r.body}`);
          await new Promise((res) => setTimeout(res, 50));
        }
        const saved = ok(await citizen.patch(`/api/dossiers/${d.id}`, { data: { reason: 'Lý do khi mất kết nối' } }, { 'idempotency-key': 'caught-1' }));
        expect(saved.data.reason).toBe('Lý do khi mất kết nối');
        // Many connections of the pool were terminated; a burst of requests is served by new ones.
        const burst = await Promise.all(Array.from({ length: 20 }, () => citizen.get('/api/my/dossiers')));
        expect(burst.map((r) => r.statusCode)).toEqual(burst.map(() => 200));
      } finally {
        await admin.query(`alter database ${name} with allow_connections true`).catch(() => undefined);
        await admin.end();
        await holder.end();
      }
    }, 120_000);
  });
}
