/** The voice module's API schemas (ratings of dossiers, petitions, the assistant), shared with the web. */
import { Type, type Static } from 'typebox';
import { DateTime, LocalizedText, MultilineText, Nullable, Obj, OneOf, Uuid } from './schema';
import { PETITION_ACTIONS, PETITION_KINDS, PETITION_STATUSES } from '../voice/petition';
import { RATING_REASONS } from '../voice/rating';

// --- ratings (đánh giá mức độ hài lòng) ------------------------------------------------------------------------

export const RatingBodySchema = Obj({
  score: Type.Integer({ minimum: 1, maximum: 5, description: '1 (very dissatisfied) … 5 (very satisfied)' }),
  reasons: Type.Array(OneOf(RATING_REASONS), { maxItems: RATING_REASONS.length, uniqueItems: true, description: 'Reasons ticked' }),
  comment: Type.Optional(MultilineText({ maxLength: 1000, description: 'Free comment (góp ý)' })),
});
export type RatingBody = Static<typeof RatingBodySchema>;

export const RatingViewSchema = Obj(
  {
    dossierId: Uuid,
    score: Type.Integer(),
    reasons: Type.Array(Type.String()),
    comment: Nullable(Type.String()),
    createdAt: DateTime,
    updatedAt: DateTime,
    editableUntil: DateTime,
    editable: Type.Boolean(),
  },
  { description: 'The applicant’s rating of a finished dossier' },
);
export type RatingView = Static<typeof RatingViewSchema>;
export const MyRatingSchema = Obj({ rateable: Type.Boolean({ description: 'Whether the caller may rate this dossier now' }), rating: Nullable(RatingViewSchema) });
export type MyRating = Static<typeof MyRatingSchema>;

export const RatingGroupSchema = Obj({
  key: Type.String(),
  label: Type.String(),
  count: Type.Integer(),
  average: Type.Number(),
  negative: Type.Integer({ description: 'Ratings of 1 or 2' }),
  distribution: Type.Array(Type.Integer(), { description: 'Counts of scores 1..5' }),
});
export const RatingSummarySchema = Obj({
  total: Type.Integer(),
  average: Type.Number(),
  negative: Type.Integer(),
  byProcedure: Type.Array(RatingGroupSchema),
  byOfficer: Type.Array(RatingGroupSchema, { description: 'Per handling officer; groups under the minimum size are withheld' }),
  reasons: Type.Record(Type.String(), Type.Integer()),
});
export type RatingSummary = Static<typeof RatingSummarySchema>;
export const RatingSummaryQuerySchema = Obj({ agencyId: Uuid });

export const ProcedureVoiceSchema = Obj({
  procedureKey: Type.String(),
  ratingCount: Type.Integer(),
  ratingAverage: Nullable(Type.Number()),
  answeredPetitions: Type.Integer(),
});
export type ProcedureVoice = Static<typeof ProcedureVoiceSchema>;

// --- petitions (phản ánh, kiến nghị) ---------------------------------------------------------------------------

export const MAX_PETITION_CONTENT = 5000;
/** Files a petition may carry (evidence: a photo, a scanned paper), each at most this size, PDF, JPEG or PNG. */
export const MAX_PETITION_ATTACHMENTS = 3;
export const MAX_PETITION_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const PetitionAttachmentInputSchema = Obj({
  fileName: Type.String({ minLength: 1, maxLength: 200 }),
  contentBase64: Type.String({ minLength: 4, maxLength: Math.ceil(MAX_PETITION_ATTACHMENT_BYTES / 3) * 4 + 4, pattern: '^[A-Za-z0-9+/]+={0,2}$', description: 'The file, base64-encoded (PDF, JPEG or PNG, recognised by its first bytes; scanned for malware)' }),
});
export const PetitionAttachmentSchema = Obj({ index: Type.Integer({ minimum: 0 }), fileName: Type.String(), type: Type.String(), bytes: Type.Integer(), sha256: Type.String() });
export const PetitionBodySchema = Obj({
  kind: OneOf(PETITION_KINDS, { description: 'regulation: about an administrative regulation; conduct: about how a dossier or an officer was handled' }),
  title: Type.String({ minLength: 5, maxLength: 200 }),
  content: MultilineText({ minLength: 20, maxLength: MAX_PETITION_CONTENT }),
  agencyId: Type.Optional(Uuid),
  dossierCode: Type.Optional(Type.String({ maxLength: 60, description: 'The dossier it is about; routes the petition to its agency' })),
  procedureKey: Type.Optional(Type.String({ maxLength: 100 })),
  contact: Type.Optional(
    Obj({
      name: Type.String({ minLength: 2, maxLength: 120 }),
      email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
      phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 .-]{8,15}$' })),
    }),
  ),
  consentPublish: Type.Boolean({ description: 'The petitioner agrees that the answer is published (without her name or contact)' }),
  attachments: Type.Optional(Type.Array(PetitionAttachmentInputSchema, { maxItems: MAX_PETITION_ATTACHMENTS, description: 'Evidence files; seen by the petitioner and the handling officers only, never published' })),
});
export type PetitionBody = Static<typeof PetitionBodySchema>;

