import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../../test/support/platform';
import { safeReturnTo } from './oidc-login.service';

/**
 * Issue 24, defect 4: an open redirect after the e-ID login. The check ran on the raw returnTo, then URL
 * normalisation turned `/.//evil.example` into `//evil.example` (303 Location: //evil.example). Now the normalised
 * result is what is checked, on the citizens' and the officers' login alike.
 */
const BASE = 'http://127.0.0.1:3000';
const BYPASSES = [
  '//evil.example',
  '/.//evil.example',
  '/..//evil.example',
  '/a/..//evil.example',
  '/a/b/../..//evil.example',
  '/%2e//evil.example',
  '/%2E%2E//evil.example',
  '/.%2e//evil.example',
  '/%2e%2e/%2e%2e//evil.example',
  '/././/evil.example',
  '/\\evil.example',
  '/\\/evil.example',
  '\\\\evil.example',
  '/%5Cevil.example',
  '/%5C%5Cevil.example',
  '/%2F/evil.example',
  '/%2f%2fevil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n//evil.example',
  '/%09/evil.example',
  '/%0a/evil.example',
  '/%00/evil.example',
  '/\u0000/evil.example',
  'https://evil.example/',
  'http:evil.example',
  'http://127.0.0.1:3000@evil.example/',
  '//127.0.0.1:3000@evil.example',
  '//user:pass@evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.domain)',
  'data:text/html,<script>alert(1)</script>',
  ' /ho-so',
  'ho-so',
  '',
];

describe('safeReturnTo', () => {
  it(`refuses ${BYPASSES.length} known bypasses`, () => {
    for (const b of BYPASSES) expect(safeReturnTo(b, BASE), JSON.stringify(b)).toBeNull();
  });

  it('keeps paths of this site, normalised', () => {
    expect(safeReturnTo('/ho-so', BASE)).toBe('/ho-so');
    expect(safeReturnTo('/ho-so?tab=1#muc-2', BASE)).toBe('/ho-so?tab=1#muc-2');
    expect(safeReturnTo('/a/../ho-so', BASE)).toBe('/ho-so');
    expect(safeReturnTo('/@evil.example', BASE)).toBe('/@evil.example'); // a path of this site, not a host
    expect(safeReturnTo('/tra-cuu/%C4%91%C3%A0', BASE)).toBe('/tra-cuu/%C4%91%C3%A0');
  });
});

describe('the login routes', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform({ env: { PUBLIC_URL: BASE, AUTH_RATE_LIMIT_PER_MINUTE: '10000' } });
  });
  afterAll(() => p?.close());

  for (const path of ['/api/auth/eid/login', '/api/auth/officer/oidc/login']) {
    it(`${path} refuses every bypass with a problem, never a redirect`, async () => {
      for (const b of BYPASSES) {
        const res = await p.app.inject({ method: 'GET', url: `${path}?returnTo=${encodeURIComponent(b)}` });
        expect(res.statusCode, `${JSON.stringify(b)}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, JSON.stringify(b)).toBeLessThan(500);
        expect(res.headers.location, JSON.stringify(b)).toBeUndefined();
        expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
        expect(['eid.bad_return_to', 'invalid_characters']).toContain(res.json().code);
      }
      // the dot-segment ones, with no control character, are refused by the return check itself
      for (const b of ['/.//evil.example', '/a/..//evil.example', '/%2e//evil.example']) {
        const res = await p.app.inject({ method: 'GET', url: `${path}?returnTo=${encodeURIComponent(b)}` });
        expect(res.json().code).toBe('eid.bad_return_to');
      }
    });
  }

  it('still starts a login for a path of this site', async () => {
    const res = await p.app.inject({ method: 'GET', url: `/api/auth/eid/login?returnTo=${encodeURIComponent('/ho-so')}` });
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toMatch(/\/oidc\/auth\?/);
  });
});
