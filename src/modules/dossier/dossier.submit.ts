/**
 * Submission (nộp hồ sơ): the draft becomes a dossier of the agency. Everything that decides it — the state, the
 * data, the files — is read after the row is locked, in the submitting transaction, so a save that arrives
 * meanwhile waits and is then refused (409 not_draft) instead of being overwritten.
 */
import type { Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import { factsOf, type ActorRole } from '../../shared/dossier';
import { missingDocuments } from '../../shared/catalog';
import type { DossierView } from '../../shared/api/dossier';
// Until identity has its index.ts (the architecture work).
import { requireAssuranceLevel } from '../identity';
import type { DossierContext } from './dossier.deps';
import { attachmentsOf } from './dossier.repo';
import { dossierErrors } from './dossier.errors';
import { editableAccess } from './dossier.access';
import { appendAction, decide, lockDossier } from './dossier.journal';
import { checkPrefillIntegrity } from './dossier.prefill';
import { checkData } from './dossier.drafts';
import { dossierView } from './dossier.views';

/** Files the dossier: complete data, mandatory documents attached, e-ID level; the code is assigned now. */
export async function submit(ctx: DossierContext, tx: Tx, principal: Principal, actor: Actor, id: string): Promise<DossierView> {
  const locked = await lockDossier(tx, id);
  await editableAccess(ctx, tx, principal, locked);
  const version = await ctx.catalog.getVersion(locked.procedureVersionId, tx);
  const role: ActorRole = locked.filedByOfficer ? 'receiving_officer' : 'applicant';
  if (role === 'applicant') requireAssuranceLevel(principal, version.eIdLevel);
  const action = { type: 'submit', channel: locked.channel } as const;
  const facts = factsOf(locked.projection);
  // The state first: a dossier already filed answers 409, whatever its data.
  decide(locked, [role], action, facts);
  checkPrefillIntegrity(locked);
  const data = await checkData(ctx, tx, version.id, locked.data, true, locked.prefill);
  const have = (await attachmentsOf(tx, id)).map((a) => a.documentId);
  // Required by the procedure or by the answers (`requiredIf`); papers the e-form replaces, those read from a national
  // registry and originals only shown at the desk are not uploaded.
  const missing = missingDocuments(version.documents, version.eform, data, have);
  if (missing.length) {
    throw dossierErrors.missingDocuments(undefined, { fields: missing.map((d) => ({ field: `documents.${d.id}`, code: 'required', message: { vi: `Thiếu: ${d.name.vi}`, en: `Missing: ${d.name.en}` } })) });
  }
  const now = ctx.now();
  // Drawn last: submissions to the same agency on the same day wait for each other only from here to the commit.
  const code = await ctx.codes.next(tx, locked.agencyCode, now);
  const { row } = await appendAction(tx, locked, {
    actor,
    principal,
    candidates: [role],
    action,
    facts,
    agencyId: role === 'receiving_officer' ? locked.agencyId : null,
    now,
    set: { code, submittedAt: now, data },
  });
  return dossierView(row, now);
}