export const PetitionActionBodySchema = Obj({
  action: OneOf(PETITION_ACTIONS),
  text: Type.Optional(MultilineText({ maxLength: MAX_PETITION_CONTENT, description: 'Reason, request, information supplied or the answer' })),
  agencyId: Type.Optional(Uuid),
});
export type PetitionActionBody = Static<typeof PetitionActionBodySchema>;

const HistoryEntry = Obj({ action: Type.String(), at: DateTime, fromStatus: Type.String(), toStatus: Type.String(), text: Nullable(Type.String()), agency: Nullable(Type.String()) });

export const PetitionViewSchema = Obj(
  {
    id: Uuid,
    code: Type.String(),
    kind: OneOf(PETITION_KINDS),
    title: Type.String(),
    content: Type.String(),
    status: OneOf(PETITION_STATUSES),
    statusLabel: LocalizedText,
    agencyId: Uuid,
    agency: Type.String(),
    escalatedTo: Nullable(Type.String()),
    dossierCode: Nullable(Type.String()),
    procedureKey: Nullable(Type.String()),
    receivedAt: DateTime,
    refuseBy: DateTime,
    requestInfoBy: DateTime,
    answerBy: DateTime,
    urgency: OneOf(['overdue', 'due_soon', 'on_track', 'closed'] as const),
    onTime: Nullable(Type.Boolean()),
    answer: Nullable(Type.String()),
    answeredAt: Nullable(DateTime),
    consentPublish: Type.Boolean(),
    published: Type.Boolean(),
    actions: Type.Array(Type.String(), { description: 'What the caller may do now' }),
    history: Type.Array(HistoryEntry),
    attachments: Type.Array(PetitionAttachmentSchema, { description: 'The petitioner’s files, for the petitioner and the handling officers (empty for anyone else)' }),
  },
  { description: 'A petition (phản ánh, kiến nghị); the petitioner’s contact is never in it' },
);
export type PetitionView = Static<typeof PetitionViewSchema>;

export const PetitionListSchema = Obj({
  counts: Obj({ open: Type.Integer(), dueSoon: Type.Integer(), overdue: Type.Integer() }),
  items: Type.Array(PetitionViewSchema),
});
export type PetitionList = Static<typeof PetitionListSchema>;
export const PetitionListQuerySchema = Obj({ agencyId: Uuid, filter: Type.Optional(OneOf(['open', 'due_soon', 'overdue', 'all'] as const)) });

export const PetitionAttachmentParamsSchema = Obj({ id: Uuid, index: Type.Integer({ minimum: 0, maximum: MAX_PETITION_ATTACHMENTS - 1 }) });
export const PetitionCodeParamsSchema = Obj({ code: Type.String({ maxLength: 40 }) });

export const PublishedAnswerSchema = Obj({ id: Uuid, title: Type.String(), content: Type.String(), answer: Type.String(), agency: Type.String(), answeredAt: DateTime, procedureKey: Nullable(Type.String()) });
export const PublishedAnswersSchema = Obj({ items: Type.Array(PublishedAnswerSchema) });
export type PublishedAnswer = Static<typeof PublishedAnswerSchema>;
export const PublishedAnswersQuerySchema = Obj({ procedure: Type.Optional(Type.String({ maxLength: 100 })) });
export const EscalationRunSchema = Obj({ escalated: Type.Integer() });

/** Where a petition is followed on the portal. */
export const petitionLookupPath = (code: string) => `/phan-anh/tra-cuu?ma=${encodeURIComponent(code)}`;

// --- the virtual assistant (trợ lý ảo) -------------------------------------------------------------------------

