/**
 * The dossier module's service: one object for the routes and the other modules, delegating to one file per
 * concern (access, drafts, prefill, uploads, submission, actions, views) over the single write path (journal).
 * Every method that writes takes the caller's transaction (the route's `runIdempotent`) and reads through it.
 */
import type { DbOrTx, Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import type { AppError } from '../../platform/http/errors';
import type { ActionRequest, AttachmentView, CounterDraftBody, CreateDraftBody, DeletedDraft, DossierDetail, DossierView, DraftView, PublicDossier, RemovedAttachment } from '../../shared/api/dossier';
import type { DossierContext, DossierDeps, DossierHooks } from './dossier.deps';
import { DossierCodes } from './dossier.code';
import { codesOf, findDossier, findDossierByCode, monthlyCounts, summariesOfSubject, type DossierMonthlyCount, type DossierRow, type DossierSummary } from './dossier.repo';
import type { BlobStore, ScanResult } from './dossier.attachments';
import { loadReadable, type Access } from './dossier.access';
import { createCounterDraft, createDraft, deleteDraft, expireDrafts, updateDraft } from './dossier.drafts';
import { attachFromStore, download, refuseInfected, removeAttachment, scanUpload, upload, type StoreItemRef, type UploadInput } from './dossier.uploads';
import { submit } from './dossier.submit';
import { act } from './dossier.actions';
import { remoteConsultation } from './actions/consultation';
import type { ActionPlanner } from './actions/planner';
import type { RequestType } from '../../shared/api/dossier';
import { dossierDetail, dossierView, factsFor, publicDossier } from './dossier.views';
import { appendAction, lockDossier } from './dossier.journal';
import { dossierActions } from './dossier.schema';
import { openTransferred, type TransferredDossier } from './dossier.transfer';
import { and, desc, eq } from 'drizzle-orm';

/** The platform acting on a dossier by itself (a payment seen by the payment module). */
const SYSTEM_PRINCIPAL: Principal = { accountId: '00000000-0000-0000-0000-000000000000', kind: 'system', displayName: 'Hệ thống thanh toán', personalId: null, assuranceLevel: null, grants: [], sessionId: 'payment', sessionKind: 'bearer', csrfToken: null };

export class DossierService {
  /** Shared by the module's parts: the dependencies, the hooks installed later, the clock. */
  readonly ctx: DossierContext;

  constructor(deps: DossierDeps) {
    this.ctx = { ...deps, hooks: {}, codes: new DossierCodes(deps.db, deps.codeBlock ?? 1), now: () => new Date(Math.floor(deps.clock.now().getTime())) };
  }

  /** Installs the once-only hooks (prefill, data store); see registry/index.ts. */
  useHooks(hooks: DossierHooks): void {
    Object.assign(this.ctx.hooks, hooks);
  }

  /** The blob store of attachments (shared with the data store). */
  get blobs(): BlobStore {
    return this.ctx.blobs;
  }

  // --- Drafts --------------------------------------------------------------------------------------------------------
  createDraft(tx: Tx, principal: Principal, actor: Actor, input: CreateDraftBody): Promise<DraftView> {
    return createDraft(this.ctx, tx, principal, actor, input);
  }
  createCounterDraft(tx: Tx, principal: Principal, actor: Actor, input: CounterDraftBody): Promise<DossierView> {
    return createCounterDraft(this.ctx, tx, principal, actor, input);
  }
  /** `patch`: a JSON Merge Patch (RFC 7396) of the draft's form data. */
  updateDraft(tx: Tx, principal: Principal, actor: Actor, id: string, patch: Record<string, unknown>): Promise<DraftView> {
    return updateDraft(this.ctx, tx, principal, actor, id, patch);
  }
  /** Deletes a draft that was never submitted (its applicant, or the counter desk). */
  deleteDraft(tx: Tx, principal: Principal, actor: Actor, id: string): Promise<DeletedDraft> {
    return deleteDraft(this.ctx, tx, principal, actor, id);
  }
  /** Deletes the drafts untouched for `days` days (0: none); run by the background job. Returns how many. */
  expireDrafts(days: number): Promise<number> {
    return expireDrafts(this.ctx, this.ctx.db, days);
  }

  // --- Files ---------------------------------------------------------------------------------------------------------
  scanUpload(bytes: Buffer): Promise<ScanResult> {
    return scanUpload(this.ctx, bytes);
  }
  refuseInfected(principal: Principal, actor: Actor, id: string, input: UploadInput, signature: string): Promise<AppError> {
    return refuseInfected(this.ctx, principal, actor, id, input, signature);
  }
  upload(tx: Tx, principal: Principal, actor: Actor, id: string, input: UploadInput): Promise<AttachmentView> {
    return upload(this.ctx, tx, principal, actor, id, input);
  }
  attachFromStore(tx: Tx, principal: Principal, actor: Actor, id: string, input: { documentId: string; item: StoreItemRef }): Promise<AttachmentView> {
    return attachFromStore(this.ctx, tx, principal, actor, id, input);
  }
  /** Removes a file attached by mistake, while a draft or (a file added since the request) while supplementing. */
  removeAttachment(tx: Tx, principal: Principal, actor: Actor, id: string, attachmentId: string, idempotencyKey: string | null = null): Promise<RemovedAttachment> {
    return removeAttachment(this.ctx, tx, principal, actor, id, attachmentId, idempotencyKey);
  }
  download(principal: Principal, id: string, attachmentId: string, requestId: string | null = null): Promise<{ meta: AttachmentView; bytes: Buffer }> {
    return download(this.ctx, this.ctx.db, principal, id, attachmentId, requestId);
  }

  // --- Submission and actions ------------------------------------------------------------------------------------------
  submit(tx: Tx, principal: Principal, actor: Actor, id: string): Promise<DossierView> {
    return submit(this.ctx, tx, principal, actor, id);
  }
  act(tx: Tx, principal: Principal, actor: Actor, id: string, req: ActionRequest, idempotencyKey: string | null = null): Promise<DossierView> {
    return act(this.ctx, tx, principal, actor, id, req, idempotencyKey);
  }

  /**
   * The payment module saw the obligations paid: confirm_payment by the system, in the payment's transaction, when
   * the dossier waits for it (otherwise nothing: a fee paid at submission changes no state).
   */
  async confirmPaidBySystem(tx: Tx, id: string, reference: string): Promise<boolean> {
    const locked = await lockDossier(tx, id);
    if (locked.state !== 'payment_requested') return false;
    const now = this.ctx.now();
    await appendAction(tx, locked, {
      actor: { accountId: null, kind: 'platform', role: null, requestId: 'payment' },
      principal: SYSTEM_PRINCIPAL,
      candidates: ['system'],
      action: { type: 'confirm_payment', reference: reference.slice(0, 200) },
      facts: factsFor(locked, SYSTEM_PRINCIPAL, now),
      agencyId: locked.agencyId,
      now,
      comment: null,
      idempotencyKey: null,
    });
    return true;
  }

  /**
   * A specialist of the handling agency asks the opinion of an agency hosted on another node (the exchange module
   * carries the question there): the dossier goes to `consulting` with the consultation's own step deadline and a
   * form 06 hand-off row, in the caller's transaction. The machine's rules and the caller's roles apply as for a
   * local consultation.
   */
  async requestRemoteConsultation(tx: Tx, principal: Principal, actor: Actor, id: string, req: { agency: { code: string; name: string }; question: string; workingDays?: number }, idempotencyKey: string | null = null): Promise<{ view: DossierView; row: DossierRow; stepDueAt: string | null }> {
    const planner = remoteConsultation(req.agency) as ActionPlanner<RequestType>;
    const view = await act(this.ctx, tx, principal, actor, id, { type: 'request_consultation', agencyId: '00000000-0000-0000-0000-000000000000', question: req.question, ...(req.workingDays ? { workingDays: req.workingDays } : {}) }, idempotencyKey, planner);
    const row = await lockDossier(tx, id);
    return { view, row, stepDueAt: row.projection.consultations.at(-1)?.stepDueAt ?? null };
  }

  /**
   * The answer of a remote consultation arrived (the exchange module's inbox, in its transaction): answer_consultation
   * by the system in the name of the answering officer, judged against the consultation's own deadline; the dossier
   * returns to processing. False (nothing written) unless the dossier still waits for that consultation.
   */
  async answerRemoteConsultation(tx: Tx, id: string, answer: { agencyCode: string; opinion: string; answeredBy: string }): Promise<boolean> {
    const locked = await lockDossier(tx, id);
    const open = locked.projection.consultations.at(-1);
    if (locked.state !== 'consulting' || !open || locked.consultAgencyId !== null || open.agency !== answer.agencyCode) return false;
    const now = this.ctx.now();
    const principal: Principal = { ...SYSTEM_PRINCIPAL, displayName: answer.answeredBy.slice(0, 200), sessionId: 'exchange' };
    await appendAction(tx, locked, {
      actor: { accountId: null, kind: 'platform', role: null, requestId: 'exchange' },
      principal,
      candidates: ['system'],
      action: { type: 'answer_consultation', opinion: answer.opinion },
      facts: factsFor(locked, principal, now),
      agencyId: null,
      now,
      stepDueAt: open.stepDueAt ?? null,
      comment: answer.opinion,
      idempotencyKey: null,
    });
    return true;
  }

  /**
   * A transfer (liên thông) to an agency on another node: the hand-off is the remote consultation step (the dossier
   * waits in `consulting` with its own step deadline and a form 06 row), its text saying it is a transfer.
   */
  requestRemoteTransfer(tx: Tx, principal: Principal, actor: Actor, id: string, req: { agency: { code: string; name: string }; note: string | null; workingDays?: number }, idempotencyKey: string | null = null): Promise<{ view: DossierView; row: DossierRow; stepDueAt: string | null }> {
    const question = `Chuyển hồ sơ liên thông đến ${req.agency.name}${req.note ? `: ${req.note}` : ''}`.slice(0, 4000);
    return this.requestRemoteConsultation(tx, principal, actor, id, { agency: req.agency, question, ...(req.workingDays ? { workingDays: req.workingDays } : {}) }, idempotencyKey);
  }

  /** The outcome of a transfer, back from the receiving agency: recorded as the hand-off's answer (back to processing). */
  recordTransferOutcome(tx: Tx, id: string, outcome: { agencyCode: string; summary: string; answeredBy: string }): Promise<boolean> {
    return this.answerRemoteConsultation(tx, id, { agencyCode: outcome.agencyCode, opinion: `Kết quả liên thông: ${outcome.summary}`.slice(0, 4000), answeredBy: outcome.answeredBy });
  }

  /** On the receiving node: opens the receiving agency's dossier for a transfer, in the exchange inbox's transaction. */
  openTransferred(tx: Tx, input: TransferredDossier): Promise<DossierRow> {
    return openTransferred(this.ctx, tx, input);
  }

  /** The officer's open request for payment (its amount and reason), when the dossier waits for it. */
  async paymentRequestOf(row: DossierRow, db: DbOrTx = this.ctx.db): Promise<{ amountVnd: number | null; reason: string; at: Date } | null> {
    if (row.state !== 'payment_requested') return null;
    const [last] = await db.select().from(dossierActions).where(and(eq(dossierActions.dossierId, row.id), eq(dossierActions.type, 'request_payment'))).orderBy(desc(dossierActions.seq)).limit(1);
    if (!last) return null;
    const p = last.payload as { reason?: string; amountVnd?: number };
    return { amountVnd: typeof p.amountVnd === 'number' ? p.amountVnd : null, reason: p.reason ?? '', at: last.at };
  }

  // --- Reads ---------------------------------------------------------------------------------------------------------
  /** The dossier if the caller may see it (404 for citizens' other dossiers, 403 for officers of other agencies). */
  readable(principal: Principal, id: string, db: DbOrTx = this.ctx.db): Promise<{ row: DossierRow; access: Access }> {
    return loadReadable(this.ctx, db, principal, id);
  }
  detail(principal: Principal, id: string, db: DbOrTx = this.ctx.db): Promise<DossierDetail> {
    return dossierDetail(this.ctx, db, principal, id);
  }
  publicLookup(code: string): Promise<PublicDossier> {
    return publicDossier(this.ctx, this.ctx.db, code);
  }
  /** A data subject's dossiers, summarised (the vault's copy of one's personal data), oldest first. */
  summariesOfSubject(subject: { personalId: string; accountId: string }, db: DbOrTx = this.ctx.db): Promise<DossierSummary[]> {
    return summariesOfSubject(db, subject);
  }
  /** Dossier codes by id (drafts have none): only the codes, for pointing at a dossier from another record. */
  /** Monthly counts of submitted dossiers per agency, procedure and channel (for open data; no personal data). */
  monthlyCounts(db: DbOrTx = this.ctx.db): Promise<DossierMonthlyCount[]> {
    return monthlyCounts(db);
  }

  codesOf(ids: readonly string[], db: DbOrTx = this.ctx.db): Promise<Map<string, string>> {
    return codesOf(db, ids);
  }
  /** A dossier by id, without an access check: for other modules' background work (messages), never for a request. */
  load(id: string, db: DbOrTx = this.ctx.db): Promise<DossierRow | undefined> {
    return findDossier(db, id);
  }
  /** A dossier by its code, without an access check: for routing another module's records (a petition about it). */
  loadByCode(code: string, db: DbOrTx = this.ctx.db): Promise<DossierRow | undefined> {
    return findDossierByCode(db, code);
  }
  /** The view of a row read elsewhere (inbox, my dossiers). */
  view(row: DossierRow): DossierView {
    return dossierView(row, this.ctx.now());
  }
}
