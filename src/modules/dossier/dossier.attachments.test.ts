import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyId, citizenClient, HONG_BANG, multipartBody, PDF, startDossierPlatform, upload } from '../../../test/support/dossier';
import type { TestPlatform } from '../../../test/support/platform';
import { FsBlobStore, sha256Hex } from './dossier.attachments';

/**
 * Issue 24, defect 7: parallel uploads of the same file failed (24 of 40 → 500) because the blob store's temporary
 * name was not unique within a millisecond. Identical content is stored once, and every upload succeeds.
 */
const filesUnder = (dir: string): string[] =>
  fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)])) : [];

describe('FsBlobStore', () => {
  it('stores 40 parallel puts of the same content once, each succeeding, no temporary file left', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-blobs-'));
    try {
      const store = new FsBlobStore(dir);
      const bytes = Buffer.concat([PDF, Buffer.from('same content')]);
      const key = sha256Hex(bytes);
      const results = await Promise.allSettled(Array.from({ length: 40 }, () => store.put(key, bytes)));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(filesUnder(dir).map((f) => path.basename(f))).toEqual([key]);
      expect((await store.get(key))!.equals(bytes)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('parallel identical uploads', () => {
  let p: TestPlatform & { blobDir: string };
  beforeAll(async () => {
    p = await startDossierPlatform();
  });
  afterAll(() => p?.close());

  it('answers 40 × 201 for 40 parallel uploads of the same file to 40 drafts, and to the data store, keeping one blob', async () => {
    const citizen = await citizenClient(p, '031085001234');
    const agency = await agencyId(p, HONG_BANG);
    const drafts: string[] = [];
    for (let i = 0; i < 40; i++) drafts.push((await citizen.post('/api/dossiers', { procedure: 'birth-re-registration', agencyId: agency, data: {} })).json().id);
    const bytes = Buffer.concat([PDF, Buffer.from('one identical scan')]);
    const answers = await Promise.all(drafts.map((id) => upload(citizen, id, 'personal-records', bytes)));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(40).fill(201));
    const store = await Promise.all(
      Array.from({ length: 40 }, () => {
        const { payload, contentType } = multipartBody({ documentType: 'giay-khai-sinh' }, { name: 'scan.pdf', type: 'application/pdf', bytes });
        return citizen.request('POST', '/api/me/store', payload, { 'content-type': contentType });
      }),
    );
    for (const r of store) expect(r.statusCode, r.body.slice(0, 300)).toBeGreaterThanOrEqual(200);
    for (const r of store) expect(r.statusCode, r.body.slice(0, 300)).toBeLessThan(300);
    const blobs = filesUnder(p.blobDir).filter((f) => path.basename(f) === sha256Hex(bytes));
    expect(blobs).toHaveLength(1);
    expect(filesUnder(p.blobDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
