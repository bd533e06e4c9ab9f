/**
 * The API steps browser tests take without looking at them: an officer's session that posts actions, and a dossier
 * filed with the citizen's own browser session (the API the web app uses).
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { samplePdf } from './browser';
import { readCatalogueFiles } from '../../../src/modules/catalog';

/** The server is slow when the machine is busy: wait on conditions, generously. */
export const WAIT = { timeout: 20_000, interval: 200 };

/** A demo citizen of the built-in e-ID provider (a mother filing for her child). */
export const DUNG = { personalId: '031195007891', name: 'Phạm Thị Dung', birthDate: '30/01/1995', relation: 'Mẹ' as const };

/** Signs an officer in; the function returned posts to a path (with an Idempotency-Key) and answers the JSON body. */
export async function officerApi(base: string, username: string) {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'MotCua@2026' }) });
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return async (path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'idempotency-key': randomUUID(), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
}

/** Files a birth re-registration at Hồng Bàng with the browser's session (its sample data, one declaration file). */
export async function fileDossier(page: Page, base: string): Promise<{ id: string; code: string }> {
  const session = await (await page.request.get(`${base}/api/auth/session`)).json();
  const headers = { 'x-csrf-token': session.csrfToken };
  const agencies = (await (await page.request.get(`${base}/api/agencies`)).json()) as Array<{ id: string; code: string }>;
  const proc = (await readCatalogueFiles()).flatMap((f) => f.procedures).find((p) => p.key === 'birth-re-registration')!;
  const draft = await (await page.request.post(`${base}/api/dossiers`, { headers, data: { procedure: proc.key, agencyId: agencies.find((a) => a.code === '000.00.21.H38')!.id, data: proc.sampleData } })).json();
  const up = await page.request.post(`${base}/api/dossiers/${draft.id}/attachments`, { headers, multipart: { documentId: 'personal-records', file: { name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: samplePdf('To khai') } } });
  expect(up.status(), await up.text()).toBe(201);
  const submitted = await page.request.post(`${base}/api/dossiers/${draft.id}/submit`, { headers });
  expect(submitted.status(), await submitted.text()).toBe(200);
  return submitted.json();
}
