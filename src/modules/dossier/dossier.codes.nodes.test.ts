/**
 * Dossier codes from two `motcua start` processes on ONE PostgreSQL database (issue 12 item 2): each reserves
 * blocks of numbers per agency and day (DOSSIER_CODE_BLOCK, small here so that blocks run out and are reserved
 * again while the other process does the same) and both submit to one agency at once. Every code is unique and of
 * the agency and day. Always on PostgreSQL: two processes cannot open one PGlite folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { agencyIdOf, login, NodeProcesses, ok, type Node } from '../../../test/support/nodes';
import { codeDay } from './dossier.code';

const run = `c${randomBytes(4).toString('hex')}`;
const HONG_BANG = '000.00.21.H38';
const PROCEDURE = 'birth-re-registration';
const APPLICANT = { type: 'citizen', personalId: '031190004567', fullName: 'Trần Thị Bình' } as const;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PER_NODE = 24;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const procs = new NodeProcesses(run);
let nodes: Node[];

beforeAll(async () => {
  const pgUrl = await procs.pgDatabase();
  nodes = [await procs.node('codes_a', { pgUrl, env: { DOSSIER_CODE_BLOCK: '5', CATALOG_SEARCH_INDEX: 'false' } }), await procs.node('codes_b', { pgUrl, env: { DOSSIER_CODE_BLOCK: '5', CATALOG_SEARCH_INDEX: 'false' } })];
  // One after the other: the second finds the database migrated and seeded.
  for (const n of nodes) await procs.start(n);
}, 400_000);

afterAll(() => procs.close(), 60_000);

it('gives unique codes when two processes submit to one agency at once', async () => {
  const file = JSON.parse(fs.readFileSync(path.join(ROOT, 'seed/catalog/civil-status/birth-re-registration.json'), 'utf8')) as { procedures: Array<{ key: string; sampleData?: Record<string, unknown> }> };
  const data = file.procedures.find((p) => p.key === PROCEDURE)!.sampleData ?? {};
  const agencyId = await agencyIdOf(nodes[0], HONG_BANG);
  // Counter dossiers with their file on each node, ready to submit.
  const ready = await Promise.all(
    nodes.map(async (n) => {
      const desk = await login(n, 'tiepnhan.hongbang');
      const ids: string[] = [];
      for (let i = 0; i < PER_NODE; i++) {
        const d = ok(await desk.post('/api/officer/dossiers', { procedure: PROCEDURE, agencyId, channel: 'in_person', applicant: APPLICANT, data }), 201);
        const form = new FormData();
        form.append('documentId', 'personal-records');
        form.append('file', new Blob([Buffer.concat([PDF, Buffer.from(`% ${d.id}\n`)])], { type: 'application/pdf' }), 'giay-to.pdf');
        ok(await desk.post(`/api/dossiers/${d.id}/attachments`, form), 201);
        ids.push(d.id as string);
      }
      return { desk, ids };
    }),
  );
  // All submissions at once, half through each process.
  const answers = await Promise.all(ready.flatMap(({ desk, ids }) => ids.map((id) => desk.post(`/api/dossiers/${id}/submit`))));
  const codes = answers.map((r) => ok(r).code as string);
  expect(new Set(codes).size).toBe(codes.length);
  const day = codeDay(new Date());
  for (const c of codes) expect(c).toMatch(new RegExp(`^${HONG_BANG.replaceAll('.', '\\.')}-(${day}|\\d{6})-\\d{4,}$`));
}, 300_000);
