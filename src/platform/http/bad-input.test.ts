import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';

/**
 * Sends bad input to every registered route, signed in with every role, and requires a 4xx problem+json answer —
 * never a 5xx: malformed JSON, wrong top-level type, each field with a wrong type, unknown fields, oversize bodies,
 * and malformed path parameters.
 */
let p: TestPlatform;
let bearer: string;
beforeAll(async () => {
  p = await startTestPlatform();
  const admin = await p.loginAs('admin');
  const agencies = (await p.anonymous().get('/api/agencies')).json() as any[];
  const root = agencies.find((a) => !a.parentId).id;
  const roles = ['platform_admin', 'agency_admin', 'receiving_officer', 'specialist', 'approver', 'result_officer', 'inspector'];
  const acc = await admin.post('/api/admin/accounts', { kind: 'system', username: 'fuzz.client', displayName: 'Fuzz', grants: roles.map((role) => ({ role, agencyId: root, includeSubAgencies: true })) });
  bearer = (await admin.post(`/api/admin/accounts/${acc.json().id}/tokens`, { label: 'fuzz' })).json().token;
});
afterAll(() => p.close());

// The web app's pages ('/' and the SPA fallback) are not API routes.
const SKIP = (url: string) => url.startsWith('/api/docs') || url === '/api/openapi.json' || url === '/*' || url === '/' || url.startsWith('/assets') || url.startsWith('/oidc');

function fillParams(url: string, bad = false) {
  return url.replace(/:(\w+)/g, (_m, name: string) => (bad ? 'x%00%ZZ' : name.toLowerCase().endsWith('id') ? '00000000-0000-4000-8000-000000000000' : name === 'code' ? '99' : 'zz'));
}

function wrongValue(schema: any): unknown {
  const t = schema?.type ?? (schema?.anyOf ? schema.anyOf.map((s: any) => s.type) : undefined);
  const types = [t].flat().filter(Boolean);
  if (types.includes('string')) return types.includes('object') ? 12 : { nested: true };
  if (types.includes('integer') || types.includes('number')) return 'not-a-number';
  if (types.includes('boolean')) return 'yes-please';
  if (types.includes('array')) return 'not-an-array';
  if (types.includes('object')) return 'not-an-object';
  return { unexpected: [1, 2, 3] };
}

async function send(method: string, url: string, payload: string | undefined, contentType = 'application/json') {
  const res = await p.app.inject({ method: method as any, url, payload, headers: { authorization: `Bearer ${bearer}`, ...(payload !== undefined ? { 'content-type': contentType } : {}) } });
  return res;
}

/** The X-Road endpoint speaks its protocol: errors are X-Road's JSON `{type, message, detail}`, not problem+json. */
const XROAD = (url: string) => url.startsWith('/r1/');

function expect4xx(res: { statusCode: number; headers: any; body: string }, what: string) {
  // (A body refused before the route — too large — is the platform's problem+json.)
  if (XROAD(what.split(' ')[1] ?? '') && !String(res.headers['content-type']).startsWith('application/problem+json')) {
    expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
    expect(String(res.headers['content-type']), what).toMatch(/^application\/json/);
    expect(JSON.parse(res.body).type, what).toMatch(/^(Client|Server)\./);
    expect(res.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
    return;
  }
  expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  expect(String(res.headers['content-type']), what).toMatch(/^application\/problem\+json/);
  expect(res.body).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack traces
}

describe('bad input to every route', () => {
  it('answers 4xx problem+json, never 5xx', async () => {
    const routes = p.routes.filter((r) => !SKIP(r.url));
    expect(routes.length).toBeGreaterThan(10);
    let checks = 0;
    for (const r of routes) {
      for (const method of [r.method].flat().filter((m) => m !== 'HEAD' && m !== 'OPTIONS')) {
        const url = fillParams(r.url);
        const label = `${method} ${r.url}`;
        if (r.url.includes(':')) {
          expect4xx(await send(method, fillParams(r.url, true), method === 'GET' || method === 'DELETE' ? undefined : '{}'), `${label} bad params`);
          checks++;
        }
        if (method === 'GET' || method === 'DELETE') {
          // Unknown or wrongly typed query parameters never crash the route.
          const res = await send(method, `${url}?year=abc&from=yesterday&workingDays=-1&limit=zz&cursor=%00`, undefined);
          expect(res.statusCode, `${label} query: ${res.body.slice(0, 200)}`).toBeLessThan(500);
          checks++;
          continue;
        }
        expect4xx(await send(method, url, '{"unterminated": '), `${label} malformed JSON`);
        expect4xx(await send(method, url, '[1,2,3]'), `${label} array body`);
        expect4xx(await send(method, url, '"just a string"'), `${label} string body`);
        expect4xx(await send(method, url, 'x'.repeat(p.config.bodyLimitBytes + 10)), `${label} oversize body`);
        // A route that takes forms too (the CKAN Action API) gets a media type it does not take.
        const wrongType = r.consumes?.includes('application/x-www-form-urlencoded') ? 'application/xml' : 'application/x-www-form-urlencoded';
        expect4xx(await send(method, url, 'a=1&b=2', wrongType), `${label} wrong media type`);
        checks += 5;
        const schema = r.bodySchema as any;
        if (schema?.properties) {
          expect4xx(await send(method, url, JSON.stringify({ __unknown_field__: 1 })), `${label} unknown field`);
          for (const [name, prop] of Object.entries<any>(schema.properties)) {
            expect4xx(await send(method, url, JSON.stringify({ [name]: wrongValue(prop) })), `${label} wrong type for ${name}`);
            checks++;
          }
        }
      }
    }
    expect(checks).toBeGreaterThan(50);
  });
});
