/**
 * Drafts (bản nháp): opened online by a citizen (possibly as agent), or at the counter by a receiving officer, and
 * saved as the applicant answers. Everything is read in the caller's transaction, after the row is locked.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client';
import { platformActor } from '../../platform/auth/actor';
import type { Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import type { FieldError } from '../../platform/http/errors';
import { foldVi, normalizeVi } from '../../shared/text/fold';
import { todayInVietnam } from '../../shared/eform';
import { initialProjection, type Channel, type State } from '../../shared/dossier';
import { applyMergePatch } from '../../shared/api/merge-patch';
import type { CounterDraftBody, CreateDraftBody, DeletedDraft, DossierView, DraftView } from '../../shared/api/dossier';
// Until identity has its index.ts (the architecture work).
import { requireAssuranceLevel } from '../identity';
import type { AgencyRow, DossierContext, ProcedureVersion } from './dossier.deps';
import type { DossierRow, NewDossierRow } from './dossier.repo';
import type { StoredPrefill } from './dossier.schema';
import { dossierErrors, inPersonOnlyDetail } from './dossier.errors';
import { editableAccess } from './dossier.access';
import { deleteDraftRow, lockDossier, openDraft, requireState, saveDraftData, EDITABLE_STATES } from './dossier.journal';
import { dossiers } from './dossier.schema';
import { checkPrefillIntegrity, mergePrefill, prefillHashOf, prefillValues, runPrefill } from './dossier.prefill';
import { draftView, dossierView } from './dossier.views';

/**
 * The form data checked against the version's e-form. A draft may be incomplete: wrong values are refused, missing
 * ones are not (`complete` at submission). Returns the data as the e-form normalises it.
 */
export async function checkData(ctx: DossierContext, tx: Tx, versionId: string, data: Record<string, unknown>, complete: boolean, prefill?: StoredPrefill | null): Promise<Record<string, unknown>> {
  // "today" in the e-form's date rules (a birth date not in the future) is the platform clock's day in Vietnam.
  const today = todayInVietnam(ctx.now());
  const r = await ctx.catalog.validateData(versionId, data, prefill ? { prefilled: prefillValues(prefill), today } : { today }, tx);
  if (r.ok) return r.data as Record<string, unknown>;
  const errs = complete ? r.errors : r.errors.filter((e) => e.code !== 'required');
  if (errs.length) throw dossierErrors.invalidData(undefined, { fields: errs as FieldError[] });
  return data;
}

async function versionAndAgency(ctx: DossierContext, tx: Tx, procedure: string, agencyId: string): Promise<{ version: ProcedureVersion; agency: AgencyRow }> {
  const version = await ctx.catalog.currentVersion(procedure, tx);
  const agency = await ctx.directory.get(agencyId, tx);
  if (!agency || !agency.active || agency.kind !== version.agencyKind) throw dossierErrors.procedureNotOffered();
  return { version, agency };
}

function draftRow(now: Date, version: ProcedureVersion, agency: AgencyRow, channel: Channel, data: Record<string, unknown>) {
  return {
    procedureId: version.procedureId,
    procedureVersionId: version.id,
    procedureKey: version.key,
    procedureCode: version.nationalCode,
    procedureName: version.name,
    agencyId: agency.id,
    agencyCode: agency.code,
    channel,
    state: 'draft' as State,
    nationalStatus: 1,
    data,
    projection: initialProjection(),
    createdAt: now,
    updatedAt: now,
  } satisfies Partial<NewDossierRow>;
}

/** A citizen's draft (online), possibly as agent under an authorisation or for a business. */
export async function createDraft(ctx: DossierContext, tx: Tx, principal: Principal, actor: Actor, input: CreateDraftBody): Promise<DraftView> {
  if (principal.kind !== 'citizen') throw dossierErrors.notCitizen();
  const now = ctx.now();
  const { version, agency } = await versionAndAgency(ctx, tx, input.procedure, input.agencyId);
  // A procedure offered in person only is filed at the desk (the counter draft), never online: say where to go.
  if (!version.submission.channels.includes('online')) throw dossierErrors.inPersonOnly(inPersonOnlyDetail(agency), { extra: { oneStopUnit: agency.oneStopUnit, address: agency.address } });
  // Procedures needing a level-2 VNeID refuse a level-1 login (Decree 69/2024).
  requireAssuranceLevel(principal, version.eIdLevel);
  const filing = await ctx.filing.resolveFilingIdentity(tx, principal, { onBehalfOf: input.onBehalfOf, procedureCode: version.nationalCode ?? version.key, at: now });
  if (!version.applicantTypes.includes(filing.subject.type)) throw dossierErrors.applicantTypeNotAllowed();
  // Once-only: bound fields are read from the registries for the subject (logged against each data subject).
  const id = randomUUID();
  const prefill = await runPrefill(ctx, tx, { principal, requestId: actor.requestId ?? null, dossierId: id, agencyId: agency.id, version, subject: filing.subject, asAgent: !!filing.agent, now });
  const data = await checkData(ctx, tx, version.id, await mergePrefill(ctx, tx, version.id, (input.data ?? {}) as Record<string, unknown>, prefill, 'create'), false, prefill);
  const prefillHash = prefill ? prefillHashOf(prefill) : null;
  const row = await openDraft(
    tx,
    {
      ...draftRow(now, version, agency, 'online', data),
      id,
      prefill,
      prefillHash,
      subjectType: filing.subject.type,
      subjectId: filing.subject.id,
      subjectName: normalizeVi(filing.subject.name),
      subjectNameFolded: foldVi(filing.subject.name),
      ownerAccountId: principal.accountId,
      agentAccountId: filing.agent?.accountId ?? null,
      agentName: filing.agent?.name ?? null,
      createdByAccountId: principal.accountId,
    },
    { actor, role: 'applicant', now, after: { procedureVersionId: version.id, agencyId: agency.id, prefilled: Object.keys(prefill?.fields ?? {}), prefillHash } },
  );
  return draftView(row, now);
}

