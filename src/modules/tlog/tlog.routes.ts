import { Type } from 'typebox';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import { policy } from '../../platform/auth/policy';
import { formatVerifierKey, parseTilePath, toBase64 } from '../../shared/tlog';
import { AboutListSchema, ConsistencySchema, LogInfoSchema, ProofListSchema } from '../../shared/api/tlog';
import { tlogErrors } from './tlog.errors';
import type { TransparencyLog } from './tlog.service';
import * as repo from './tlog.repo';
import { auditAbout, auditPrivate } from './tlog.sources';

/** Who may open the commitments of a kind of record: the private values a principal may see, by ref. */
export interface ProofAudience {
  kind: string;
  disclose(db: DbOrTx, principal: Principal, refs: string[]): Promise<Map<string, unknown>>;
}

/** Who may see the audit records about a target (e.g. 'dossier': the dossier's readers). Throws or returns false. */
export type AboutCheck = (principal: Principal, targetId: string) => Promise<boolean>;

const MAX_ENTRIES = 100;

export function registerTlogRoutes(app: App, ctx: AppContext, log: TransparencyLog, audiences: ProofAudience[], about: Record<string, AboutCheck>) {
  const tags = ['transparency log'];
  const db = ctx.db;

  // ─── C2SP tlog-tiles read path (public; could be served as static files) ───
  app.get(
    '/tlog/checkpoint',
    {
      config: { policy: policy.public(), errors: [tlogErrors.noCheckpoint] },
      schema: {
        operationId: 'getTlogCheckpoint',
        tags,
        summary: 'The latest signed checkpoint (C2SP tlog-checkpoint), with witness cosignatures',
        description: 'A C2SP signed note: origin, tree size, base64 root hash, then the log signature and any witness cosignatures. Mutable: cached for a few seconds only.',
        response: { 200: Type.String({ description: 'text/plain; charset=utf-8' }) },
      },
    },
    async (_req, reply) => {
      const cp = await log.checkpointNote();
      if (!cp) throw tlogErrors.noCheckpoint();
      reply.header('cache-control', 'public, max-age=2').type('text/plain; charset=utf-8');
      return cp.note;
    },
  );

  app.get(
    '/tlog/tile/*',
    {
      config: { policy: policy.public(), errors: [tlogErrors.badTilePath, tlogErrors.tileNotFound] },
      schema: {
        operationId: 'getTlogTile',
        tags,
        summary: 'A Merkle tree tile (C2SP tlog-tiles): tile/<L>/<N>[.p/<W>]',
        description: 'Concatenated 32-byte SHA-256 hashes: at level 0 the leaf hashes, above each the hash of a full tile of the level below. Immutable (a partial tile is served at its width). Entry bundles are not served: leaves are given only to their data subjects, in proof bundles.',
        params: Type.Object({ '*': Type.String({ maxLength: 100 }) }),
        response: { 200: Type.String({ description: 'application/octet-stream' }) },
      },
    },
    async (req, reply) => {
      const p = parseTilePath(req.params['*']);
      if (!p) throw tlogErrors.badTilePath();
      const t = await log.tile(p.level, p.index, p.width);
      if (!t) throw tlogErrors.tileNotFound();
      // Bytes, not JSON: sent as they are (the schema documents the media type).
      return reply.header('cache-control', 'public, max-age=31536000, immutable').type('application/octet-stream').send(Buffer.from(t) as unknown as string);
    },
  );

  // ─── JSON API ───
  app.get(
    '/api/tlog',
    {
      config: { policy: policy.public(), errors: [] },
      schema: {
        operationId: 'getTlogInfo',
        tags,
        summary: 'The transparency log: its origin, public key, witnesses and latest checkpoint',
        description: 'What a verifier pins (the log key and the witnesses\' keys) and the latest signed checkpoint. The log holds every audit record, every read of a person\'s data and every consent decision, as hashes and commitments only.',
        response: { 200: LogInfoSchema },
      },
    },
    async () => {
      const cp = await log.checkpointNote();
      return {
        origin: log.origin,
        publicKey: log.verifierKey(),
        witnesses: log.witnesses.map((w) => ({ key: formatVerifierKey(w.verifier), url: w.url })),
        checkpoint: cp,
        pending: await repo.pendingCount(db),
      };
    },
  );

  app.get(
    '/api/tlog/proofs',
    {
      config: { policy: policy.authenticated(), errors: [tlogErrors.badEntry, tlogErrors.tooManyEntries] },
      schema: {
        operationId: 'getTlogProofs',
        tags,
        summary: 'Proof bundles for log entries (e.g. my data-tracker entries)',
        description: 'One proof bundle per entry `kind:ref` (e.g. `data_access:123` from the data tracker): leaf, RFC 9162 inclusion proof and the signed checkpoint. The commitment is opened (disclosure) only for the record\'s data subject; entries the caller may not see are answered `not_found`.',
        querystring: Type.Object({ entries: Type.String({ minLength: 3, maxLength: 6000, description: 'Comma-separated kind:ref' }) }, { additionalProperties: false }),
        response: { 200: ProofListSchema },
      },
    },
    async (req) => {
      const list = req.query.entries.split(',').map((e) => e.trim());
      if (list.length > MAX_ENTRIES) throw tlogErrors.tooManyEntries();
      const byKind = new Map<string, string[]>();
      for (const e of list) {
        const m = /^([a-z_]{1,40}):([A-Za-z0-9_.-]{1,100})$/.exec(e);
        if (!m) throw tlogErrors.badEntry({ vi: `Mã "${e.slice(0, 60)}" không đúng dạng loại:mã.`, en: `"${e.slice(0, 60)}" is not kind:ref.` });
        byKind.set(m[1], [...(byKind.get(m[1]) ?? []), m[2]]);
      }
      const principal = req.principal!;
      const answers = new Map<string, { status: 'logged' | 'pending' | 'not_found'; bundle?: unknown }>();
      for (const [kind, refs] of byKind) {
        const audience = audiences.find((a) => a.kind === kind);
        const allowed = audience ? await audience.disclose(db, principal, refs) : new Map<string, unknown>();
        const visible = refs.filter((r) => allowed.has(r));
        const got = await log.bundles(kind, visible, (ref) => allowed.get(ref) ?? null);
        for (const r of refs) answers.set(`${kind}:${r}`, got.get(r) ?? { status: 'not_found' });
      }
      return { items: list.map((entry) => ({ entry, ...(answers.get(entry) as { status: 'logged' | 'pending' | 'not_found' }) })) } as never;
    },
  );

  app.get(
    '/api/tlog/about/:type/:id',
    {
      config: { policy: policy.authenticated(), errors: [tlogErrors.notYours] },
      schema: {
        operationId: 'getTlogProofsAbout',
        tags,
        summary: 'Proof bundles of the audit records about a record (e.g. every action on a dossier)',
        description: 'For each audit record about the target (e.g. `dossier` and its id: every action of its timeline), its proof bundle with the audit record disclosed, so the reader can check the action, its time and that it is about this dossier. Only for those who may read the target.',
        params: Type.Object({ type: Type.String({ pattern: '^[a-z_]{1,40}$' }), id: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,100}$' }) }, { additionalProperties: false }),
        response: { 200: AboutListSchema },
      },
    },
    async (req) => {
      // Own keys only: `__proto__` or `constructor` must not find Object.prototype's members (found by the fuzzer).
      const check = Object.hasOwn(about, req.params.type) ? about[req.params.type] : undefined;
      const principal = req.principal!;
      if (!check || !(await check(principal, req.params.id).catch(() => false))) throw tlogErrors.notYours();
      const rows = await auditAbout(db, req.params.type, req.params.id);
      const priv = new Map(rows.map((r) => [r.id, auditPrivate(r)]));
      const got = await log.bundles('audit', rows.map((r) => r.id), (ref) => priv.get(ref) ?? null);
      return {
        items: rows.map((r) => ({ entry: `audit:${r.id}`, action: r.action, at: r.at.toISOString(), ...(got.get(r.id) as { status: 'logged' }) })),
      } as never;
    },
  );

  app.get(
    '/api/tlog/consistency',
    {
      config: { policy: policy.public(), errors: [tlogErrors.badSizes, tlogErrors.sizeNotPublished] },
      schema: {
        operationId: 'getTlogConsistency',
        tags,
        summary: 'Consistency proof between two published tree sizes (RFC 9162 §2.1.4)',
        description: 'Shows that the tree of size `to` extends the tree of size `from`: the log was only appended to in between. Both sizes must be of published checkpoints.',
        querystring: Type.Object({ from: Type.Integer({ minimum: 0 }), to: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
        response: { 200: ConsistencySchema },
      },
    },
    async (req) => {
      const { from, to } = req.query;
      if (from > to) throw tlogErrors.badSizes();
      for (const s of [from, to]) if (s > 0 && !(await repo.checkpointAt(db, s))) throw tlogErrors.sizeNotPublished({ vi: `Không có điểm kiểm kích thước ${s}.`, en: `No checkpoint of size ${s}.` });
      const hashes = await log.consistencyProof(from, to);
      return { from, to, hashes: hashes.map(toBase64) };
    },
  );
}

