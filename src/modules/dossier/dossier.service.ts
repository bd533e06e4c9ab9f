import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../platform/db/client';
import type { Clock } from '../../platform/context';
import type { Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import { appendAudit } from '../../platform/audit/audit.service';
import { canonicalJson, sha256 } from '../../platform/audit/canonical';
import { enqueueEvent } from '../../platform/events/outbox';
import { AppError, errors, type FieldError } from '../../platform/http/errors';
import { fromLocalDateTime, type Calendar } from '../../shared/calendar';
import { foldVi, normalizeVi } from '../../shared/text/fold';
import {
  ACTION_SPECS,
  NATIONAL_STATUS_LABELS,
  STATE_LABELS,
  applyEvent,
  availableActions,
  checkAction,
  classifyHandOff,
  deadlineStatus,
  factsOf,
  formsProducedBy,
  initialProjection,
  rolesFor,
  type Action,
  type ActionType,
  type ActorRole,
  type Channel,
  type CheckResult,
  type DossierEvent,
  type DossierProjection,
  type OfficerRole,
  type ReturnMethod,
  type State,
} from '../../shared/dossier';
import type { CalendarService } from '../../platform/calendar/calendar.service';
import type { AgencyDirectory, AgencyRow } from '../geography/agency.directory';
import type { CatalogService, ProcedureVersion } from '../catalog/index';
import type { IdentityService } from '../identity/identity.service';
import type { FilingIdentity, FilingRequest, OnBehalfOf } from '../identity/authorisation/authorisation.service';
import { requireAssuranceLevel } from '../identity/assurance';
import type { Role } from '../identity/identity.schema';
import { dossierActions, dossierAttachments, dossiers, type PrefillSkip, type PrefilledField, type StepDeadline, type StoredPrefill } from './dossier.schema';
import { dossierErrors } from './dossier.errors';
import { nextDossierCode } from './dossier.code';
import { appointmentOf, consultMinutes, deadlineOfStep, shiftByWorkingMinutes, stepDeadlinesOf, stepKindOf } from './dossier.deadlines';
import { MAX_ATTACHMENT_BYTES, sha256Hex, sniffType, type BlobStore, type VirusScanner } from './dossier.attachments';

export type DossierRow = typeof dossiers.$inferSelect;
type ActionRow = typeof dossierActions.$inferSelect;
type AttachmentRow = typeof dossierAttachments.$inferSelect;

/** The identity module's filing check (ElectronicIdentity.resolveFilingIdentity). */
export interface FilingResolver {
  resolveFilingIdentity(db: DbOrTx, principal: Principal, request: FilingRequest): Promise<FilingIdentity>;
}

export interface DossierDeps {
  db: Db;
  clock: Clock;
  catalog: CatalogService;
  calendar: CalendarService;
  directory: AgencyDirectory;
  identity: IdentityService;
  filing: FilingResolver;
  blobs: BlobStore;
  scanner: VirusScanner;
}

// ---------------------------------------------------------------------------------------------------------------
// Once-only hooks (implemented by the vault module, wired in main.ts): registry prefill and the data store.

/** What the prefill needs to know about a new draft. */
export interface PrefillRequest {
  principal: Principal;
  requestId: string | null;
  dossierId: string;
  agencyId: string;
  version: ProcedureVersion;
  /** Whose dossier (the principal under an authorisation, the business for an organisation filing). */
  subject: { type: 'citizen' | 'business'; id: string };
  /** True when the caller files as agent (authorisation or business). */
  asAgent: boolean;
  now: Date;
}
export interface PrefillOutcome {
  fields: Record<string, PrefilledField>;
  skipped: PrefillSkip[];
}
export interface DossierHooks {
  /** Reads the registries for the draft's bound fields (logged, consent-checked). */
  prefill?(req: PrefillRequest): Promise<PrefillOutcome>;
  /** An electronic result was issued: adds it to the subject's data store, in the action's transaction. */
  resultIssued?(tx: Tx, row: DossierRow, version: ProcedureVersion, now: Date): Promise<void>;
}

/** Where a prefilled value comes from, for the form's "from the national database" badge. */
export const PREFILL_SOURCE_LABELS = {
  population: { vi: 'Cơ sở dữ liệu quốc gia về dân cư', en: 'National population database' },
  business: { vi: 'Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp', en: 'National business register' },
} as const;

const prefillValues = (p: StoredPrefill | null | undefined): Record<string, unknown> =>
  Object.fromEntries(Object.entries(p?.fields ?? {}).map(([k, f]) => [k, f.value]));
export const prefillHashOf = (p: StoredPrefill) => sha256(canonicalJson(prefillValues(p)));

/** The draft's prefilled fields for the client: value, source (with its label) and whether it is read-only. */
export function prefilledView(row: Pick<DossierRow, 'prefill'>) {
  const out: Record<string, { source: 'population' | 'business'; sourceLabel: { vi: string; en: string }; binding: string; editable: boolean; readOnly: boolean; value: unknown }> = {};
  for (const [k, f] of Object.entries(row.prefill?.fields ?? {})) out[k] = { source: f.source, sourceLabel: PREFILL_SOURCE_LABELS[f.source], binding: f.binding, editable: f.editable, readOnly: !f.editable, value: f.value };
  return out;
}

/** Work planned outside the transaction (reads, checks, computations), committed inside it. */
export type Commit<T> = (tx: Tx) => Promise<T>;

/** Dossier roles held by officers (platform administrators have none: running the platform is not an agency office). */
const DOSSIER_OFFICER_ROLES: readonly OfficerRole[] = ['receiving_officer', 'specialist', 'approver', 'result_officer', 'agency_admin'];
const FINISHING: ReadonlySet<State> = new Set<State>(['refused', 'returned', 'withdrawn', 'stopped']);
/** A specialist's hand-back to the pool (trả lại để phân công lại) is a comment that also clears the assignee. */
const HAND_BACK = 'hand_back';

/** Requests the API accepts; the server adds the deadlines the machine needs. */
export type ActionRequest =
  | { type: 'receive' }
  | { type: 'refuse_reception'; reason: string }
  | { type: 'request_supplement'; reason: string; missingItems: string[] }
  | { type: 'resubmit_supplement'; note?: string }
  | { type: 'assign'; assigneeId: string }
  | { type: 'start_processing' }
  | { type: 'hand_back'; reason?: string }
  | { type: 'request_consultation'; agencyId: string; question: string; workingDays?: number }
  | { type: 'answer_consultation'; opinion: string }
  | { type: 'request_payment'; reason: string; amountVnd?: number }
  | { type: 'confirm_payment'; reference?: string }
  | { type: 'propose'; recommendation: 'approve' | 'reject'; note?: string }
  | { type: 'approve'; note?: string }
  | { type: 'reject'; reason: string }
  | { type: 'return_to_specialist'; reason: string }
  | { type: 'issue_result'; electronic: boolean; documentIds?: string[] }
  | { type: 'return_result'; method: ReturnMethod }
  | { type: 'request_withdrawal'; reason?: string }
  | { type: 'stop'; reason: string }
  | { type: 'extend'; reason: string; newDueDate: string }
  | { type: 'comment'; text: string };

export type RequestType = ActionRequest['type'];
/** The machine action behind each request type. */
export const machineTypeOf = (t: RequestType | 'submit'): ActionType => (t === HAND_BACK ? 'comment' : (t as ActionType));

export interface CreateDraftInput {
  procedure: string;
  agencyId: string;
  data?: Record<string, unknown>;
  onBehalfOf?: OnBehalfOf;
}

export interface CounterDraftInput {
  procedure: string;
  agencyId: string;
  channel: 'in_person' | 'post';
  applicant: { type: 'citizen'; personalId: string; fullName: string } | { type: 'business'; enterpriseCode: string; name: string };
  data?: Record<string, unknown>;
}

export interface UploadInput {
  documentId: string;
  fileName: string;
  bytes: Buffer;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Event names in the past tense, for the outbox. */
const EVENT_NAMES: Record<ActionType, string> = {
  submit: 'submitted',
  receive: 'received',
  refuse_reception: 'reception_refused',
  request_supplement: 'supplement_requested',
  resubmit_supplement: 'supplement_resubmitted',
  assign: 'assigned',
  start_processing: 'processing_started',
  request_consultation: 'consultation_requested',
  answer_consultation: 'consultation_answered',
  request_payment: 'payment_requested',
  confirm_payment: 'payment_confirmed',
  propose: 'proposed',
  approve: 'approved',
  reject: 'rejected',
  return_to_specialist: 'returned_to_specialist',
  issue_result: 'result_issued',
  return_result: 'result_returned',
  request_withdrawal: 'withdrawal_requested',
  stop: 'stopped',
  extend: 'extended',
  comment: 'commented',
};

/** applyEvent plus the server's one addition: a hand-back clears the assignee. Used for live actions and replays. */
export function applyDossierEvent(p: DossierProjection, e: DossierEvent): DossierProjection {
  const n = applyEvent(p, e);
  if ((e.action as { kind?: string }).kind === HAND_BACK) n.assigneeId = null;
  return n;
}

/** Who the caller is to this dossier. */
interface Access {
  applicant: boolean;
  /** Officer roles held over the handling agency. */
  roles: OfficerRole[];
  /** Officer roles held over the agency being consulted, if any. */
  consultRoles: OfficerRole[];
}

export class DossierService {
  private hooks: DossierHooks = {};

  constructor(private readonly d: DossierDeps) {}

  /** Installs the once-only hooks (prefill, data store); see main.ts. */
  useHooks(hooks: DossierHooks): void {
    this.hooks = { ...this.hooks, ...hooks };
  }

  /** The blob store of attachments (shared with the data store). */
  get blobs(): BlobStore {
    return this.d.blobs;
  }

  private now(): Date {
    return new Date(Math.floor(this.d.clock.now().getTime()));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Reading and access

  async load(id: string): Promise<DossierRow> {
    const [row] = await this.d.db.select().from(dossiers).where(eq(dossiers.id, id));
    if (!row) throw dossierErrors.notFound();
    return row;
  }

  private async rolesOver(principal: Principal, agencyId: string | null): Promise<OfficerRole[]> {
    if (!agencyId || principal.kind === 'citizen') return [];
    const out: OfficerRole[] = [];
    for (const r of DOSSIER_OFFICER_ROLES) if (await this.d.directory.roleIn(principal, [r as Role], agencyId)) out.push(r);
    return out;
  }

  isApplicant(principal: Principal, row: DossierRow): boolean {
    if (principal.kind !== 'citizen') return false;
    return row.ownerAccountId === principal.accountId || row.agentAccountId === principal.accountId || (row.subjectType === 'citizen' && !!principal.personalId && row.subjectId === principal.personalId);
  }

  private async accessOf(principal: Principal, row: DossierRow): Promise<Access> {
    return { applicant: this.isApplicant(principal, row), roles: await this.rolesOver(principal, row.agencyId), consultRoles: await this.rolesOver(principal, row.consultAgencyId) };
  }

  /** The dossier if the caller may see it: 404 for citizens' other dossiers, 403 for officers of other agencies. */
  async readable(principal: Principal, id: string): Promise<{ row: DossierRow; access: Access }> {
    const row = await this.load(id);
    const access = await this.accessOf(principal, row);
    if (access.applicant || access.roles.length || access.consultRoles.length) {
      // A draft is the applicant's (or the counter officer's) own business.
      if (row.state === 'draft' && !access.applicant && row.createdByAccountId !== principal.accountId && !access.roles.includes('receiving_officer')) throw dossierErrors.notFound();
      return { row, access };
    }
    if (principal.kind === 'citizen') throw dossierErrors.notFound();
    throw dossierErrors.outOfJurisdiction();
  }

  /** Drafts are edited by their applicant, or by the counter officer's agency desk. */
  private async editable(principal: Principal, id: string): Promise<DossierRow> {
    const { row, access } = await this.readable(principal, id);
    const ok = row.filedByOfficer ? access.roles.includes('receiving_officer') : access.applicant;
    if (!ok) throw principal.kind === 'citizen' ? dossierErrors.notFound() : dossierErrors.outOfJurisdiction();
    return row;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Drafts

  private async versionAndAgency(procedure: string, agencyId: string): Promise<{ version: ProcedureVersion; agency: AgencyRow }> {
    const version = await this.d.catalog.currentVersion(procedure);
    const agency = await this.d.directory.get(agencyId);
    if (!agency || !agency.active || agency.kind !== version.agencyKind) throw dossierErrors.procedureNotOffered();
    return { version, agency };
  }

  /** Draft validation reports wrong values but not missing ones: a draft may be incomplete. */
  private async checkData(versionId: string, data: Record<string, unknown>, complete: boolean, prefill?: StoredPrefill | null): Promise<Record<string, unknown>> {
    const r = await this.d.catalog.validateData(versionId, data, prefill ? { prefilled: prefillValues(prefill) } : {});
    if (r.ok) return r.data;
    const errs = complete ? r.errors : r.errors.filter((e) => e.code !== 'required');
    if (errs.length) throw dossierErrors.invalidData(errs as FieldError[]);
    return data;
  }

  private draftRow(now: Date, version: ProcedureVersion, agency: AgencyRow, channel: Channel, data: Record<string, unknown>) {
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
    };
  }

  /** A citizen's draft (online), possibly as agent under an authorisation or for a business. */
  async createDraft(principal: Principal, actor: Actor, input: CreateDraftInput): Promise<Commit<DossierView>> {
    if (principal.kind !== 'citizen') throw dossierErrors.notCitizen();
    const now = this.now();
    const { version, agency } = await this.versionAndAgency(input.procedure, input.agencyId);
    // Procedures needing a level-2 VNeID refuse a level-1 login (Decree 69/2024).
    requireAssuranceLevel(principal, version.eIdLevel);
    const filing = await this.d.filing.resolveFilingIdentity(this.d.db, principal, { onBehalfOf: input.onBehalfOf, procedureCode: version.nationalCode ?? version.key, at: now });
    if (!version.applicantTypes.includes(filing.subject.type)) throw dossierErrors.applicantTypeNotAllowed();
    // Once-only: bound fields are read from the registries for the subject (logged against each data subject).
    const id = randomUUID();
    const prefill = await this.runPrefill({ principal, requestId: actor.requestId ?? null, dossierId: id, agencyId: agency.id, version, subject: filing.subject, asAgent: !!filing.agent, now });
    const data = await this.checkData(version.id, await this.mergePrefill(version.id, input.data ?? {}, prefill, 'create'), false, prefill);
    return async (tx) => {
      const [row] = await tx
        .insert(dossiers)
        .values({
          ...this.draftRow(now, version, agency, 'online', data),
          id,
          prefill,
          prefillHash: prefill ? prefillHashOf(prefill) : null,
          subjectType: filing.subject.type,
          subjectId: filing.subject.id,
          subjectName: normalizeVi(filing.subject.name),
          subjectNameFolded: foldVi(filing.subject.name),
          ownerAccountId: principal.accountId,
          agentAccountId: filing.agent?.accountId ?? null,
          agentName: filing.agent?.name ?? null,
          createdByAccountId: principal.accountId,
        })
        .returning();
      await appendAudit(tx, actor, { action: 'dossier.draft_created', role: 'applicant', targetType: 'dossier', targetId: row.id, after: { procedureVersionId: version.id, agencyId: agency.id, prefilled: Object.keys(prefill?.fields ?? {}), prefillHash: row.prefillHash } }, now);
      return this.draftView(row);
    };
  }

  // --- Once-only prefill -------------------------------------------------------------------------------------------

  private async runPrefill(req: PrefillRequest): Promise<StoredPrefill | null> {
    if (!this.hooks.prefill) return null;
    const out = await this.hooks.prefill(req);
    if (!Object.keys(out.fields).length && !out.skipped.length) return null;
    return { at: req.now.toISOString(), fields: out.fields, skipped: out.skipped };
  }

  /**
   * Completes the applicant's data with the prefilled values: on creation every locked prefilled field (the registry's
   * value replaces the client's) and the editable ones the client did not send; on update the locked ones left out. A value put in by the server for a field
   * the form now hides (e.g. the father's details before "declare the father" is ticked) is left out again.
   */
  private async mergePrefill(versionId: string, data: Record<string, unknown>, prefill: StoredPrefill | null, mode: 'create' | 'update'): Promise<Record<string, unknown>> {
    if (!prefill) return data;
    const merged = { ...data };
    const inserted = new Set<string>();
    for (const [name, f] of Object.entries(prefill.fields)) {
      // On creation the registry's value replaces what the client sent for a locked field; an editable one keeps it.
      const locked = !f.editable && mode === 'create';
      if (!locked && (merged[name] !== undefined || (mode === 'update' && f.editable))) continue;
      merged[name] = f.value;
      inserted.add(name);
    }
    if (!inserted.size) return merged;
    const r = await this.d.catalog.validateData(versionId, merged);
    if (!r.ok) for (const e of r.errors) if (e.code === 'hidden_field_provided' && inserted.has(e.field)) delete merged[e.field];
    return merged;
  }

  /** The stored prefill must still match its hash (no change behind the server's back). */
  private checkPrefillIntegrity(row: DossierRow): void {
    if (!row.prefill && !row.prefillHash) return;
    if (!row.prefill || prefillHashOf(row.prefill) !== row.prefillHash) {
      throw new AppError(409, 'dossier.prefill_integrity', { vi: 'Dữ liệu lấy từ cơ sở dữ liệu quốc gia đã bị thay đổi', en: 'Registry data changed' }, { vi: 'Dữ liệu điền sẵn của hồ sơ không khớp với giá trị băm đã lưu.', en: 'The prefilled data of the dossier does not match its stored hash.' });
    }
  }

  /** A draft with its form data and which fields were prefilled (read-only unless editable). */
  draftView(row: DossierRow, viewer?: { principal: Principal; access: Access }) {
    return { ...this.viewOf(row, viewer), data: row.data, prefilled: prefilledView(row), prefillSkipped: row.prefill?.skipped ?? [] };
  }

  /** A draft opened at the counter (channel 1) or for a postal filing (channel 3) by a receiving officer. */
  async createCounterDraft(principal: Principal, actor: Actor, input: CounterDraftInput): Promise<Commit<DossierView>> {
    const now = this.now();
    const { version, agency } = await this.versionAndAgency(input.procedure, input.agencyId);
    if (!(await this.d.directory.roleIn(principal, ['receiving_officer'], agency.id))) throw dossierErrors.outOfJurisdiction();
    if (!version.applicantTypes.includes(input.applicant.type)) throw dossierErrors.applicantTypeNotAllowed();
    const subjectId = input.applicant.type === 'citizen' ? input.applicant.personalId : input.applicant.enterpriseCode;
    const subjectName = input.applicant.type === 'citizen' ? input.applicant.fullName : input.applicant.name;
    const data = input.data ? await this.checkData(version.id, input.data, false) : {};
    return async (tx) => {
      const [row] = await tx
        .insert(dossiers)
        .values({
          ...this.draftRow(now, version, agency, input.channel, data),
          subjectType: input.applicant.type,
          subjectId,
          subjectName: normalizeVi(subjectName),
          subjectNameFolded: foldVi(subjectName),
          ownerAccountId: null,
          createdByAccountId: principal.accountId,
          filedByOfficer: true,
        })
        .returning();
      await appendAudit(tx, { ...actor, role: 'receiving_officer', agencyId: agency.id }, { action: 'dossier.draft_created', targetType: 'dossier', targetId: row.id, after: { procedureVersionId: version.id, agencyId: agency.id, channel: input.channel } }, now);
      return this.viewOf(row);
    };
  }

  async updateDraft(principal: Principal, actor: Actor, id: string, data: Record<string, unknown>): Promise<Commit<DossierView>> {
    const row = await this.editable(principal, id);
    if (row.state !== 'draft') throw dossierErrors.notDraft();
    this.checkPrefillIntegrity(row);
    const clean = await this.checkData(row.procedureVersionId, await this.mergePrefill(row.procedureVersionId, data, row.prefill, 'update'), false, row.prefill);
    const now = this.now();
    return async (tx) => {
      const [locked] = await tx.select().from(dossiers).where(eq(dossiers.id, id)).for('update');
      if (locked.state !== 'draft') throw dossierErrors.notDraft();
      const [updated] = await tx.update(dossiers).set({ data: clean, updatedAt: now }).where(eq(dossiers.id, id)).returning();
      await appendAudit(tx, actor, { action: 'dossier.draft_updated', targetType: 'dossier', targetId: id }, now);
      return this.draftView(updated);
    };
  }

  /**
   * Attaches a file to a required document: while a draft, or while the applicant supplements. Checked before it is
   * stored: size, malware scan, real type (PDF, JPEG, PNG from the first bytes), SHA-256.
   */
  async upload(principal: Principal, actor: Actor, id: string, input: UploadInput): Promise<Commit<AttachmentView>> {
    const row = await this.editable(principal, id).catch(async (e) => {
      // While supplementing, the applicant of a counter filing may also add files.
      const { row: r, access } = await this.readable(principal, id);
      if (access.applicant && r.state === 'supplement_requested') return r;
      throw e;
    });
    if (row.state !== 'draft' && row.state !== 'supplement_requested') throw dossierErrors.notDraft();
    const version = await this.d.catalog.getVersion(row.procedureVersionId);
    if (!version.documents.some((d) => d.id === input.documentId)) throw dossierErrors.unknownDocument();
    if (input.bytes.length === 0) throw dossierErrors.attachmentMissing();
    if (input.bytes.length > MAX_ATTACHMENT_BYTES) throw dossierErrors.attachmentTooLarge(MAX_ATTACHMENT_BYTES);
    const scan = await this.d.scanner.scan(input.bytes);
    const now = this.now();
    if (!scan.clean) {
      await appendAudit(this.d.db, actor, { action: 'dossier.attachment_infected', targetType: 'dossier', targetId: id, after: { signature: scan.signature, documentId: input.documentId } }, now);
      throw dossierErrors.attachmentInfected();
    }
    const type = sniffType(input.bytes);
    if (!type) throw dossierErrors.attachmentType();
    const digest = sha256Hex(input.bytes);
    // Content-addressed: storing before the commit is harmless if the transaction then fails.
    await this.d.blobs.put(digest, input.bytes);
    const fileName = [...normalizeVi(input.fileName)].map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20 ? '_' : ch)).join('').slice(0, 200) || 'file';
    return async (tx) => {
      const [locked] = await tx.select({ state: dossiers.state }).from(dossiers).where(eq(dossiers.id, id)).for('update');
      if (locked.state !== 'draft' && locked.state !== 'supplement_requested') throw dossierErrors.notDraft();
      const [a] = await tx
        .insert(dossierAttachments)
        .values({ dossierId: id, documentId: input.documentId, fileName, contentType: type, sizeBytes: input.bytes.length, sha256: digest, blobKey: digest, uploadedByAccountId: principal.accountId, uploadedAt: now })
        .returning();
      await appendAudit(tx, actor, { action: 'dossier.attachment_added', targetType: 'dossier', targetId: id, after: { attachmentId: a.id, documentId: a.documentId, sha256: digest } }, now);
      return attachmentView(a);
    };
  }

  async download(principal: Principal, id: string, attachmentId: string): Promise<{ meta: AttachmentView; bytes: Buffer }> {
    await this.readable(principal, id);
    const [a] = await this.d.db.select().from(dossierAttachments).where(and(eq(dossierAttachments.id, attachmentId), eq(dossierAttachments.dossierId, id), isNull(dossierAttachments.removedAt)));
    if (!a) throw dossierErrors.notFound();
    const bytes = await this.d.blobs.get(a.blobKey);
    if (!bytes) throw dossierErrors.notFound();
    return { meta: attachmentView(a), bytes };
  }

  /**
   * Attaches a data-store item (already checked to be the caller's) to a required document that may come from the
   * store: no new upload, the same blob, flagged `source: 'store'` with the item id.
   */
  async attachFromStore(principal: Principal, actor: Actor, id: string, input: { documentId: string; item: { id: string; fileName: string; contentType: string; sizeBytes: number; sha256: string; blobKey: string } }): Promise<Commit<AttachmentView>> {
    const row = await this.editable(principal, id);
    if (row.state !== 'draft' && row.state !== 'supplement_requested') throw dossierErrors.notDraft();
    const version = await this.d.catalog.getVersion(row.procedureVersionId);
    const doc = version.documents.find((d) => d.id === input.documentId);
    if (!doc) throw dossierErrors.unknownDocument();
    if (!doc.fromDataStore) throw errors.unprocessable('dossier.document_not_from_store', { vi: 'Thành phần hồ sơ này không lấy được từ kho dữ liệu.', en: 'This document cannot be taken from the data store.' });
    const now = this.now();
    const { item } = input;
    return async (tx) => {
      const [locked] = await tx.select({ state: dossiers.state }).from(dossiers).where(eq(dossiers.id, id)).for('update');
      if (locked.state !== 'draft' && locked.state !== 'supplement_requested') throw dossierErrors.notDraft();
      const [a] = await tx
        .insert(dossierAttachments)
        .values({ dossierId: id, documentId: input.documentId, fileName: item.fileName, contentType: item.contentType, sizeBytes: item.sizeBytes, sha256: item.sha256, blobKey: item.blobKey, uploadedByAccountId: principal.accountId, uploadedAt: now, source: 'store', storeItemId: item.id })
        .returning();
      await appendAudit(tx, actor, { action: 'dossier.attachment_added', targetType: 'dossier', targetId: id, after: { attachmentId: a.id, documentId: a.documentId, sha256: a.sha256, source: 'store', storeItemId: item.id } }, now);
      return attachmentView(a);
    };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Submission

  /** Files the dossier: complete data, mandatory documents attached, e-ID level; the code is assigned now. */
  async submit(principal: Principal, actor: Actor, id: string): Promise<Commit<DossierView>> {
    const row = await this.editable(principal, id);
    const version = await this.d.catalog.getVersion(row.procedureVersionId);
    const role: ActorRole = row.filedByOfficer ? 'receiving_officer' : 'applicant';
    if (role === 'applicant') requireAssuranceLevel(principal, version.eIdLevel);
    const precheck = checkAction(row.state as State, role, 'submit', factsOf(row.projection));
    if (!precheck.ok) throw dossierErrors.refused(precheck);
    this.checkPrefillIntegrity(row);
    const data = await this.checkData(version.id, row.data, true, row.prefill);
    const attached = await this.d.db.select({ documentId: dossierAttachments.documentId }).from(dossierAttachments).where(and(eq(dossierAttachments.dossierId, id), isNull(dossierAttachments.removedAt)));
    const have = new Set(attached.map((a) => a.documentId));
    // Papers the e-form replaces, those read from a national registry and originals only shown at the desk are not uploaded.
    const missing = version.documents.filter((d) => d.requirement === 'mandatory' && !d.replacedByEForm && !d.fromRegistry && d.form !== 'present-original' && !have.has(d.id));
    if (missing.length) {
      throw dossierErrors.missingDocuments(missing.map((d) => ({ field: `documents.${d.id}`, code: 'required', message: { vi: `Thiếu: ${d.name.vi}`, en: `Missing: ${d.name.en}` } })));
    }
    const now = this.now();
    // The code is drawn in its own statement, before the submitting transaction: the (agency, day) counter row is
    // then locked for one statement, not for the whole transaction, so one agency's submissions do not queue on it.
    // The price: a submission that fails after this point leaves a gap in the day's sequence (codes stay unique).
    const code = await nextDossierCode(this.d.db, row.agencyCode, now);
    return async (tx) => {
      const [locked] = await tx.select().from(dossiers).where(eq(dossiers.id, id)).for('update');
      const action: Action = { type: 'submit', channel: locked.channel };
      const check = checkAction(locked.state as State, role, action, factsOf(locked.projection));
      if (!check.ok) throw dossierErrors.refused(check);
      const updated = await this.append(tx, locked, actor, principal, {
        role,
        action,
        agencyId: role === 'receiving_officer' ? locked.agencyId : null,
        now,
        set: { code, submittedAt: now, data },
      });
      return this.viewOf(updated);
    };
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Actions

  /**
   * One action on a dossier. Outside the transaction: who the caller is to this dossier, and what the server must
   * compute (calendar, catalogue). Inside: lock the row, check with the pure machine, append the action, update the
   * projection, audit and outbox — one transaction.
   */
  async act(principal: Principal, actor: Actor, id: string, req: ActionRequest, idempotencyKey: string | null = null): Promise<Commit<DossierView>> {
    const row = await this.load(id);
    const access = await this.accessOf(principal, row);
    const type = machineTypeOf(req.type);
    const candidates = this.candidateRoles(principal, access, type, req.type === 'answer_consultation');
    const version = await this.d.catalog.getVersion(row.procedureVersionId);
    const cal = await this.d.calendar.calendar();
    // Checks needing reads, done before the transaction (PGlite has one connection).
    let assignee: string | null = null;
    if (req.type === 'assign') {
      const grants = await this.d.identity.grantsOf(req.assigneeId).catch(() => []);
      const fake = { grants } as unknown as Principal;
      if (!(await this.d.directory.roleIn(fake, ['specialist'], row.agencyId))) throw dossierErrors.badAssignee();
      assignee = req.assigneeId;
    }
    let consulted: AgencyRow | undefined;
    if (req.type === 'request_consultation') {
      consulted = await this.d.directory.get(req.agencyId);
      if (!consulted || !consulted.active || consulted.id === row.agencyId) throw dossierErrors.badConsultedAgency();
    }
    if (req.type === 'extend' && !cal.isWorkingDay(req.newDueDate)) throw dossierErrors.dueNotWorkingDay();
    const now = this.now();

    return async (tx) => {
      const [locked] = await tx.select().from(dossiers).where(eq(dossiers.id, id)).for('update');
      const state = locked.state as State;
      const plan = this.planAction(cal, version, locked, req, now, { assignee, consulted });
      const facts = factsOf(locked.projection, { actorId: principal.accountId, now: now.toISOString(), dueSoonFrom: iso(locked.dueSoonAt) ?? undefined });
      let chosen: ActorRole | null = null;
      let refusal: Extract<CheckResult, { ok: false }> | null = null;
      for (const role of candidates) {
        const r = checkAction(state, role, plan.action, facts);
        if (r.ok) {
          chosen = role;
          break;
        }
        // Report the most telling refusal: a state or payload problem over "another role could".
        if (!refusal || (refusal.kind === 'role' && r.kind !== 'role')) refusal = r;
      }
      if (!chosen) throw dossierErrors.refused(refusal!);
      if (req.type === HAND_BACK && (locked.assigneeId !== principal.accountId || !['received', 'processing'].includes(state))) throw dossierErrors.notAssignee();
      const updated = await this.append(tx, locked, actor, principal, {
        role: chosen,
        action: plan.action,
        agencyId: req.type === 'answer_consultation' ? locked.consultAgencyId : locked.agencyId,
        now,
        set: plan.set,
        stepDueAt: plan.stepDueAt,
        comment: plan.comment,
        idempotencyKey,
      });
      // Data store: an electronic result goes to the subject's store (same transaction).
      if (req.type === 'issue_result' && req.electronic && this.hooks.resultIssued) await this.hooks.resultIssued(tx, updated, version, now);
      return this.viewOf(updated, { principal, access });
    };
  }

  /** The machine roles this caller may act in for this action (an applicant, or the officer roles held here). */
  private candidateRoles(principal: Principal, access: Access, type: ActionType, consultation: boolean): ActorRole[] {
    const allowed = rolesFor(type);
    if (principal.kind === 'citizen') {
      if (!access.applicant) throw dossierErrors.notFound();
      if (!allowed.includes('applicant')) throw dossierErrors.roleNotPermitted(allowed);
      return ['applicant'];
    }
    const held = consultation ? access.consultRoles : access.roles;
    const candidates = held.filter((r) => allowed.includes(r));
    if (candidates.length) return candidates;
    // Holding a suitable role elsewhere: wrong agency. Holding none at all: wrong role.
    if (principal.grants.some((g) => allowed.includes(g.role as ActorRole))) throw dossierErrors.outOfJurisdiction();
    throw dossierErrors.roleNotPermitted(allowed);
  }

  /** The machine action (with server-computed deadlines) and the projection columns it changes. */
  private planAction(
    cal: Calendar,
    version: ProcedureVersion,
    row: DossierRow,
    req: ActionRequest,
    now: Date,
    extra: { assignee: string | null; consulted?: AgencyRow },
  ): { action: Action; set: Partial<DossierRow>; stepDueAt?: string | null; comment?: string | null } {
    const set: Partial<DossierRow> = {};
    switch (req.type) {
      case 'receive': {
        // Form 01: received now, appointed return time from the version's statutory time and cutoff.
        const a = appointmentOf(cal, version, now);
        const steps = stepDeadlinesOf(cal, version, a);
        Object.assign(set, { receivedAt: now, dueAt: a.due, originalDueAt: a.due, dueSoonAt: cal.subtractWorkingDays(a.due, 1), budgetMinutes: steps.budgetMinutes, stepDeadlines: steps.steps });
        return { action: { type: 'receive', dueAt: a.due.toISOString(), ...(row.code ? { receiptNo: row.code } : {}) }, set, stepDueAt: deadlineOfStep(steps.steps, 'receive') };
      }
      case 'resubmit_supplement': {
        if (!row.receivedAt || !row.dueAt) return { action: { type: 'resubmit_supplement', ...(req.note ? { note: req.note } : {}) }, set, comment: req.note ?? null };
        // The clock stopped while the applicant supplemented: move every deadline by the working time they took.
        const since = row.projection.timestamps.supplementRequestedAt;
        const waited = since ? Math.max(0, Math.round(cal.workingTimeBetween(new Date(since), now))) : 0;
        const due = shiftByWorkingMinutes(cal, row.dueAt, waited);
        Object.assign(set, {
          dueAt: due,
          dueSoonAt: cal.subtractWorkingDays(due, 1),
          stepDeadlines: row.stepDeadlines.map((s: StepDeadline) => (since && s.dueAt > since ? { ...s, dueAt: shiftByWorkingMinutes(cal, new Date(s.dueAt), waited).toISOString() } : s)),
        });
        return { action: { type: 'resubmit_supplement', dueAt: due.toISOString(), ...(req.note ? { note: req.note } : {}) }, set, comment: req.note ?? null };
      }
      case 'assign':
        return { action: { type: 'assign', assigneeId: extra.assignee! }, set };
      case 'hand_back':
        return { action: { type: 'comment', text: req.reason ?? 'Trả lại hồ sơ để phân công lại', kind: HAND_BACK } as Action, set, comment: req.reason ?? null };
      case 'request_consultation': {
        const c = extra.consulted!;
        const stepDue = req.workingDays ? cal.addWorkingDays(now, req.workingDays).due : shiftByWorkingMinutes(cal, now, consultMinutes(version, row.budgetMinutes ?? 540));
        set.consultAgencyId = c.id;
        return { action: { type: 'request_consultation', agency: c.code, question: req.question, stepDueAt: stepDue.toISOString() }, set, comment: req.question };
      }
      case 'answer_consultation':
        set.consultAgencyId = null;
        return { action: { type: 'answer_consultation', opinion: req.opinion }, set, comment: req.opinion, stepDueAt: row.projection.consultations.at(-1)?.stepDueAt ?? null };
      case 'extend': {
        // Form 04: the new return date, at the close of that working day.
        const due = fromLocalDateTime(req.newDueDate, '17:00');
        Object.assign(set, { dueAt: due, dueSoonAt: cal.subtractWorkingDays(due, 1) });
        return { action: { type: 'extend', reason: req.reason, newDueAt: due.toISOString() }, set, comment: req.reason };
      }
      default: {
        const { type, ...rest } = req as Exclude<ActionRequest, { type: 'receive' | 'resubmit_supplement' | 'assign' | 'hand_back' | 'request_consultation' | 'answer_consultation' | 'extend' }>;
        const text = (rest as { reason?: string; note?: string; text?: string }).reason ?? (rest as { note?: string }).note ?? (rest as { text?: string }).text ?? null;
        return { action: { type, ...rest } as Action, set, comment: text };
      }
    }
  }

  /** Appends one accepted action and updates the projection, audit and outbox, in the caller's transaction. */
  private async append(
    tx: Tx,
    locked: DossierRow,
    actor: Actor,
    principal: Principal,
    a: { role: ActorRole; action: Action; agencyId: string | null; now: Date; set: Partial<DossierRow>; stepDueAt?: string | null; comment?: string | null; idempotencyKey?: string | null },
  ): Promise<DossierRow> {
    const at = a.now.toISOString();
    const event: DossierEvent = { action: a.action, at, actor: { role: a.role, id: principal.accountId } };
    const from = locked.state as State;
    const p = applyDossierEvent(locked.projection, event);
    const to = p.state;
    // Process control sheet (form 06): a hand-off against the deadline of the step it ends.
    const isHandOff = formsProducedBy(a.action.type).includes('06');
    let stepDueAt: string | null = null;
    if (isHandOff) {
      if (a.stepDueAt !== undefined) stepDueAt = a.stepDueAt;
      else {
        const kind = stepKindOf(from);
        const steps = (a.set.stepDeadlines as StepDeadline[] | undefined) ?? locked.stepDeadlines;
        stepDueAt = kind && (locked.receivedAt || a.set.receivedAt) ? deadlineOfStep(steps, kind) : null;
      }
    }
    const handOff = stepDueAt ? classifyHandOff(at, stepDueAt) : null;
    await tx.insert(dossierActions).values({
      dossierId: locked.id,
      seq: locked.eventCount,
      type: a.action.type,
      payload: a.action as unknown as Record<string, unknown>,
      fromState: from,
      toState: to,
      actorAccountId: principal.accountId,
      actorRole: a.role,
      actorName: principal.displayName,
      agencyId: a.agencyId,
      at: a.now,
      comment: a.comment ?? null,
      stepDueAt: stepDueAt ? new Date(stepDueAt) : null,
      handOff,
      idempotencyKey: a.idempotencyKey ?? null,
    });
    const [updated] = await tx
      .update(dossiers)
      .set({
        ...a.set,
        state: to,
        nationalStatus: p.nationalStatus,
        assigneeId: p.assigneeId,
        eventCount: p.eventCount,
        projection: p,
        finishedAt: FINISHING.has(to) ? a.now : locked.finishedAt,
        updatedAt: a.now,
      })
      .where(eq(dossiers.id, locked.id))
      .returning();
    const name = EVENT_NAMES[a.action.type];
    await appendAudit(tx, actor, { role: a.role, agencyId: a.agencyId, action: `dossier.${name}`, targetType: 'dossier', targetId: locked.id, before: { state: from }, after: { state: to, seq: locked.eventCount } }, a.now);
    // No personal data in events: ids, codes and states only.
    await enqueueEvent(tx, {
      type: `dossier.${name}`,
      aggregateType: 'dossier',
      aggregateId: locked.id,
      payload: { code: updated.code, agencyId: updated.agencyId, procedureVersionId: updated.procedureVersionId, from, to, nationalStatus: p.nationalStatus, at, seq: locked.eventCount, forms: formsProducedBy(a.action.type), handOff },
    });
    return updated;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Views

  viewOf(row: DossierRow, viewer?: { principal: Principal; access: Access }) {
    const now = this.now();
    const state = row.state as State;
    const running = row.dueAt && row.dueSoonAt && !row.finishedAt && !['supplement_requested', 'payment_requested', 'result_issued', 'rejected', 'withdrawal_requested'].includes(state);
    return {
      id: row.id,
      code: row.code,
      procedure: { key: row.procedureKey, nationalCode: row.procedureCode, name: row.procedureName, versionId: row.procedureVersionId },
      agency: { id: row.agencyId, code: row.agencyCode },
      channel: row.channel,
      state,
      stateLabel: STATE_LABELS[state],
      nationalStatus: row.nationalStatus,
      nationalStatusLabel: NATIONAL_STATUS_LABELS[row.nationalStatus as keyof typeof NATIONAL_STATUS_LABELS],
      subject: { type: row.subjectType, id: row.subjectId, name: row.subjectName },
      agent: row.agentName ? { name: row.agentName } : null,
      filedByOfficer: row.filedByOfficer,
      assigneeId: row.assigneeId,
      submittedAt: iso(row.submittedAt),
      receivedAt: iso(row.receivedAt),
      dueAt: iso(row.dueAt),
      originalDueAt: iso(row.originalDueAt),
      dueSoonAt: iso(row.dueSoonAt),
      finishedAt: iso(row.finishedAt),
      deadline: running ? deadlineStatus(now, row.dueSoonAt!, row.dueAt!) : null,
      supplementRequest: row.projection.supplementRequest,
      extension: row.projection.extension,
      refusalReason: row.projection.refusalReason,
      consultations: row.projection.consultations,
      clockStops: row.projection.clockStops,
      stepDeadlines: row.stepDeadlines,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      ...(viewer ? { availableActions: this.actionsFor(row, viewer.principal, viewer.access, now) } : {}),
    };
  }

  /** The buttons to show: union over the caller's roles of the machine's available actions. */
  actionsFor(row: DossierRow, principal: Principal, access: Access, now: Date): ActionType[] {
    const facts = factsOf(row.projection, { actorId: principal.accountId, now: now.toISOString(), dueSoonFrom: iso(row.dueSoonAt) ?? undefined });
    const roles: ActorRole[] = principal.kind === 'citizen' ? (access.applicant ? ['applicant'] : []) : [...access.roles, ...access.consultRoles.filter((r) => r === 'specialist')];
    const out = new Set<ActionType>();
    for (const r of roles) for (const a of availableActions(row.state as State, r, facts)) out.add(a);
    // Answering a consultation belongs to the consulted agency.
    if (!access.consultRoles.includes('specialist')) out.delete('answer_consultation');
    return [...out];
  }

  async detail(principal: Principal, id: string): Promise<DossierDetail> {
    const { row, access } = await this.readable(principal, id);
    const [actions, attachments] = await Promise.all([
      this.d.db.select().from(dossierActions).where(eq(dossierActions.dossierId, id)).orderBy(asc(dossierActions.seq)),
      this.d.db.select().from(dossierAttachments).where(and(eq(dossierAttachments.dossierId, id), isNull(dossierAttachments.removedAt))).orderBy(asc(dossierAttachments.uploadedAt)),
    ]);
    return { ...this.viewOf(row, { principal, access }), data: row.data, prefilled: prefilledView(row), prefillSkipped: row.prefill?.skipped ?? [], attachments: attachments.map(attachmentView), timeline: actions.map((a) => timelineEntry(a, true)) };
  }

  /** Public lookup by code: status and timeline, no personal data (no names, no form data, no comments). */
  async publicLookup(code: string): Promise<PublicDossier> {
    const [row] = await this.d.db.select().from(dossiers).where(eq(dossiers.code, code));
    if (!row) throw dossierErrors.notFound();
    const agency = await this.d.directory.get(row.agencyId);
    const actions = await this.d.db.select().from(dossierActions).where(eq(dossierActions.dossierId, row.id)).orderBy(asc(dossierActions.seq));
    const state = row.state as State;
    return {
      code: row.code!,
      procedure: { nationalCode: row.procedureCode, name: row.procedureName },
      agency: agency ? { code: agency.code, name: { vi: agency.name, en: agency.nameEn } } : { code: row.agencyCode, name: null },
      state,
      stateLabel: STATE_LABELS[state],
      nationalStatus: row.nationalStatus,
      nationalStatusLabel: NATIONAL_STATUS_LABELS[row.nationalStatus as keyof typeof NATIONAL_STATUS_LABELS],
      submittedAt: iso(row.submittedAt),
      receivedAt: iso(row.receivedAt),
      dueAt: iso(row.dueAt),
      finishedAt: iso(row.finishedAt),
      timeline: actions.filter((a) => a.type !== 'comment').map((a) => timelineEntry(a, false)),
    };
  }
}

export interface AttachmentView {
  id: string;
  documentId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
  /** 'store': taken from the owner's data store (DuocLayTuKhoDMQG), with the store item's id. */
  source: 'upload' | 'store';
  storeItemId: string | null;
  fromDataStore: boolean;
}

const attachmentView = (a: AttachmentRow): AttachmentView => ({
  id: a.id,
  documentId: a.documentId,
  fileName: a.fileName,
  contentType: a.contentType,
  sizeBytes: a.sizeBytes,
  sha256: a.sha256,
  uploadedAt: a.uploadedAt.toISOString(),
  source: a.source,
  storeItemId: a.storeItemId,
  fromDataStore: a.source === 'store',
});

function timelineEntry(a: ActionRow, full: boolean) {
  const type = a.type as ActionType;
  const base = {
    seq: a.seq,
    type,
    label: (a.payload as { kind?: string }).kind === HAND_BACK ? { vi: 'Trả lại hồ sơ', en: 'Handed back' } : ACTION_SPECS[type].label,
    at: a.at.toISOString(),
    fromState: a.fromState,
    toState: a.toState,
    toStateLabel: STATE_LABELS[a.toState as State],
    actorRole: a.actorRole,
    stepDueAt: iso(a.stepDueAt),
    handOff: a.handOff,
    forms: formsProducedBy(type),
  };
  if (!full) return base;
  return { ...base, actorAccountId: a.actorAccountId, actorName: a.actorName, agencyId: a.agencyId, comment: a.comment, payload: a.payload };
}

export type DossierView = ReturnType<DossierService['viewOf']>;
export type DossierDetail = DossierView & { data: Record<string, unknown>; prefilled: ReturnType<typeof prefilledView>; prefillSkipped: PrefillSkip[]; attachments: AttachmentView[]; timeline: ReturnType<typeof timelineEntry>[] };
export interface PublicDossier {
  code: string;
  procedure: { nationalCode: string | null; name: { vi: string; en: string } };
  agency: { code: string; name: { vi: string; en: string } | null };
  state: State;
  stateLabel: { vi: string; en: string };
  nationalStatus: number;
  nationalStatusLabel: { vi: string; en: string };
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  timeline: ReturnType<typeof timelineEntry>[];
}
