/**
 * Dossiers transferred (liên thông) between agencies on two MotCua nodes — the dossier module's part. On the origin,
 * the transfer is a hand-off to another agency: the dossier waits in `consulting` (the existing step with its own
 * deadline and form 06 row), and the receiving agency's outcome comes back as its answer, in the name of the officer
 * who decided. On the receiving node, the transfer opens a dossier of the receiving agency, filed (`submitted`) for
 * its one-stop desk, with the applicant and the form data sent by the origin. The exchange module calls these in its
 * transaction (inbox, route), through ports wired in main.ts.
 */
import type { Tx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import { foldVi, normalizeVi } from '../../shared/text/fold';
import { factsOf, initialProjection, type State } from '../../shared/dossier';
import type { DossierContext } from './dossier.deps';
import type { DossierRow } from './dossier.repo';
import { dossierErrors } from './dossier.errors';
import { appendAction, openDraft } from './dossier.journal';
import { checkData } from './dossier.drafts';

export interface TransferredDossier {
  transferId: string;
  agencyId: string;
  procedureKey: string;
  applicant: { type: 'citizen' | 'business'; id: string; name: string };
  data: Record<string, unknown>;
  /** The origin: its agency and dossier code (recorded in the audit and the filing comment). */
  origin: { agencyCode: string; agencyName: string; dossierCode: string };
}

const transferPrincipal = (name: string, transferId: string): Principal => ({ accountId: '00000000-0000-0000-0000-000000000000', kind: 'system', displayName: name.slice(0, 200), personalId: null, assuranceLevel: null, grants: [], sessionId: `transfer:${transferId}`, sessionKind: 'bearer', csrfToken: null });

/**
 * Opens the receiving agency's dossier for a transfer: the procedure's current version, the origin's data (checked
 * as a draft: a value the e-form refuses is refused, a missing one is not — the origin's desk checked it), filed by
 * the system in the receiving desk's name with the agency's next code. Papers stay at the origin (not transferred).
 */
export async function openTransferred(ctx: DossierContext, tx: Tx, input: TransferredDossier): Promise<DossierRow> {
  const now = ctx.now();
  const version = await ctx.catalog.currentVersion(input.procedureKey, tx);
  const agency = await ctx.directory.get(input.agencyId, tx);
  if (!agency || !agency.active) throw dossierErrors.procedureNotOffered();
  if (!version.applicantTypes.includes(input.applicant.type)) throw dossierErrors.applicantTypeNotAllowed();
  const data = await checkData(ctx, tx, version.id, input.data, false);
  const actor = { accountId: null, kind: 'platform' as const, role: null, requestId: `transfer:${input.transferId}` };
  const draft = await openDraft(
    tx,
    {
      procedureId: version.procedureId,
      procedureVersionId: version.id,
      procedureKey: version.key,
      procedureCode: version.nationalCode,
      procedureName: version.name,
      agencyId: agency.id,
      agencyCode: agency.code,
      channel: 'online',
      state: 'draft' as State,
      nationalStatus: 1,
      data,
      projection: initialProjection(),
      createdAt: now,
      updatedAt: now,
      subjectType: input.applicant.type,
      subjectId: input.applicant.id,
      subjectName: normalizeVi(input.applicant.name),
      subjectNameFolded: foldVi(input.applicant.name),
      ownerAccountId: null,
      createdByAccountId: '00000000-0000-0000-0000-000000000000',
      filedByOfficer: true,
    },
    { actor, now, after: { procedureVersionId: version.id, agencyId: agency.id, transferId: input.transferId, from: input.origin.agencyCode, originDossier: input.origin.dossierCode } },
  );
  const code = await ctx.codes.next(tx, agency.code, now);
  const principal = transferPrincipal(`Liên thông từ ${input.origin.agencyName}`, input.transferId);
  const { row } = await appendAction(tx, draft, {
    actor,
    principal,
    candidates: ['system'],
    action: { type: 'submit', channel: 'online' },
    facts: factsOf(draft.projection),
    agencyId: agency.id,
    now,
    set: { code, submittedAt: now, data },
    comment: `Hồ sơ liên thông từ ${input.origin.agencyName} (${input.origin.dossierCode})`.slice(0, 2000),
  });
  return row;
}
