/**
 * The dossier (hồ sơ) API, schemas first: every request and response of `src/modules/dossier` as a TypeBox schema,
 * the single source of the server's validation, the OpenAPI document and the TypeScript types both sides use
 * (`type X = Static<typeof XSchema>`; the web app imports the types only, so TypeBox stays out of its bundle).
 */
import { Type, type Static, type TInteger, type TSchema } from 'typebox';
import { ACTION_TYPES, RETURN_METHODS, type ActionOf, type ActionType } from '../dossier/actions';
import { FORM_NUMBERS } from '../dossier/forms';
import type { DossierFacts } from '../dossier/machine';
import { QUEUES } from '../dossier/queues';
import { STATES } from '../dossier/states';

// --- Building blocks (closed objects: unknown members are refused on input, left out on output) -----------------

const Obj = <T extends Record<string, TSchema>>(props: T, opts: Record<string, unknown> = {}) => Type.Object(props, { additionalProperties: false, ...opts });
const Nullable = <T extends TSchema>(t: T, opts: { description?: string } = {}) => Type.Union([t, Type.Null()], opts);
const Label = Obj({ vi: Type.String(), en: Type.String() }, { description: 'Text in Vietnamese and English' });
const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ description: 'ISO 8601 instant (stored in UTC; shown in Asia/Ho_Chi_Minh)' });
// A real calendar day: the pattern alone let 0000-00-00 through to the register export (500, found by npm run fuzz).
const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', format: 'date', description: 'Local date YYYY-MM-DD (Asia/Ho_Chi_Minh)' });
const Text = (max = 2000) => Type.String({ minLength: 1, maxLength: max });
const OptText = (max = 2000) => Type.Optional(Text(max));
/** Form data: validated against the procedure version's e-form by the server, not by this schema. */
const OpenObject = (description?: string) => Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true, ...(description ? { description } : {}) });
const FormData = OpenObject('E-form data (validated against the procedure version’s e-form)');
const AnyObject = OpenObject();

export const PersonalIdSchema = Type.String({ pattern: '^\\d{12}$', description: 'Personal identification number (số định danh cá nhân)' });
export const EnterpriseCodeSchema = Type.String({ pattern: '^\\d{10}(-\\d{3})?$', description: 'Enterprise code (mã số doanh nghiệp)' });
export const DossierCodeSchema = Type.String({ pattern: '^[0-9A-Z]{3}\\.[0-9A-Z]{2}\\.[0-9A-Z]{2}\\.[A-Z][0-9A-Z]{2}-\\d{6}-\\d{4,}$', description: 'Dossier code <agency>-<YYMMDD>-<seq> (mã hồ sơ)' });

const StateSchema = Type.Enum(STATES);
const ChannelSchema = Type.Enum(['in_person', 'online', 'post'] as const, { description: 'How it was filed: in_person (1), online (2), post (3)' });
const HandOffSchema = Type.Enum(['early', 'on_time', 'late'] as const);

// --- Request schemas -----------------------------------------------------------------------------------------------

export const IdParamsSchema = Obj({ id: Uuid });
export const AttachmentParamsSchema = Obj({ id: Uuid, attachmentId: Uuid });
export const PublicCodeParamsSchema = Obj({ code: DossierCodeSchema });

export const OnBehalfOfSchema = Type.Union([Obj({ type: Type.Literal('citizen'), personalId: PersonalIdSchema }), Obj({ type: Type.Literal('business'), enterpriseCode: EnterpriseCodeSchema })], {
  description: 'File as agent: for a person under an authorisation, or for an enterprise one represents or is a filing member of',
});

export const CreateDraftBodySchema = Obj(
  {
    procedure: Type.String({ minLength: 1, maxLength: 100, description: 'Procedure key, national code or id' }),
    agencyId: Uuid,
    data: Type.Optional(FormData),
    onBehalfOf: Type.Optional(OnBehalfOfSchema),
  },
  { examples: [{ procedure: 'birth-re-registration', agencyId: '0b9c7e84-5a8f-4a3e-9d55-3f1f6b2b7a10', data: { subjectFullName: 'Nguyễn Văn Hùng', subjectSex: 'male', subjectDateOfBirth: '1988-03-15' } }] },
);
export type CreateDraftBody = Static<typeof CreateDraftBodySchema>;

