/** The inspection API's request and response schemas (kiểm tra trực tuyến); the web app imports their types. */
import { Type, type Static } from 'typebox';
import { DateTime, IsoDate, MultilineText, Nullable, Obj, OneOf, Uuid } from '../api/schema';
import { PdfFileSchema } from '../meeting/api';
import { INSPECTION_STATES } from './rules';

export const InspectionBodySchema = Obj({
  agencyId: Uuid,
  enterpriseCode: Type.String({ pattern: '^\\d{10}(-\\d{3})?$', description: 'Mã số doanh nghiệp' }),
  title: Type.String({ minLength: 1, maxLength: 300 }),
  scope: MultilineText({ minLength: 1, maxLength: 4000 }),
  legalBasis: MultilineText({ minLength: 1, maxLength: 4000 }),
  team: Type.Array(Obj({ accountId: Uuid, role: OneOf(['lead', 'member'] as const) }), { minItems: 1, maxItems: 20 }),
  startsOn: IsoDate,
  endsOn: IsoDate,
});
export type InspectionBody = Static<typeof InspectionBodySchema>;

/** `online` (default): a remote session, a meeting of the platform; `onsite`: held at the entity's premises. */
export const SessionBodySchema = Obj({ mode: Type.Optional(OneOf(['online', 'onsite'] as const)), startsAt: DateTime, endsAt: DateTime });
export type SessionBody = Static<typeof SessionBodySchema>;

export const DocumentRequestBodySchema = Obj({ title: Type.String({ minLength: 1, maxLength: 300 }), dueAt: DateTime });
export type DocumentRequestBody = Static<typeof DocumentRequestBodySchema>;

export const UploadBodySchema = Obj({ file: PdfFileSchema });
export type UploadBody = Static<typeof UploadBodySchema>;

export const FindingBodySchema = Obj({ text: MultilineText({ minLength: 1, maxLength: 4000 }), remedy: Type.Optional(Nullable(MultilineText({ maxLength: 2000 }))), remedyDueAt: Type.Optional(Nullable(DateTime)) });
export type FindingBody = Static<typeof FindingBodySchema>;

export const RemedyDoneBodySchema = Obj({ note: MultilineText({ minLength: 1, maxLength: 2000 }) });
export type RemedyDoneBody = Static<typeof RemedyDoneBodySchema>;

export const ConclusionBodySchema = Obj({ conclusion: MultilineText({ minLength: 1, maxLength: 4000 }) });
export type ConclusionBody = Static<typeof ConclusionBodySchema>;

export const InspectionSchema = Obj({
  id: Uuid,
  code: Type.String(),
  agencyId: Uuid,
  enterpriseCode: Type.String(),
  entityName: Type.String(),
  title: Type.String(),
  scope: Type.String(),
  legalBasis: Type.String(),
  team: Type.Array(Obj({ accountId: Uuid, name: Type.String(), role: OneOf(['lead', 'member'] as const) })),
  startsOn: Type.String(),
  endsOn: Type.String(),
  state: OneOf(INSPECTION_STATES),
  approvedAt: Nullable(DateTime),
  meetingId: Nullable(Uuid),
  online: Type.Boolean(),
  /** How the caller stands: on the team, the entity's representative, or an officer of the agency. */
  as: OneOf(['team', 'entity', 'agency'] as const),
  requests: Type.Array(Obj({ id: Uuid, title: Type.String(), dueAt: DateTime, open: Type.Boolean(), fileName: Nullable(Type.String()), uploadedAt: Nullable(DateTime) })),
  findings: Type.Array(Obj({ id: Uuid, text: Type.String(), remedy: Nullable(Type.String()), remedyDueAt: Nullable(DateTime), remedyStatus: Nullable(OneOf(['open', 'overdue', 'done'] as const)), remedyNote: Nullable(Type.String()) })),
  minutes: Nullable(Obj({ sha256: Type.String(), teamSignedAt: Nullable(DateTime), entitySignedAt: Nullable(DateTime) })),
  conclusion: Nullable(Type.String()),
  concludedAt: Nullable(DateTime),
});
export type InspectionView = Static<typeof InspectionSchema>;

export const InspectionListSchema = Obj({
  items: Type.Array(Obj({ id: Uuid, code: Type.String(), title: Type.String(), entityName: Type.String(), state: OneOf(INSPECTION_STATES), startsOn: Type.String(), endsOn: Type.String() })),
});

export const OnlineShareQuerySchema = Obj({ agencyId: Uuid, from: IsoDate, to: IsoDate });
export const OnlineShareSchema = Obj({ agencyId: Uuid, from: Type.String(), to: Type.String(), total: Type.Integer(), online: Type.Integer(), share: Type.Number() });

export const InspectionRequestParams = Obj({ id: Uuid, requestId: Uuid });
export const InspectionFindingParams = Obj({ id: Uuid, findingId: Uuid });

export const inspectionPath = (id: string) => `/kiem-tra/${id}`;