/** A draft opened at the counter (channel 1) or for a postal filing (channel 3) by a receiving officer. */
export async function createCounterDraft(ctx: DossierContext, tx: Tx, principal: Principal, actor: Actor, input: CounterDraftBody): Promise<DossierView> {
  const now = ctx.now();
  const { version, agency } = await versionAndAgency(ctx, tx, input.procedure, input.agencyId);
  if (!(await ctx.directory.roleIn(principal, ['receiving_officer'], agency.id, tx))) throw dossierErrors.outOfJurisdiction();
  if (!version.applicantTypes.includes(input.applicant.type)) throw dossierErrors.applicantTypeNotAllowed();
  const subjectId = input.applicant.type === 'citizen' ? input.applicant.personalId : input.applicant.enterpriseCode;
  const subjectName = input.applicant.type === 'citizen' ? input.applicant.fullName : input.applicant.name;
  const data = input.data ? await checkData(ctx, tx, version.id, input.data as Record<string, unknown>, false) : {};
  const row = await openDraft(
    tx,
    {
      ...draftRow(now, version, agency, input.channel, data),
      subjectType: input.applicant.type,
      subjectId,
      subjectName: normalizeVi(subjectName),
      subjectNameFolded: foldVi(subjectName),
      ownerAccountId: null,
      createdByAccountId: principal.accountId,
      filedByOfficer: true,
    },
    { actor: { ...actor, role: 'receiving_officer', agencyId: agency.id }, now, after: { procedureVersionId: version.id, agencyId: agency.id, channel: input.channel } },
  );
  return dossierView(row, now);
}

/**
 * Saves a draft's form data. `patch` is a JSON Merge Patch (RFC 7396) of the stored data: named members replace
 * theirs (null removes one), the others are kept. The merged data is validated as a draft.
 */
export async function updateDraft(ctx: DossierContext, tx: Tx, principal: Principal, actor: Actor, id: string, patch: Record<string, unknown>): Promise<DraftView> {
  const locked = await lockDossier(tx, id);
  await editableAccess(ctx, tx, principal, locked);
  requireState(locked, EDITABLE_STATES.data);
  checkPrefillIntegrity(locked);
  const merged = applyMergePatch(locked.data, patch) as Record<string, unknown>;
  const clean = await checkData(ctx, tx, locked.procedureVersionId, await mergePrefill(ctx, tx, locked.procedureVersionId, merged, locked.prefill, 'update'), false, locked.prefill);
  const now = ctx.now();
  const row: DossierRow = await saveDraftData(tx, locked, clean, { actor, now });
  return draftView(row, now);
}

/** Deletes a draft (xoá bản nháp), by its applicant (or, for a counter filing, the agency's desk); never a filed dossier. */
export async function deleteDraft(ctx: DossierContext, tx: Tx, principal: Principal, actor: Actor, id: string): Promise<DeletedDraft> {
  const locked = await lockDossier(tx, id);
  await editableAccess(ctx, tx, principal, locked);
  const now = ctx.now();
  await deleteDraftRow(tx, locked, 'deleted', { actor, now });
  return { id, procedureKey: locked.procedureKey, deletedAt: now.toISOString() };
}

/**
 * Drafts not saved for `days` days expire (DRAFT_EXPIRY_DAYS; 0: never): each deleted in a transaction of its own,
 * re-read under the row lock so a draft saved meanwhile stays. Returns how many expired.
 */
export async function expireDrafts(ctx: DossierContext, db: Db, days: number, batch = 200): Promise<number> {
  if (days <= 0) return 0;
  const now = ctx.now();
  const before = new Date(now.getTime() - days * 86_400_000);
  let expired = 0;
  for (;;) {
    const old = await db
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(and(eq(dossiers.state, 'draft'), lt(dossiers.updatedAt, before)))
      .orderBy(asc(dossiers.updatedAt))
      .limit(batch);
    for (const { id } of old) {
      const gone = await db.transaction(async (tx) => {
        const locked = await lockDossier(tx, id).catch(() => null);
        if (!locked || locked.state !== 'draft' || locked.updatedAt.getTime() >= before.getTime()) return false;
        await deleteDraftRow(tx, locked, 'expired', { actor: platformActor('dossier.draft_expiry'), now, after: { days } });
        return true;
      });
      if (gone) expired++;
    }
    if (old.length < batch) return expired;
  }
}
