import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../../../test/support/dossier';
import { startTestPlatform, type TestPlatform } from '../../../test/support/platform';
import type { AssistantProcedure } from '../../shared/assistant';
import { AssistantService } from './assistant.service';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p?.close());

describe('the assistant over HTTP', () => {
  it('answers from the published catalogue, with the procedure’s facts, citations and the link to start it', async () => {
    const a = ok(await p.anonymous().get(`/api/assistant?q=${encodeURIComponent('lam giay khai sinh cho con can gi')}`));
    expect(a).toMatchObject({ kind: 'procedure', focus: 'documents', procedure: { key: 'birth-registration', startLink: '/thu-tuc/birth-registration/nop' } });
    expect(a.citations[0].href).toBe('/thu-tuc/birth-registration');
    expect(a.procedure.fees.length).toBeGreaterThan(0);
  });

  it('refuses an empty or overlong question', async () => {
    expect((await p.anonymous().get('/api/assistant?q=')).statusCode).toBe(400);
    expect((await p.anonymous().get(`/api/assistant?q=${'a'.repeat(501)}`)).statusCode).toBe(400);
  });
});

describe('keeping the assistant in step with the catalogue', () => {
  const file = (f: string) => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../seed/catalog', f), 'utf8')).procedures[0] as AssistantProcedure;
  const licence = file('transport/driving-licence-renewal.json');
  const birth = file('civil-status/birth-registration.json');

  it('rebuilds after the refresh period from the current published procedures, answering from the old index meanwhile', async () => {
    let now = 0;
    let published = [licence, birth];
    let builds = 0;
    const service = new AssistantService(async () => (builds++, published), 60_000, () => now);
    expect((await service.ask('doi bang lai xe')).procedure?.key).toBe('driving-licence-renewal');
    published = [birth]; // the licence procedure is retired
    now = 30_000;
    expect((await service.ask('doi bang lai xe')).procedure?.key).toBe('driving-licence-renewal');
    expect(builds).toBe(1);
    now = 61_000;
    await service.ask('doi bang lai xe'); // starts the rebuild, answers from the old index
    await new Promise((r) => setTimeout(r, 10));
    expect(builds).toBe(2);
    expect((await service.ask('doi bang lai xe')).procedure?.key ?? null).not.toBe('driving-licence-renewal');
  });
});