export const CounterDraftBodySchema = Obj({
  procedure: Type.String({ minLength: 1, maxLength: 100 }),
  agencyId: Uuid,
  channel: Type.Enum(['in_person', 'post'] as const),
  applicant: Type.Union([
    Obj({ type: Type.Literal('citizen'), personalId: PersonalIdSchema, fullName: Text(200) }),
    Obj({ type: Type.Literal('business'), enterpriseCode: EnterpriseCodeSchema, name: Text(300) }),
  ]),
  data: Type.Optional(FormData),
});
export type CounterDraftBody = Static<typeof CounterDraftBodySchema>;

/** `PATCH /api/dossiers/:id`: a JSON Merge Patch (RFC 7396) of the draft's `data`. */
export const PatchDraftBodySchema = Obj(
  { data: OpenObject('Merge patch of the form data: a member replaces the stored one, null removes it, a member left out is kept') },
  { examples: [{ data: { applicantPhone: '0912345678', applicantEmail: null } }] },
);
export type PatchDraftBody = Static<typeof PatchDraftBodySchema>;

export const MyDossiersQuerySchema = Obj({
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  state: Type.Optional(StateSchema),
  procedure: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Only dossiers of this procedure (its key)' })),
});

export const QueueSchema = Type.Enum(QUEUES);
export const InboxQuerySchema = Obj({
  agencyId: Type.Optional(Uuid),
  queue: Type.Optional(QueueSchema),
  procedure: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  state: Type.Optional(StateSchema),
  nationalStatus: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
  from: Type.Optional(LocalDate),
  to: Type.Optional(LocalDate),
  code: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  applicant: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Applicant name, diacritics optional' })),
  mine: Type.Optional(Type.Boolean()),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
});
export type InboxQuery = Static<typeof InboxQuerySchema>;

export const DocumentParamsSchema = Obj({ id: Uuid, form: Type.Enum(['01', '02', '03', '04', '05', '06'] as const) });
export const DocumentQuerySchema = Obj({ format: Type.Optional(Type.Enum(['html', 'pdf'] as const)) });
export const RegisterQuerySchema = Obj({ format: Type.Optional(Type.Enum(['csv', 'xlsx'] as const)), agencyId: Type.Optional(Uuid), from: Type.Optional(LocalDate), to: Type.Optional(LocalDate) });

// --- Action requests: the shared machine's actions, less what the server computes ------------------------------

/** Every action but submission has its own route; submission has its own checks (data, documents, code). */
export type RequestType = Exclude<ActionType, 'submit'>;
export const REQUEST_TYPES = ACTION_TYPES.filter((t): t is RequestType => t !== 'submit');

/** Payload members the server computes (deadlines with the calendar, the consulted agency's code) and adds. */
interface ServerAdded {
  receive: 'dueAt' | 'receiptNo';
  resubmit_supplement: 'dueAt';
  request_consultation: 'agency' | 'stepDueAt';
  extend: 'newDueAt';
}
/** What the person decides instead: which agency to consult and for how long, the new return date. */
interface RequestInstead {
  request_consultation: { agencyId: string; workingDays?: number };
  extend: { newDueDate: string };
}
/** The request for one action: the machine's action (src/shared/dossier/actions.ts), less what the server adds. */
export type ActionRequestOf<T extends RequestType> = Omit<ActionOf<T>, T extends keyof ServerAdded ? ServerAdded[T] : never> & (T extends keyof RequestInstead ? RequestInstead[T] : unknown);
export type ActionRequest = { [T in RequestType]: ActionRequestOf<T> }[RequestType];

