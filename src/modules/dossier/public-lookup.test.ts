import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectProblem, startTestPlatform, type TestPlatform } from '../../../test/support/platform';

/**
 * Issue 24, defect 10: the public lookup by code had no rate limit, and codes are sequential per day. Now it is
 * limited per client address (PUBLIC_LOOKUP_RATE_LIMIT_PER_MINUTE): 429 problem+json with Retry-After.
 */
let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform({ env: { PUBLIC_LOOKUP_RATE_LIMIT_PER_MINUTE: '5' } });
});
afterAll(() => p?.close());

const lookup = (code: string, remoteAddress: string) => p.app.inject({ method: 'GET', url: `/api/public/dossiers/${code}`, remoteAddress });

it('limits lookups per client address and answers 429 problem+json with Retry-After', async () => {
  for (let seq = 1; seq <= 5; seq++) expectProblem(await lookup(`000.00.21.H38-250505-${String(seq).padStart(4, '0')}`, '203.0.113.7'), 404, 'dossier.not_found');
  const refused = await lookup('000.00.21.H38-250505-0006', '203.0.113.7');
  const body = expectProblem(refused, 429, 'rate_limited');
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  expect(body.errors).toBeUndefined();
  expect(refused.body).not.toMatch(/203\.0\.113\.7|applicant|subject/);
  // another address is not affected
  expectProblem(await lookup('000.00.21.H38-250505-0006', '198.51.100.20'), 404, 'dossier.not_found');
  // and the operation declares the refusal
  expect((await p.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().paths['/api/public/dossiers/{code}'].get['x-error-codes']).toContain('rate_limited');
});
