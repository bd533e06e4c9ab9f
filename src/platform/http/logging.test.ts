import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { openDatabase } from '../db/client';
import { buildPlatform, type Platform } from '../../main';
import { seedDemo, seedReference } from '../../seed/seed';

const lines: string[] = [];
let p: Platform;
beforeAll(async () => {
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(...String(chunk).split('\n').filter(Boolean)), done()) });
  const config = loadConfig({ LOG_LEVEL: 'info', SEED_DEMO: 'false' });
  p = await buildPlatform(config, { database: await openDatabase({ dataDir: 'memory://' }), logStream: sink });
  await seedReference(p.ctx.db);
  await seedDemo(p.ctx.db, config);
});
afterAll(() => p.close());

it('writes structured JSON logs with request ids and no personal data', async () => {
  await p.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'tiepnhan.hongbang', password: 'MotCua@2026' } });
  await p.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'tiepnhan.hongbang', password: 'Sai-mat-khau-1' } });
  await p.app.inject({ method: 'GET', url: '/api/registry/population/031200012345?name=Nguy%E1%BB%85n%20V%C4%83n%20An', headers: { cookie: 'motcua_session=abc', authorization: 'Bearer secret-token-value' } });
  await p.app.inject({ method: 'GET', url: '/api/procedures/search?q=Nguyen+Van+An' });
  expect(lines.length).toBeGreaterThan(4);
  for (const line of lines) {
    const rec = JSON.parse(line);
    expect(rec.time).toBeTruthy();
    expect(rec.level).toBeTypeOf('number');
  }
  expect(lines.some((l) => JSON.parse(l).reqId)).toBe(true);
  const all = lines.join('\n');
  for (const secret of ['tiepnhan.hongbang', 'MotCua@2026', 'Sai-mat-khau-1', '031200012345', 'Nguy', 'Nguyen', 'secret-token-value', 'motcua_session=abc', '127.0.0.1']) {
    expect(all, secret).not.toContain(secret);
  }
});