/** The body of each action route (none for receive and claim); checked against ActionRequestOf below. */
export const ACTION_BODIES = {
  receive: null,
  refuse_reception: Obj({ reason: Text() }),
  request_supplement: Obj({ reason: Text(), missingItems: Type.Array(Text(500), { minItems: 1, maxItems: 50 }) }),
  resubmit_supplement: Obj({ note: OptText() }),
  assign: Obj({ assigneeId: Uuid }),
  start_processing: null,
  hand_back: Obj({ reason: OptText() }),
  request_consultation: Obj({ agencyId: Uuid, question: Text(), workingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })) }),
  answer_consultation: Obj({ opinion: Text() }),
  request_payment: Obj({ reason: Text(), amountVnd: Type.Optional(Type.Integer({ minimum: 0, maximum: 1e13 })) }),
  confirm_payment: Obj({ reference: OptText(200) }),
  propose: Obj({ recommendation: Type.Enum(['approve', 'reject'] as const), note: OptText() }),
  approve: Obj({ note: OptText() }),
  reject: Obj({ reason: Text() }),
  return_to_specialist: Obj({ reason: Text() }),
  issue_result: Obj({ electronic: Type.Boolean(), documentIds: Type.Optional(Type.Array(Text(200), { maxItems: 20 })) }),
  return_result: Obj({ method: Type.Enum(RETURN_METHODS) }),
  request_withdrawal: Obj({ reason: OptText() }),
  stop: Obj({ reason: Text() }),
  extend: Obj({ reason: Text(), newDueDate: LocalDate }),
  comment: Obj({ text: Text() }),
} as const satisfies Record<RequestType, TSchema | null>;

type BodyOf<T extends RequestType> = (typeof ACTION_BODIES)[T] extends TSchema ? Static<(typeof ACTION_BODIES)[T]> : Record<never, never>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AllTrue<T extends true> = T;
/** Compile-time proof that each route body is exactly its action request (a drifting schema fails the type-check). */
export type ActionBodiesMatchActions = AllTrue<{ [T in RequestType]: Same<BodyOf<T>, Omit<ActionRequestOf<T>, 'type'>> }[RequestType]>;

// --- Response schemas ----------------------------------------------------------------------------------------------

/** The machine's facts for the caller (src/shared/dossier/machine.ts DossierFacts): with them and the caller's roles, `availableActions` gives the buttons. */
export const DossierFactsSchema = Obj(
  {
    supplementRequestedCount: Type.Integer({ minimum: 0 }),
    extensionCount: Type.Integer({ minimum: 0 }),
    decisionIssued: Type.Boolean(),
    isAssignee: Type.Boolean(),
    hasAssignee: Type.Boolean(),
    hasBeenReceived: Type.Boolean(),
    isBeforeDueMinusOneDay: Type.Optional(Type.Boolean()),
    now: Type.Optional(Instant),
    dueSoonFrom: Type.Optional(Instant),
    dueAt: Type.Optional(Nullable(Instant)),
  },
  { description: 'What the state machine knows about the dossier and the caller (its facts), as the server computed them now' },
);
export type DossierFactsView = Static<typeof DossierFactsSchema>;
export type FactsSchemaMatchesMachine = AllTrue<Same<DossierFactsView, DossierFacts>>;

const StepDeadlineSchema = Obj({ stepId: Type.String(), kind: Type.Enum(['receive', 'process', 'consult', 'approve', 'return'] as const), role: Type.String(), dueAt: Instant });
export type StepDeadline = Static<typeof StepDeadlineSchema>;

const ConsultationSchema = Obj({ agency: Type.String(), question: Type.String(), requestedAt: Instant, stepDueAt: Instant, answeredAt: Nullable(Instant), handOff: Nullable(HandOffSchema) });
const ClockStopSchema = Obj({ kind: Type.Enum(['supplement', 'financial_obligation'] as const), from: Instant, to: Type.Optional(Instant) });

