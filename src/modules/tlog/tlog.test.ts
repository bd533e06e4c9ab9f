import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestClient, type TestPlatform } from '../../../test/support/platform';
import { citizenClient } from '../../../test/support/identity/citizens';
import { agencyId, HONG_BANG, submittedDossier } from '../../../test/support/dossier';
import {
  TreeEdge,
  evaluate,
  fromBase64,
  generateSigner,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  rootExpr,
  subtreeReader,
  tileKey,
  tilePath,
  toBase64,
  verifyBundle,
  SIG_COSIGNATURE_V1,
  type ProofBundle,
} from '../../shared/tlog';
import { logSources } from '../../log-sources';
import { auditLeafSource, verifyLog, Witness, TransparencyLog } from './index';
import * as repo from './tlog.repo';

const AN = '031085001234';
const BINH = '031190004567';

let p: TestPlatform;
let dir: string;
let an: TestClient;
let binh: TestClient;
let logKey: string;
let witness: Witness;
let witnessUrl: string;
let witnessServer: import('node:http').Server;
const witnessKey = generateSigner('witness.test/w1', SIG_COSIGNATURE_V1);
const sources = [auditLeafSource, ...logSources];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-tlog-'));
  // The log's public key is only known once the platform made it: the witness trusts it from then on.
  const keyFile = path.join(dir, 'log.key');
  const origin = 'motcua.test/tlog';
  const { loadOrCreateSigner } = await import('./tlog.keys');
  logKey = (await import('../../shared/tlog')).formatVerifierKey(loadOrCreateSigner(keyFile, origin).signer);
  witness = new Witness({ signer: witnessKey.signer, logs: [parseVerifierKey(logKey)], stateFile: path.join(dir, 'witness.json') });
  witnessServer = witness.server();
  await new Promise<void>((r) => witnessServer.listen(0, '127.0.0.1', r));
  witnessUrl = `http://127.0.0.1:${(witnessServer.address() as { port: number }).port}`;
  p = await startTestPlatform({ env: { DATA_DIR: dir, TLOG_KEY_FILE: keyFile, TLOG_ORIGIN: origin, TLOG_WITNESSES: `${witnessKey.vkey}@${witnessUrl}` } });
  p.clock.set('2026-08-03T02:00:00Z');
  const officer = await p.loginAs('chuyenvien.hongbang');
  for (const id of [AN, AN, BINH]) expect((await officer.get(`/api/registry/population/${id}?purpose=verification&dossierId=HS-7`)).statusCode).toBe(200);
  an = await citizenClient(p, AN);
  binh = await citizenClient(p, BINH);
  expect((await an.post('/api/me/consents/prefill', { given: true, noticeVersion: 1 })).statusCode).toBeLessThan(300);
  await p.services.tlog.sync();
});
afterAll(async () => {
  await p.close();
  await new Promise((r) => witnessServer.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

const proofsOf = async (c: TestClient, entries: string[]) => {
  const res = await c.get(`/api/tlog/proofs?entries=${entries.join(',')}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Array<{ entry: string; status: string; bundle?: ProofBundle }>;
};

describe('the log and its read path', () => {
  it('publishes a signed, witnessed checkpoint whose root the served tiles reproduce', async () => {
    const info = (await p.anonymous().get('/api/tlog')).json();
    expect(info.publicKey).toBe(logKey);
    expect(info.origin).toBe('motcua.test/tlog');
    const res = await p.anonymous().get('/tlog/checkpoint');
    expect(res.headers['content-type']).toContain('text/plain');
    const opened = openNote(res.body, [parseVerifierKey(logKey), parseVerifierKey(witnessKey.vkey)]);
    expect(opened.verified.map((v) => v.verifier.name)).toEqual(['motcua.test/tlog', 'witness.test/w1']);
    const cp = parseCheckpoint(opened.text);
    expect(cp.size).toBeGreaterThan(3);
    // A client with only the tiles (as static files) gets the same root.
    const tiles = new Map<string, Uint8Array>();
    for (const t of TreeEdge.partialTiles(cp.size)) {
      const r = await p.anonymous().get(`/tlog/${tilePath(t.level, t.index, t.width)}`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('application/octet-stream');
      tiles.set(tileKey(t.level, t.index), new Uint8Array(r.rawPayload));
    }
    expect(toBase64(evaluate(rootExpr(cp.size), subtreeReader(tiles)))).toBe(toBase64(cp.root));
    expect((await p.anonymous().get('/tlog/tile/0/x1/2')).statusCode).toBe(400);
    expect((await p.anonymous().get('/tlog/tile/5/000')).statusCode).toBe(404);
    const c = (await p.anonymous().get(`/api/tlog/consistency?from=0&to=${cp.size}`)).json();
    expect(c).toEqual({ from: 0, to: cp.size, hashes: [] });
  });
});

describe('citizens check their proofs', () => {
  it('gives each data-tracker entry a bundle that verifies with the pinned key and opens to my personal ID', async () => {
    const items = (await an.get('/api/me/data-access')).json().items as Array<{ logEntry: string }>;
    expect(items.length).toBeGreaterThanOrEqual(2);
    const proofs = await proofsOf(
      an,
      items.map((i) => i.logEntry),
    );
    for (const pr of proofs) {
      expect(pr.status).toBe('logged');
      const r = verifyBundle(pr.bundle, { log: logKey, witnesses: [witnessKey.vkey], quorum: 1, expect: { subjectId: AN } });
      expect(r, r.detail).toMatchObject({ ok: true });
      // No personal data in the leaf itself.
      expect(pr.bundle!.leaf.data).not.toContain(AN);
    }
    // Another citizen's entries are not hers to see.
    expect((await proofsOf(binh, [items[0].logEntry]))[0].status).toBe('not_found');
    // A tampered bundle is caught, whatever was changed.
    const b = proofs[0].bundle!;
    const fails = (x: unknown, policy = {}) => verifyBundle(x, { log: logKey, ...policy }).failure;
    expect(fails({ ...b, leaf: { ...b.leaf, data: b.leaf.data.replace('"verification"', '"prefill"') } })).toBe('inclusion');
    expect(fails({ ...b, leaf: { ...b.leaf, index: b.leaf.index + 1 } })).toBe('inclusion');
    expect(fails({ ...b, checkpoint: b.checkpoint.replace(/\n(\d+)\n/, (_m, n) => `\n${Number(n) + 1}\n`) })).toBe('log_signature');
    expect(fails({ ...b, disclosure: { ...b.disclosure!, value: { ...b.disclosure!.value, subjectId: BINH } } })).toBe('disclosure');
    expect(fails(b, { expect: { subjectId: BINH } })).toBe('expectation');
    expect(fails(b, { log: generateSigner('motcua.test/tlog').vkey })).toBe('log_signature');
  });

  it('proves each action of a dossier to its applicant, and only to those who may read it', async () => {
    const d = await submittedDossier(p, an, await agencyId(p, HONG_BANG));
    await p.services.tlog.sync();
    const res = await an.get(`/api/tlog/about/dossier/${d.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ action: string; status: string; bundle: ProofBundle }>;
    expect(items.map((i) => i.action)).toEqual(expect.arrayContaining(['dossier.draft_created', 'dossier.submitted']));
    for (const i of items) expect(verifyBundle(i.bundle, { log: logKey, expect: { targetId: d.id } })).toMatchObject({ ok: true });
    expect((await binh.get(`/api/tlog/about/dossier/${d.id}`)).statusCode).toBe(403);
  });

  it('logs consent decisions with the citizen as the only one who can open them', async () => {
    const hist = (await an.get('/api/me/consents')).json().history as Array<{ id: string }>;
    const [pr] = await proofsOf(an, [`consent:${hist[0].id}`]);
    expect(verifyBundle(pr.bundle, { log: logKey, expect: { personalId: AN } })).toMatchObject({ ok: true });
  });
});

describe('motcua log verify and the witness catch tampering', () => {
  /** Runs a tampering in a transaction, verifies inside it, and rolls it back. */
  async function tampered(change: (tx: any) => Promise<void>) {
    let report: Awaited<ReturnType<typeof verifyLog>> | undefined;
    await p.ctx.db
      .transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await change(tx);
        report = await verifyLog(tx, { logKey: parseVerifierKey(logKey), sources });
        throw new Error('rollback');
      })
      .catch((e) => {
        if ((e as Error).message !== 'rollback') throw e;
      });
    return report!;
  }
  const codes = (r: { problems: Array<{ code: string }> }) => [...new Set(r.problems.map((x) => x.code))].sort();

  it('finds an intact log intact: SQL-written leaves equal their TypeScript recomputation', async () => {
    await p.services.tlog.sync();
    const r = await verifyLog(p.ctx.db, { logKey: parseVerifierKey(logKey), sources });
    expect(r.problems).toEqual([]);
    // Every entry of a kind these sources know is one of their records (less the log's own first entry).
    const kinds = sources.map((x) => x.kind);
    const byKind = (await p.ctx.db.execute(sql`select kind, count(*)::int as n from tlog_entries group by kind`)) as unknown as { rows?: Array<{ kind: string; n: number }> } & Array<{ kind: string; n: number }>;
    const counts = (byKind.rows ?? byKind) as Array<{ kind: string; n: number }>;
    const covered = counts.filter((c) => kinds.includes(c.kind)).reduce((a, c) => a + Number(c.n), 0);
    expect(r.records).toBeGreaterThanOrEqual(covered - 1);
    // Every kind of leaf in the log has its source: a new kind must come with one (src/log-sources.ts).
    expect(counts.map((c) => c.kind).filter((k) => !kinds.includes(k)).sort()).toEqual([]);
  });

  it('names a changed leaf, a changed record, deleted rows and reordered rows', async () => {
    const access = await repo.rowsOf<{ idx: number; ref: string }>(await p.ctx.db.execute(sql`select idx, ref from tlog_entries where kind = 'data_access' order by idx limit 2`));
    const [a, b] = access.map((x) => ({ idx: Number(x.idx), ref: x.ref }));
    expect(codes(await tampered((tx) => tx.execute(sql`update tlog_entries set data = replace(data, '"verification"', '"prefill"') where idx = ${a.idx}`)))).toEqual(['entry_changed', 'record_changed']);
    const changedRecord = await tampered((tx) => tx.execute(sql`update data_access_log set purpose = 'inspection' where seq = ${Number(a.ref)}`));
    expect(changedRecord.problems).toEqual([expect.objectContaining({ code: 'record_changed', kind: 'data_access', ref: a.ref, index: a.idx })]);
    expect(codes(await tampered((tx) => tx.execute(sql`delete from data_access_log where seq = ${Number(a.ref)}`)))).toEqual(['record_deleted']);
    expect(codes(await tampered((tx) => tx.execute(sql`delete from tlog_entries where idx = ${a.idx}`)))).toEqual(['entry_missing', 'record_not_logged']);
    const moved = await tampered(async (tx) => {
      await tx.execute(sql`update tlog_entries set idx = -1 where idx = ${a.idx}`);
      await tx.execute(sql`update tlog_entries set idx = ${a.idx} where idx = ${b.idx}`);
      await tx.execute(sql`update tlog_entries set idx = ${b.idx} where idx = -1`);
    });
    expect(moved.problems.filter((x) => x.code === 'entry_moved').map((x) => x.index)).toEqual(expect.arrayContaining([a.idx]));
    expect(codes(await tampered((tx) => tx.execute(sql`delete from audit_log where id = (select id from audit_log order by at limit 1)`)))).toEqual(['record_deleted']);
  });

  // The attacker has the database and the log key: tampers with rows, rebuilds every tile and the head so the tree
  // looks whole, signs a new checkpoint and offers it to the witness.
  // A deleted row plus one new leaf gives the size the witness has, with another root: a fork (409).
  const rewrites: Array<[string, (tx: any) => Promise<unknown>, number, string]> = [
    ['a changed leaf', (tx) => tx.execute(sql`update tlog_entries set data = replace(data, '"verification"', '"prefill"'), hash = sha256('\\x00'::bytea || convert_to(replace(data, '"verification"', '"prefill"'), 'UTF8')) where idx = (select min(idx) from tlog_entries where kind = 'data_access')`), 422, 'inconsistent'],
    [
      'a deleted row (later rows renumbered)',
      async (tx) => {
        await tx.execute(sql`delete from tlog_entries where idx = 3`);
        await tx.execute(sql`update tlog_entries set idx = -idx where idx > 3`);
        await tx.execute(sql`update tlog_entries set idx = -idx - 1 where idx < 0`);
      },
      409,
      'fork',
    ],
    [
      'reordered rows',
      async (tx) => {
        await tx.execute(sql`update tlog_entries set idx = -1 where idx = 1`);
        await tx.execute(sql`update tlog_entries set idx = 1 where idx = 2`);
        await tx.execute(sql`update tlog_entries set idx = 2 where idx = -1`);
      },
      422,
      'inconsistent',
    ],
  ];
  it.each(rewrites)('catches a rewritten history (%s) with a valid-looking new checkpoint, and the witness refuses it', async (_what, tamper, status, reason) => {
    await p.services.tlog.sync();
    const before = (await p.services.tlog.checkpointNote())!;
    const evidence = witness.snapshot.evidence.length;
    const forged = await p.ctx.db
      .transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tamper(tx);
        await tx.execute(sql`delete from tlog_tiles`);
        await tx.execute(sql`delete from tlog_head`);
        const all = await repo.entriesFrom(tx, 0, 1_000_000);
        const edge = new TreeEdge();
        await repo.storeTiles(tx, edge.append(all.map((e) => e.hash)));
        const root = evaluate(rootExpr(edge.size), subtreeReader(edge.partialTileBytes()));
        await repo.writeHead(tx, { size: edge.size, root }, new Date());
        // One more leaf, so the forged checkpoint is newer than the witnessed one.
        await tx.execute(sql`select tlog_push('audit', 'forged', '{"kind":"audit"}', ''::bytea)`);
        const log = new TransparencyLog(tx as never, { origin: 'motcua.test/tlog', signer: () => p.services.tlog.signer() });
        await log.integrateAll();
        const head = await repo.readHead(tx);
        const { formatCheckpoint, signNote } = await import('../../shared/tlog');
        const note = signNote(formatCheckpoint({ origin: 'motcua.test/tlog', size: head.size, root: head.root }), [p.services.tlog.signer()]);
        await repo.insertCheckpoint(tx, { size: head.size, root: head.root, note, signedAt: new Date() });
        const report = await verifyLog(tx, { logKey: parseVerifierKey(logKey), sources });
        // The witness is asked with a consistency proof from what it cosigned, computed from the rebuilt tree.
        const proof = await log.consistencyProof(before.size, head.size);
        const answer = await fetch(`${witnessUrl}/add-checkpoint`, { method: 'POST', body: `old ${before.size}\n${proof.map((h) => `${toBase64(h)}\n`).join('')}\n${note}` });
        throw Object.assign(new Error('rollback'), { report, status: answer.status });
      })
      .catch((e) => e as Error & { report: Awaited<ReturnType<typeof verifyLog>>; status: number });
    expect(forged.message).toBe('rollback');
    expect(codes(forged.report)).toContain('checkpoint_mismatch');
    expect(forged.report.problems.find((x) => x.code === 'checkpoint_mismatch')!.detail).toContain('history was rewritten');
    expect(forged.status).toBe(status);
    expect(witness.snapshot.evidence).toHaveLength(evidence + 1);
    expect(witness.snapshot.evidence.at(-1)).toMatchObject({ origin: 'motcua.test/tlog', reason });
    // The genuine log is untouched and still witnessed.
    expect((await verifyLog(p.ctx.db, { logKey: parseVerifierKey(logKey), sources })).ok).toBe(true);
  });

  it('the witness refuses a fork: two checkpoints of one size with different roots', async () => {
    const cp = (await p.services.tlog.checkpointNote())!;
    const size = parseCheckpoint(cp.note.slice(0, cp.note.indexOf('\n\n') + 1)).size;
    expect(witness.snapshot.logs['motcua.test/tlog'].size).toBe(size);
    const { formatCheckpoint, signNote, leafHash } = await import('../../shared/tlog');
    const other = signNote(formatCheckpoint({ origin: 'motcua.test/tlog', size, root: leafHash('another history') }), [p.services.tlog.signer()]);
    const res = await fetch(`${witnessUrl}/add-checkpoint`, { method: 'POST', body: `old ${size}\n\n${other}` });
    expect(res.status).toBe(409);
    expect(witness.snapshot.evidence.at(-1)).toMatchObject({ reason: 'fork', had: { size } });
    // And a checkpoint not signed by the log is refused outright.
    const stranger = signNote(formatCheckpoint({ origin: 'motcua.test/tlog', size: size + 1, root: leafHash('x') }), [generateSigner('motcua.test/tlog').signer]);
    expect((await fetch(`${witnessUrl}/add-checkpoint`, { method: 'POST', body: `old ${size}\n\n${stranger}` })).status).toBe(403);
    expect(fromBase64(witness.snapshot.logs['motcua.test/tlog'].root)).toEqual(parseCheckpoint(cp.note.slice(0, cp.note.indexOf('\n\n') + 1)).root);
  });
});
