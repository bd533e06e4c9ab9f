import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { expectProblem, startTestPlatform, type TestClient, type TestPlatform } from '../../../test/support/platform';
import { citizenClient } from '../../../test/support/identity/citizens';
import { loadConfig } from '../../config';
import { createHttpServer } from './app';
import { toAppError } from './problem';

/**
 * Issue 24, defects 8 and 9 (FK part): the holes in the error contract — a multipart body without a boundary,
 * headers too large, the documentation's CSP over plain http — and integrity violations answered 4xx, not 500.
 */
let p: TestPlatform;
let admin: TestClient;
let citizen: TestClient;
beforeAll(async () => {
  p = await startTestPlatform();
  admin = await p.loginAs('admin');
  citizen = await citizenClient(p, '031085001234');
});
afterAll(() => p?.close());

async function accountNamed(username: string): Promise<{ id: string }> {
  const listed = (await admin.get('/api/admin/accounts')).json() as { id: string; username: string }[] | { items: { id: string; username: string }[] };
  return (Array.isArray(listed) ? listed : listed.items).find((a) => a.username === username)!;
}

describe('multipart without a boundary', () => {
  it('answers 400 problem+json on every upload route, not 500', async () => {
    const agencies = (await p.anonymous().get('/api/agencies')).json() as { id: string; code: string }[];
    const draft = (await citizen.post('/api/dossiers', { procedure: 'birth-re-registration', agencyId: agencies.find((a) => a.code === '000.00.21.H38')!.id, data: {} })).json();
    const body = '--x\r\nContent-Disposition: form-data; name="documentId"\r\n\r\npersonal-records\r\n--x--\r\n';
    for (const url of [`/api/dossiers/${draft.id}/attachments`, '/api/me/store']) {
      for (const ct of ['multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; charset=utf-8', `multipart/form-data; boundary=${'b'.repeat(71)}`]) {
        expectProblem(await citizen.post(url, body, { 'content-type': ct }), 400, 'bad_multipart');
      }
    }
  });
});

describe('integrity violations', () => {
  it('PUT /api/admin/accounts/{id}/grants with an id that is no agency answers 422 naming the grant', async () => {
    const acc = await accountNamed('tiepnhan.hongbang');
    const res = await admin.put(`/api/admin/accounts/${acc.id}/grants`, { grants: [{ role: 'specialist', agencyId: '6f1c1b9e-0000-4000-8000-000000000001' }] });
    const body = expectProblem(res, 422, 'reference_not_found');
    expect(body.errors).toEqual([expect.objectContaining({ field: 'grants[0].agencyId', code: 'unknown_agency' })]);
  });

  it('maps a foreign-key, unique, check or length violation from the database to a 4xx naming the column', async () => {
    const acc = await accountNamed('tiepnhan.hongbang');
    const fk = await p.ctx.db
      .execute(sql`insert into role_grants (account_id, role, agency_id, include_sub_agencies, granted_at) values (${acc.id}, 'specialist', '6f1c1b9e-0000-4000-8000-000000000002', false, now())`)
      .then(
        () => null,
        (e: unknown) => e,
      );
    const e1 = toAppError(fk);
    expect({ status: e1.status, code: e1.code, field: e1.fields?.[0]?.field }).toEqual({ status: 422, code: 'reference_not_found', field: 'agencyId' });
    expect(JSON.stringify(e1)).not.toContain('6f1c1b9e');
    const dup = await p.ctx.db
      .execute(sql`insert into accounts (kind, username, display_name, created_at, updated_at) values ('officer', 'tiepnhan.hongbang', 'x', now(), now())`)
      .then(
        () => null,
        (e: unknown) => e,
      );
    const e2 = toAppError(dup);
    expect({ status: e2.status, code: e2.code }).toEqual({ status: 409, code: 'already_exists' });
    expect(JSON.stringify(e2)).not.toContain('tiepnhan');
    const wrap = (code: string, extra: Record<string, unknown> = {}) => toAppError(Object.assign(new Error('Failed query: insert … params: 031085001234'), { query: 'insert', params: ['031085001234'], cause: Object.assign(new Error('x'), { code, severity: 'ERROR', ...extra }) }));
    expect([wrap('23514', { constraint: 'fees_amount_check' }).status, wrap('22001').status, wrap('23502', { column: 'display_name' }).fields?.[0]?.field]).toEqual([422, 422, 'displayName']);
    expect(wrap('08006')).toMatchObject({ status: 503, code: 'platform.database_unavailable' }); // a lost connection: not the client's fault, retry
  });
});

describe('dates', () => {
  it('refuses a date that is no calendar day (0000-00-00 gave 500 in the register export)', async () => {
    const officer = await p.loginAs('tiepnhan.hongbang');
    for (const d of ['0000-00-00', '2025-02-30', '2025-13-01']) expectProblem(await officer.get(`/api/officer/register?to=${d}`), 400, 'validation_failed');
    expect((await officer.get('/api/officer/register?from=2025-01-01&to=2025-12-31')).statusCode).toBe(200);
  });
});

describe('before routing', () => {
  it('answers headers too large with 431 problem+json', async () => {
    const { app } = await createHttpServer({ config: loadConfig({ LOG_LEVEL: 'silent' }) } as never, { logger: false });
    app.get('/x', { config: { policy: { access: 'public' }, errors: [] } }, async () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = (app.server.address() as AddressInfo).port;
      const res = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: '/x', headers: { 'x-big': 'a'.repeat(40_000) } }, (r) => {
          let body = '';
          r.on('data', (c) => (body += c));
          r.on('end', () => resolve({ status: r.statusCode!, type: String(r.headers['content-type']), body }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(res.status).toBe(431);
      expect(res.type).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(res.body)).toMatchObject({ status: 431, code: 'headers_too_large', titles: { vi: expect.any(String), en: expect.any(String) } });
    } finally {
      await app.close();
    }
  });

  it('sends upgrade-insecure-requests on /api/docs only on an https installation', async () => {
    const csp = async (publicUrl: string) => {
      const { app } = await createHttpServer({ config: loadConfig({ LOG_LEVEL: 'silent', PUBLIC_URL: publicUrl }) } as never, { logger: false });
      await app.ready();
      const pages = await Promise.all(['/api/docs', '/api/docs/', '/api/docs/static/index.html'].map((url) => app.inject({ method: 'GET', url })));
      await app.close();
      return pages.map((r) => String(r.headers['content-security-policy'] ?? ''));
    };
    for (const h of await csp('http://motcua.local:3000')) expect(h).not.toContain('upgrade-insecure-requests');
    expect((await csp('https://dichvucong.example.vn')).some((h) => h.includes('upgrade-insecure-requests'))).toBe(true);
  });
});