export const DossierViewSchema = Obj(
  {
    id: Uuid,
    code: Nullable(Type.String({ description: 'Assigned at submission' })),
    procedure: Obj({ key: Type.String(), nationalCode: Nullable(Type.String()), name: Label, versionId: Uuid }),
    agency: Obj({ id: Uuid, code: Type.String() }),
    channel: ChannelSchema,
    state: StateSchema,
    stateLabel: Label,
    nationalStatus: Type.Integer({ minimum: 1, maximum: 10, description: 'National status code (TrangThaiHoSo)' }),
    nationalStatusLabel: Label,
    subject: Obj({ type: Type.Enum(['citizen', 'business'] as const), id: Type.String(), name: Type.String() }),
    agent: Nullable(Obj({ name: Type.String() })),
    filedByOfficer: Type.Boolean(),
    assigneeId: Nullable(Uuid),
    submittedAt: Nullable(Instant),
    receivedAt: Nullable(Instant),
    dueAt: Nullable(Instant),
    originalDueAt: Nullable(Instant),
    dueSoonAt: Nullable(Instant),
    finishedAt: Nullable(Instant, { description: 'Processing finished (national status 9, đã xử lý xong): the result or the refusal letter issued. Never set for refused, withdrawn or stopped dossiers' }),
    returnedAt: Nullable(Instant, { description: 'The result returned (national status 10)' }),
    onTime: Nullable(HandOffSchema, { description: 'Decision 766: processing finished against the appointed return time (early / on time / late); null while processing and for refused, withdrawn or stopped dossiers' }),
    deadline: Nullable(Type.Enum(['ok', 'due_soon', 'overdue'] as const)),
    supplementRequest: Nullable(Obj({ reason: Type.String(), missingItems: Type.Array(Type.String()) })),
    extension: Nullable(Obj({ reason: Type.String(), previousDueAt: Nullable(Instant), newDueAt: Instant })),
    refusalReason: Nullable(Type.String()),
    consultations: Type.Array(ConsultationSchema),
    clockStops: Type.Array(ClockStopSchema),
    stepDeadlines: Type.Array(StepDeadlineSchema),
    createdAt: Instant,
    updatedAt: Instant,
    availableActions: Type.Optional(Type.Array(Type.Enum(ACTION_TYPES), { description: 'What the caller may do now (union over their roles here of the machine’s available actions)' })),
    facts: Type.Optional(DossierFactsSchema),
  },
  { description: 'A dossier (hồ sơ): the projection of its action list' },
);
export type DossierView = Static<typeof DossierViewSchema>;

export const PrefilledFieldSchema = Obj({
  source: Type.Enum(['population', 'business'] as const),
  sourceLabel: Label,
  binding: Type.String({ description: 'The e-form field’s registry binding' }),
  editable: Type.Boolean(),
  readOnly: Type.Boolean({ description: 'Locked: a different value is refused (registry_mismatch)' }),
  value: Type.Unknown(),
});
export type PrefilledFieldView = Static<typeof PrefilledFieldSchema>;

export const PrefillSkipSchema = Obj({
  field: Type.String(),
  binding: Type.String(),
  reason: Type.Enum(['consent_required', 'withdrawn_by_subject', 'not_in_registry', 'not_available'] as const),
  purpose: Type.Optional(Type.String()),
});
export type PrefillSkip = Static<typeof PrefillSkipSchema>;

const DraftParts = {
  data: FormData,
  prefilled: Type.Record(Type.String(), PrefilledFieldSchema, { description: 'Fields prefilled from a national registry (once-only)' }),
  prefillSkipped: Type.Array(PrefillSkipSchema),
};

/** A draft with its form data and which fields came from the registries (answer of create and save). */
export const DraftViewSchema = Obj({ ...DossierViewSchema.properties, ...DraftParts });
export type DraftView = Static<typeof DraftViewSchema>;

