import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { startTestPlatform, TestClient, type TestPlatform } from './platform';
import { citizenClient } from './identity/citizens';

export { citizenClient };
export const HONG_BANG = '000.00.21.H38';
export const NGO_QUYEN = '000.00.22.H38';
export const TU_PHAP = '000.00.01.H38';
/** 5 working days, commune PC, level-2 e-ID, one mandatory upload (`personal-records`), workflow with consultation. */
export const PROCEDURE = 'birth-re-registration';
export const CITIZEN = '031085001234'; // Nguyễn Văn An, level 2
export const CITIZEN_L1 = '031201001357'; // Đặng Quốc Huy, level 1

/** A platform with blobs in a throwaway folder. */
export async function startDossierPlatform(env: Record<string, string> = {}): Promise<TestPlatform & { blobDir: string }> {
  const blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-dossier-'));
  const p = await startTestPlatform({ env: { DATA_DIR: blobDir, ...env } });
  const close = p.close.bind(p);
  return Object.assign(p, {
    blobDir,
    async close() {
      await close();
      fs.rmSync(blobDir, { recursive: true, force: true });
    },
  });
}

export async function agencyId(p: TestPlatform, code: string): Promise<string> {
  const all = (await p.anonymous().get('/api/agencies')).json() as Array<{ id: string; code: string }>;
  const a = all.find((x) => x.code === code);
  if (!a) throw new Error(`no agency ${code}`);
  return a.id;
}

export async function sampleData(p: TestPlatform, procedure = PROCEDURE): Promise<Record<string, unknown>> {
  const v = await p.services.catalog.currentVersion(procedure);
  return structuredClone(v.sampleData ?? {}) as Record<string, unknown>;
}

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const EICAR_PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*')]);

/** A multipart/form-data body: fields first, then one file. */
export function multipartBody(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }) {
  const boundary = `----motcua${randomUUID().replaceAll('-', '')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function upload(c: TestClient, id: string, documentId: string, bytes = PDF, name = 'giay-to.pdf', type = 'application/pdf', headers: Record<string, string> = {}) {
  const { payload, contentType } = multipartBody({ documentId }, { name, type, bytes });
  return c.request('POST', `/api/dossiers/${id}/attachments`, payload, { 'content-type': contentType, ...headers });
}

export function ok(res: LightMyRequestResponse, status = 200) {
  expect(res.statusCode, res.body.slice(0, 600)).toBe(status);
  return res.json();
}

/** A citizen's dossier filed online and submitted, ready for the desk. */
export async function submittedDossier(p: TestPlatform, citizen: TestClient, agency: string) {
  const d = ok(await citizen.post('/api/dossiers', { procedure: PROCEDURE, agencyId: agency, data: await sampleData(p) }), 201);
  ok(await upload(citizen, d.id, 'personal-records'), 201);
  return ok(await citizen.post(`/api/dossiers/${d.id}/submit`));
}

/** Local Vietnam time → Date. */
export const vn = (local: string) => new Date(`${local}+07:00`);
