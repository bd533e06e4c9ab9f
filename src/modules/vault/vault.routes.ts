import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { runIdempotent } from '../../platform/idempotency/idempotency';
import { policy } from '../../platform/auth/policy';
import { actorOf } from '../../platform/auth/actor';
import { DateTime, Obj, Uuid } from '../../platform/http/schemas';
import { AccessPageSchema, CONSENT_PURPOSES, ConsentChainSchema, ConsentDecisionSchema, ConsentsSchema } from '../../shared/api/vault';
import type { AgencyDirectory } from '../geography';
import { listAccessForPerson } from './access-log';
import { consentHistory, noticeDigest, consentStates, recordConsent, verifyConsentChain, type ConsentRow, type NoticeRow } from './consent.service';
import { vaultErrors } from './vault.errors';
import type { VaultDossiers } from './vault.ports';

// A purpose key (`prefill`, `dossier_processing`…) or, for an officer's read of a dossier's files, the dossier code.
const PurposeText = Type.String({ pattern: '^([a-z_]{1,40}|[0-9A-Za-z.]{1,40}-\\d{6}-\\d{4,8}|[0-9a-f-]{36})$' });
const PurposeParam = Type.Union(CONSENT_PURPOSES.map((p) => Type.Literal(p)));

const TrackerQuery = Obj({
  from: Type.Optional(DateTime),
  to: Type.Optional(DateTime),
  purpose: Type.Optional(PurposeText),
  agencyId: Type.Optional(Uuid),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,200}$' })),
});

const toRecord = (r: ConsentRow) => ({ id: r.id, seq: r.seq, purpose: r.purpose, noticeVersion: r.noticeVersion, noticeDigest: r.noticeDigest, given: r.given, at: r.at.toISOString(), prevHash: r.prevHash, hash: r.hash });
const toNotice = (n: NoticeRow, digest: string) => ({ version: n.version, textVi: n.textVi, textEn: n.textEn, effectiveFrom: n.effectiveFrom.toISOString(), digest });

function personalIdOf(req: FastifyRequest): string {
  const pid = req.principal?.personalId;
  if (!pid) throw vaultErrors.noPersonalId();
  return pid;
}

/** The citizen's own side of personal data: the data tracker and consent. Always scoped to the caller. */
/** A dossier of this platform is named by its id; another system's reader may state its own dossier reference. */
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerVaultRoutes(app: App, ctx: AppContext, directory: AgencyDirectory, dossiers: Pick<VaultDossiers, 'codesOf'>) {
  const { db, clock } = ctx;
  const citizen = (...errors: { code: string; status: number }[]) => ({ policy: policy.citizen(), errors: [vaultErrors.noPersonalId, ...errors] });
  const tags = ['vault'];

  app.get(
    '/api/me/data-access',
    {
      config: citizen(vaultErrors.badCursor, vaultErrors.badRange),
      schema: {
        operationId: 'listMyDataAccess',
        tags,
        summary: 'Data tracker: every read of my registry data (newest first)',
        description: 'Who read your data — when, which agency and system, for what purpose and dossier; reads of sensitive data are marked. Keyset pagination: pass `nextCursor` back as `cursor`.',
        querystring: TrackerQuery,
        response: { 200: AccessPageSchema },
      },
    },
    async (req) => {
      const pid = personalIdOf(req);
      const q = req.query;
      const page = await listAccessForPerson(db, pid, {
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        purpose: q.purpose,
        agencyId: q.agencyId,
        limit: q.limit ?? 20,
        cursor: q.cursor,
      });
      // The dossier a read was for, by its code (what the citizen knows it by), never by its internal id.
      const codes = await dossiers.codesOf(page.items.flatMap((r) => (r.dossierId ? [r.dossierId] : [])));
      const items = await Promise.all(
        page.items.map(async (r) => {
          const a = r.agencyId ? await directory.get(r.agencyId) : undefined;
          return {
            at: r.at.toISOString(),
            subject: { type: r.subjectType, id: r.subjectId },
            source: r.source,
            operation: r.operation,
            purpose: r.purpose,
            dossierId: r.dossierId,
            dossierCode: r.dossierId ? (codes.get(r.dossierId) ?? (UUID_RE.test(r.dossierId) ? null : r.dossierId)) : null,
            agency: a ? { id: a.id, code: a.code, name: a.name, nameEn: a.nameEn } : null,
            accessorKind: r.accountKind,
            client: r.client,
            fields: r.fields,
            sensitive: r.sensitive,
            logEntry: `data_access:${r.seq}`,
          };
        }),
      );
      return { items, nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/me/consents',
    {
      config: citizen(),
      schema: {
        operationId: 'listMyConsents',
        tags,
        summary: 'My consents per purpose, with the notice in effect and my decision history',
        description:
          'For each purpose, the notice in effect and my latest decision; and every decision I made, in order. Silence is not consent: a purpose without a decision is `none`. A yes to an older notice version is `renewal_needed`.',
        response: { 200: ConsentsSchema },
      },
    },
    async (req) => {
      const pid = personalIdOf(req);
      const [states, history] = await Promise.all([consentStates(db, pid, clock.now()), consentHistory(db, pid)]);
      return {
        purposes: states.map((s) => ({ purpose: s.purpose, state: s.state, notice: s.notice ? toNotice(s.notice, noticeDigest(s.notice)) : null, latest: s.latest ? toRecord(s.latest) : null })),
        history: history.map(toRecord),
      };
    },
  );

  app.post(
    '/api/me/consents/:purpose',
    {
      config: { ...citizen(vaultErrors.noticeNotFound, vaultErrors.noticeOutdated), idempotency: 'key' as const },
      schema: {
        operationId: 'decideMyConsent',
        tags,
        summary: 'Give or withdraw my consent for one purpose',
        description: 'Giving consent requires the notice version now in effect (409 `consent.notice_outdated` otherwise). Each decision is a new record in my hash chain.',
        params: Obj({ purpose: PurposeParam }),
        body: Obj({ noticeVersion: Type.Integer({ minimum: 1, maximum: 1_000_000 }), given: Type.Boolean() }),
        response: { 200: ConsentDecisionSchema },
      },
    },
    async (req, reply) => {
      const pid = personalIdOf(req);
      const now = clock.now();
      return runIdempotent(db, req, reply, req.body, now, async (tx) => {
        const { record, created } = await recordConsent(tx, actorOf(req), { personalId: pid, purpose: req.params.purpose, noticeVersion: req.body.noticeVersion, given: req.body.given }, now);
        return { status: 200, body: { created, record: toRecord(record) } };
      });
    },
  );

  app.get(
    '/api/me/consents/verify',
    {
      config: citizen(),
      schema: {
        operationId: 'verifyMyConsentChain',
        tags,
        summary: 'Verify the hash chain of my consent records',
        description: 'Recomputes the hash chain of my consent records and reports the first record changed, removed or re-linked, if any.',
        response: { 200: ConsentChainSchema },
      },
    },
    async (req) => verifyConsentChain(db, personalIdOf(req)),
  );
}