export const AttachmentViewSchema = Obj({
  id: Uuid,
  documentId: Type.String({ description: 'The required document (thành phần hồ sơ) of the procedure version' }),
  fileName: Type.String(),
  contentType: Type.Enum(['application/pdf', 'image/jpeg', 'image/png'] as const),
  sizeBytes: Type.Integer({ minimum: 1 }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  uploadedAt: Instant,
  source: Type.Enum(['upload', 'store'] as const, { description: 'store: taken from the owner’s data store (DuocLayTuKhoDMQG)' }),
  storeItemId: Nullable(Uuid),
  fromDataStore: Type.Boolean(),
});
export type AttachmentView = Static<typeof AttachmentViewSchema>;

/** A file removed from a dossier (gỡ tệp): it no longer counts for the documents nor on form 01. */
export const RemovedAttachmentSchema = Obj({ id: Uuid, dossierId: Uuid, documentId: Type.String(), fileName: Type.String(), removedAt: Type.String({ format: 'date-time' }) });
export type RemovedAttachment = Static<typeof RemovedAttachmentSchema>;

/** A draft deleted by its applicant (or expired untouched): gone with its files. */
export const DeletedDraftSchema = Obj({ id: Uuid, procedureKey: Type.String(), deletedAt: Type.String({ format: 'date-time' }) });
export type DeletedDraft = Static<typeof DeletedDraftSchema>;

const PublicTimelineParts = {
  seq: Type.Integer({ minimum: 0 }),
  type: Type.Enum(ACTION_TYPES),
  label: Label,
  at: Instant,
  fromState: Type.String(),
  toState: Type.String(),
  toStateLabel: Label,
  actorRole: Type.String(),
  stepDueAt: Nullable(Instant),
  handOff: Nullable(HandOffSchema),
  forms: Type.Array(Type.Enum(FORM_NUMBERS), { description: 'The national forms this step issued or updated' }),
};
/** A step of the history as the public sees it: no names, no comments. */
export const PublicTimelineEntrySchema = Obj(PublicTimelineParts);
export type PublicTimelineEntry = Static<typeof PublicTimelineEntrySchema>;
/** A step of the history as the applicant and the officers see it. */
export const TimelineEntrySchema = Obj({
  ...PublicTimelineParts,
  actorAccountId: Nullable(Uuid),
  actorName: Nullable(Type.String()),
  agencyId: Nullable(Uuid),
  comment: Nullable(Type.String()),
  payload: AnyObject,
});
export type TimelineEntry = Static<typeof TimelineEntrySchema>;

export const DossierDetailSchema = Obj({
  ...DraftViewSchema.properties,
  attachments: Type.Array(AttachmentViewSchema),
  timeline: Type.Array(TimelineEntrySchema),
  assigneeName: Type.Optional(Nullable(Type.String({ description: 'Name of the assigned specialist (chuyên viên xử lý), for officers; absent for citizens' }))),
});
export type DossierDetail = Static<typeof DossierDetailSchema>;

export const PublicDossierSchema = Obj({
  code: Type.String(),
  procedure: Obj({ nationalCode: Nullable(Type.String()), name: Label }),
  agency: Obj({ code: Type.String(), name: Nullable(Label) }),
  state: StateSchema,
  stateLabel: Label,
  nationalStatus: Type.Integer({ minimum: 1, maximum: 10 }),
  nationalStatusLabel: Label,
  submittedAt: Nullable(Instant),
  receivedAt: Nullable(Instant),
  dueAt: Nullable(Instant),
  finishedAt: Nullable(Instant),
  returnedAt: Nullable(Instant),
  timeline: Type.Array(PublicTimelineEntrySchema),
});
export type PublicDossier = Static<typeof PublicDossierSchema>;

const Page = <T extends TSchema>(item: T) => ({ items: Type.Array(item), nextCursor: Nullable(Type.String({ description: 'Pass back as `cursor` for the next page; null on the last' })) });
export const MyDossiersPageSchema = Obj(Page(DossierViewSchema));
export type MyDossiersPage = Static<typeof MyDossiersPageSchema>;
export const InboxPageSchema = Obj({ counts: Obj(Object.fromEntries(QUEUES.map((q) => [q, Type.Integer({ minimum: 0 })])) as Record<(typeof QUEUES)[number], TInteger>), ...Page(DossierViewSchema) });
export type InboxPage = Static<typeof InboxPageSchema>;

// --- Examples of the main journey (OpenAPI), checked against the schemas by a test ---------------------------------

const AGENCY = { id: '0b9c7e84-5a8f-4a3e-9d55-3f1f6b2b7a10', code: '000.00.21.H38' };
const EXAMPLE_BASE: DossierView = {
  id: '5f0c2d4e-8b1a-4c3d-9e2f-7a6b5c4d3e21',
  code: null,
  procedure: { key: 'birth-re-registration', nationalCode: '1.004884', name: { vi: 'Đăng ký lại khai sinh', en: 'Re-registration of a birth' }, versionId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' },
  agency: AGENCY,
  channel: 'online',
  state: 'draft',
  stateLabel: { vi: 'Bản nháp', en: 'Draft' },
  nationalStatus: 1,
  nationalStatusLabel: { vi: 'Mới đăng ký', en: 'Newly registered' },
  subject: { type: 'citizen', id: '031085001234', name: 'Nguyễn Văn An' },
  agent: null,
  filedByOfficer: false,
  assigneeId: null,
  submittedAt: null,
  receivedAt: null,
  dueAt: null,
  originalDueAt: null,
  dueSoonAt: null,
  finishedAt: null,
  returnedAt: null,
  onTime: null,
  deadline: null,
  supplementRequest: null,
  extension: null,
  refusalReason: null,
  consultations: [],
  clockStops: [],
  stepDeadlines: [],
  createdAt: '2026-03-02T01:30:00.000Z',
  updatedAt: '2026-03-02T01:30:00.000Z',
};
export const DOSSIER_EXAMPLES = {
  draft: {
    ...EXAMPLE_BASE,
    data: { applicantFullName: 'Nguyễn Văn An', applicantPersonalId: '031085001234', subjectFullName: 'Nguyễn Văn Hùng' },
    prefilled: {
      applicantFullName: { source: 'population', sourceLabel: { vi: 'Cơ sở dữ liệu quốc gia về dân cư', en: 'National population database' }, binding: 'population.fullName', editable: false, readOnly: true, value: 'Nguyễn Văn An' },
    },
    prefillSkipped: [],
  } satisfies DraftView,
  submitted: {
    ...EXAMPLE_BASE,
    code: '000.00.21.H38-260302-0001',
    state: 'submitted',
    stateLabel: { vi: 'Mới đăng ký, chờ tiếp nhận', en: 'Submitted, awaiting reception' },
    submittedAt: '2026-03-02T01:35:00.000Z',
    updatedAt: '2026-03-02T01:35:00.000Z',
  } satisfies DossierView,
  received: {
    ...EXAMPLE_BASE,
    code: '000.00.21.H38-260302-0001',
    state: 'received',
    stateLabel: { vi: 'Đã tiếp nhận', en: 'Received' },
    nationalStatus: 2,
    nationalStatusLabel: { vi: 'Được tiếp nhận', en: 'Received' },
    submittedAt: '2026-03-02T01:35:00.000Z',
    receivedAt: '2026-03-02T02:00:00.000Z',
    dueAt: '2026-03-09T02:00:00.000Z',
    originalDueAt: '2026-03-09T02:00:00.000Z',
    dueSoonAt: '2026-03-06T02:00:00.000Z',
    deadline: 'ok',
    stepDeadlines: [
      { stepId: 'receive', kind: 'receive', role: 'receiving_officer', dueAt: '2026-03-02T06:30:00.000Z' },
      { stepId: 'process', kind: 'process', role: 'specialist', dueAt: '2026-03-06T02:00:00.000Z' },
      { stepId: 'return', kind: 'return', role: 'result_officer', dueAt: '2026-03-09T02:00:00.000Z' },
    ],
    updatedAt: '2026-03-02T02:00:00.000Z',
    availableActions: ['request_supplement', 'assign', 'request_withdrawal', 'comment'],
    facts: { supplementRequestedCount: 0, extensionCount: 0, decisionIssued: false, isAssignee: false, hasAssignee: false, hasBeenReceived: true, now: '2026-03-02T02:00:00.000Z', dueSoonFrom: '2026-03-06T02:00:00.000Z', dueAt: '2026-03-09T02:00:00.000Z' },
  } satisfies DossierView,
};

/** What PATCH means here (the route's description). */
export const PATCH_SEMANTICS =
  'The body is a JSON Merge Patch (RFC 7396) of the draft’s form data: each member of `data` replaces the stored value (objects are merged member by member, arrays replaced), a member set to null is removed, and members left out keep their stored value — so a partial PATCH changes only what it names. Sent as application/json or application/merge-patch+json. The merged data is then validated as a draft (wrong values are refused, missing ones are not) and locked registry values left out are put back.';
