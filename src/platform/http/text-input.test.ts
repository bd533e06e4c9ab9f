import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import { sql } from 'drizzle-orm';
import { expectProblem, startTestPlatform, type TestClient, type TestPlatform } from '../../../test/support/platform';
import { citizenClient } from '../../../test/support/identity/citizens';
import { MultilineText, Obj } from '../../shared/api/schema';
import { textFault, validatorCompiler } from './validation';

/**
 * Issue 24, defects 5 and 6: control characters (a NUL gave 500, and the error log printed the failed SQL with its
 * parameters), invisible and direction-changing characters in names, and text stored in NFC.
 */
const lines: string[] = [];
let p: TestPlatform;
let admin: TestClient;
let citizen: TestClient;
let hongBang: string;
const CITIZEN_ID = '031085001234';

beforeAll(async () => {
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(...String(chunk).split('\n').filter(Boolean)), done()) });
  p = await startTestPlatform({ logStream: sink, env: { LOG_LEVEL: 'info' } });
  admin = await p.loginAs('admin');
  citizen = await citizenClient(p, CITIZEN_ID);
  const agencies = (await p.anonymous().get('/api/agencies')).json() as { id: string; code: string }[];
  hongBang = agencies.find((a) => a.code === '000.00.21.H38')!.id;
});
afterAll(() => p?.close());

const account = (over: Record<string, unknown>) => ({ kind: 'officer', username: `u${Math.random().toString(36).slice(2, 10)}`, displayName: 'Nguyễn Văn An', password: 'MatKhau-2026-x', grants: [], ...over });

describe('control characters', () => {
  it('refuses a NUL or another C0 character in a field with 422, naming the field', async () => {
    for (const ch of ['\u0000', '\u0001', '\u001b', '\u007f', '\n', '\t']) {
      const body = expectProblem(await admin.post('/api/admin/accounts', account({ displayName: `Nguyễn${ch}Văn An` })), 422, 'invalid_characters');
      expect(body.errors, JSON.stringify(ch)).toEqual([expect.objectContaining({ field: 'displayName', code: 'control_character' })]);
    }
  });

  it('refuses a NUL inside e-form data, nested, and in a query parameter', async () => {
    const res = await citizen.post('/api/dossiers', { procedure: 'birth-re-registration', agencyId: hongBang, data: { subjectFullName: 'Nguyễn\u0000An', children: [{ name: 'x\u0000' }] } });
    const body = expectProblem(res, 422, 'invalid_characters');
    expect(body.errors[0].field).toMatch(/^data\.(subjectFullName|children\[0\]\.name)$/);
    const q = expectProblem(await p.anonymous().get('/api/procedures/search?q=khai%00sinh'), 422, 'invalid_characters');
    expect(q.errors).toEqual([expect.objectContaining({ field: 'q', code: 'control_character' })]);
  });

  it('accepts tab and line feed in a multi-line field, and refuses other control characters there', () => {
    const validate = validatorCompiler({ schema: Obj({ name: Type.String(), note: MultilineText({ maxLength: 100 }), reason: Type.String({ maxLength: 2000 }) }), httpPart: 'body', method: 'POST', url: '/' } as any) as any;
    expect(validate({ name: 'An', note: 'dòng 1\n\tdòng 2\r\n', reason: 'a\nb' })).toBe(true);
    expect(validate({ name: 'An', note: 'a\u0000b', reason: 'x' })).toBe(false);
    expect(validate({ name: 'A\nn', note: 'x', reason: 'x' })).toBe(false);
    expect(validate({ name: 'An', note: 'x', reason: 'a\u000bb' })).toBe(false);
  });
});

describe('invisible and direction-changing characters', () => {
  const INVISIBLE = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u200b', '\u200c', '\u200d', '\ufeff'];

  it('refuses each of them in names and identifiers', async () => {
    for (const ch of INVISIBLE) {
      const name = expectProblem(await admin.post('/api/admin/accounts', account({ displayName: `Nguyễn${ch}An` })), 422, 'invalid_characters');
      expect(name.errors, `U+${ch.charCodeAt(0).toString(16)}`).toEqual([expect.objectContaining({ field: 'displayName', code: 'invisible_character' })]);
      const user = await admin.post('/api/admin/accounts', account({ username: `ad${ch}min2` }));
      expect(user.statusCode).toBeGreaterThanOrEqual(400);
      expect(user.statusCode).toBeLessThan(500);
      expect(user.json().errors.map((e: { field: string }) => e.field)).toContain('username');
    }
    const counter = await (await p.loginAs('tiepnhan.hongbang')).post('/api/officer/dossiers', {
      procedure: 'birth-re-registration',
      agencyId: hongBang,
      channel: 'in_person',
      applicant: { type: 'citizen', personalId: CITIZEN_ID, fullName: 'Nguyễn Văn\u202e An' },
    });
    expect(expectProblem(counter, 422, 'invalid_characters').errors[0].field).toBe('applicant.fullName');
  });

  it('refuses a lone surrogate (not Unicode)', async () => {
    const res = await admin.request('POST', '/api/admin/accounts', JSON.stringify(account({ displayName: 'X' })).replace('"X"', '"\\ud800"'), { 'content-type': 'application/json' });
    expect(expectProblem(res, 422, 'invalid_characters').errors[0].code).toBe('malformed_unicode');
  });

  it('knows which text is at fault', () => {
    expect(textFault('Nguyễn Văn An', 'line')).toBeNull();
    expect(textFault('👨‍👩‍👧', 'multiline')).toBeNull(); // a zero-width joiner is fine in free text
    expect(textFault('👨‍👩‍👧', 'line')).toBe('invisible_character');
  });
});

describe('NFC', () => {
  it('stores names composed, whatever form they were sent in', async () => {
    const decomposed = 'Nguye\u0302\u0303n Va\u0306n An';
    expect(decomposed).not.toBe(decomposed.normalize('NFC'));
    const res = await admin.post('/api/admin/accounts', account({ displayName: decomposed }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().displayName).toBe('Nguyễn Văn An');
    const d = await citizen.post('/api/dossiers', { procedure: 'birth-re-registration', agencyId: hongBang, data: { subjectFullName: decomposed } });
    expect(d.statusCode, d.body).toBe(201);
    const stored = (await citizen.get(`/api/dossiers/${d.json().id}`)).json();
    expect(stored.data.subjectFullName).toBe('Nguyễn Văn An');
  });
});

describe('the error log', () => {
  it('never carries the SQL parameters of a failed query', async () => {
    await p.ctx.db.execute(sql`alter table registry_people rename to registry_people_gone`);
    try {
      const res = await citizen.get(`/api/registry/population/${CITIZEN_ID}`);
      expect(res.statusCode).toBe(500);
      expectProblem(res, 500, 'internal_error');
    } finally {
      await p.ctx.db.execute(sql`alter table registry_people_gone rename to registry_people`);
    }
    const failed = lines.filter((l) => l.includes('request failed'));
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.join('\n')).toContain('42P01'); // the SQLSTATE is kept: undefined table
    const all = lines.join('\n');
    expect(all).not.toContain(CITIZEN_ID);
    expect(all).not.toMatch(/params:|Failed query/);
  });
});