// --- the officers' assistant ---------------------------------------------------------------------------------
export const OfficerAssistantQuerySchema = Obj({
  q: Type.String({ minLength: 1, maxLength: 500, description: 'The question, as typed' }),
  dossierId: Type.Optional(Uuid),
});
export const OfficerAnswerSchema = Obj(
  {
    kind: OneOf(['legal', 'field', 'workflow', 'procedure', 'no_answer'] as const, { description: 'What the answer is about: the legal basis, a form field, what the workflow allows now, the procedure' }),
    text: LocalizedText,
    procedure: Nullable(Obj({ key: Type.String(), name: LocalizedText, link: Type.String() })),
    dossier: Nullable(Obj({ id: Uuid, code: Nullable(Type.String()), state: Type.String(), stateLabel: LocalizedText, link: Type.String() })),
    legalBases: Type.Array(Type.String()),
    field: Nullable(Obj({ name: Type.String(), label: LocalizedText, required: Type.Boolean(), type: Type.String(), binding: Nullable(Type.String()) })),
    actions: Type.Array(Obj({ type: Type.String(), label: LocalizedText, link: Type.String() }), { description: 'The actions the state machine allows the caller now (workflow answers)' }),
    citations: Type.Array(Obj({ title: LocalizedText, href: Type.String() })),
  },
  { description: 'An answer of the officers’ assistant, built from the published procedure version, its e-form and the dossier’s state machine, with its sources' },
);
export type OfficerAnswer = Static<typeof OfficerAnswerSchema>;

export const AssistantQuerySchema = Obj({ q: Type.String({ minLength: 1, maxLength: 500, description: 'The question, as typed' }) });
const AssistantMatchSchema = Obj({ key: Type.String(), name: LocalizedText, score: Type.Number(), link: Type.String(), startLink: Type.String() });
export const AssistantAnswerSchema = Obj(
  {
    kind: OneOf(['procedure', 'passage', 'dossier_status', 'no_answer'] as const, { description: 'passage = the answer is an FAQ entry or a published petition answer (text and citation), procedures after it' }),
    focus: OneOf(['documents', 'fees', 'time', 'where', 'overview'] as const),
    text: LocalizedText,
    procedure: Nullable(
      Obj({
        key: Type.String(),
        name: LocalizedText,
        documents: Type.Array(Obj({ name: LocalizedText, mandatory: Type.Boolean(), condition: Nullable(LocalizedText) })),
        fees: Type.Array(Obj({ name: LocalizedText, amount: LocalizedText })),
        time: LocalizedText,
        where: Type.Array(LocalizedText),
        legalBases: Type.Array(Type.String()),
        link: Type.String(),
        startLink: Type.String(),
      }),
    ),
    alternatives: Type.Array(AssistantMatchSchema),
    citations: Type.Array(Obj({ title: LocalizedText, href: Type.String() })),
    ranking: Type.Array(Type.String()),
    passages: Type.Array(Obj({ id: Type.String(), source: OneOf(['faq', 'petition_answer'] as const), title: LocalizedText, href: Type.String() }), { description: 'FAQ entries and published answers that match too, best first (at most three)' }),
    phrased: Type.Optional(Type.Boolean({ description: 'true when the text was phrased by the configured language model from the cited passages' })),
  },
  { description: 'The assistant’s answer, made only of catalogue passages, each cited' },
);
export type AssistantAnswerView = Static<typeof AssistantAnswerSchema>;

// --- the FAQ (hỏi đáp) the assistant answers from --------------------------------------------------------------

const Line = (maxLength: number) => Type.String({ minLength: 1, maxLength });
export const FaqBodySchema = Obj({
  question: Obj({ vi: Line(300), en: Line(300) }, { description: 'The question, in Vietnamese and English' }),
  answer: Obj({ vi: MultilineText({ minLength: 1, maxLength: 4000 }), en: MultilineText({ minLength: 1, maxLength: 4000 }) }, { description: 'The answer, in Vietnamese and English' }),
  keywords: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 20, description: 'Words people use for it (without diacritics is fine)' }),
  procedureKey: Nullable(Type.String({ minLength: 1, maxLength: 100, description: 'The procedure it is about, if any' })),
  published: Type.Boolean({ description: 'Shown on the portal and used by the assistant' }),
});
export type FaqBody = Static<typeof FaqBodySchema>;
export const FaqEntrySchema = Obj({ id: Uuid, question: LocalizedText, answer: LocalizedText, keywords: Type.Array(Type.String()), procedureKey: Nullable(Type.String()), published: Type.Boolean(), updatedAt: DateTime });
export type FaqEntry = Static<typeof FaqEntrySchema>;
export const FaqListSchema = Obj({ items: Type.Array(FaqEntrySchema) });
/** Where an FAQ entry and a published petition answer are read on the portal (the assistant's citations). */
export const faqPath = (id: string) => `/hoi-dap#hd-${id}`;
export const publishedAnswerPath = (id: string) => `/hoi-dap#tl-${id}`;
