/** The citizen's side of personal data (kho dữ liệu, data tracker, consent, requests): the schemas of the vault API. */
import { Type, type Static } from 'typebox';
import { DateTime, LocalizedText, Nullable, Obj, OneOf, Uuid } from './schema';

/**
 * Purposes a citizen consents to separately (Law 91/2025: consent per purpose, explicit, withdrawable; silence is
 * not consent).
 */
export const CONSENT_PURPOSES = ['prefill', 'data_store_reuse', 'service_feedback', 'sms_notifications', 'zalo_notifications'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_STATES = ['given', 'withdrawn', 'none', 'renewal_needed'] as const;

export const STORE_SOURCES = ['uploaded', 'result', 'registry'] as const;
export type StoreSource = (typeof STORE_SOURCES)[number];
export const DATA_REQUEST_TYPES = ['copy', 'correction'] as const;
export const DATA_REQUEST_STATUSES = ['received', 'answered', 'refused'] as const;

export const DocumentTypeSchema = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,99}$', description: 'Document type, e.g. marriage-certificate' });
export const EnterpriseCodeQuery = Type.String({ pattern: '^\\d{10}$', description: 'Act for this enterprise’s store (legal representative only)' });

export const StoreItemSchema = Obj({
  id: Uuid,
  documentType: Type.String(),
  title: Type.String(),
  issuer: Nullable(Type.String()),
  validFrom: Nullable(Type.String()),
  validUntil: Nullable(Type.String()),
  source: OneOf(STORE_SOURCES),
  dossierId: Nullable(Uuid),
  fileName: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  createdAt: Type.String(),
  deletable: Type.Boolean({ description: 'Only items the owner uploaded can be deleted' }),
  resultStatus: Nullable(Type.Union([Type.Literal('valid'), Type.Literal('revoked'), Type.Literal('replaced')], { description: 'For an issued result: its status in the issuing agency’s register' })),
  resultReplacedBy: Nullable(Type.String({ description: 'For a replaced result: the verification code of its replacement' })),
});
export const StoreListSchema = Obj({ items: Type.Array(StoreItemSchema) });

export const StoreSuggestionsSchema = Obj({
  documents: Type.Array(
    Obj({
      documentId: Type.String(),
      name: LocalizedText,
      requirement: Type.String(),
      storeTypes: Type.Array(Type.String()),
      attachedFromStore: Type.Boolean(),
      items: Type.Array(StoreItemSchema),
    }),
  ),
});

export const DataRequestSchema = Obj({
  id: Uuid,
  type: OneOf(DATA_REQUEST_TYPES),
  typeLabel: LocalizedText,
  detail: Type.String(),
  status: OneOf(DATA_REQUEST_STATUSES),
  statusLabel: LocalizedText,
  receivedAt: Type.String(),
  dueAt: Type.String({ description: '2 working days after receipt' }),
  overdue: Type.Boolean(),
  answeredAt: Nullable(Type.String()),
  answer: Nullable(Type.String()),
  refusalReason: Nullable(Type.String()),
  hasExport: Type.Boolean(),
  export: Type.Optional(Nullable(Type.Object({}, { additionalProperties: true }))),
});
export const DataRequestListSchema = Obj({ items: Type.Array(DataRequestSchema) });
export const OfficerDataRequestListSchema = Obj({ items: Type.Array(Obj({ ...DataRequestSchema.properties, personalId: Type.String() })) });

export const AccessItemSchema = Obj({
  at: DateTime,
  subject: Obj({ type: Type.String(), id: Type.String() }),
  source: Type.String({ description: 'Registry read: population, business' }),
  operation: Type.String({ description: 'lookup (data returned) or match (only yes/no answers)' }),
  purpose: Type.String(),
  dossierId: Nullable(Type.String()),
  dossierCode: Nullable(Type.String({ description: 'The code of the dossier the read was for: its code here, or the reference another system stated (null for a draft or no dossier)' })),
  agency: Nullable(Obj({ id: Uuid, code: Type.String(), name: Type.String(), nameEn: Type.String() })),
  accessorKind: Type.String({ description: 'officer, system or citizen (yourself)' }),
  client: Type.String({ description: 'The system the read came through' }),
  fields: Type.Array(Type.String()),
  sensitive: Type.Boolean({ description: 'True when sensitive personal data (e.g. ethnicity) was read' }),
  logEntry: Type.String({ description: 'The transparency-log entry of this read (`data_access:<seq>`): its proof is at GET /api/tlog/proofs?entries=…' }),
});
export const AccessPageSchema = Obj({ items: Type.Array(AccessItemSchema), nextCursor: Nullable(Type.String()) });

export const NoticeSchema = Obj({ version: Type.Integer(), textVi: Type.String(), textEn: Type.String(), effectiveFrom: DateTime, digest: Type.String() });
export const ConsentRecordSchema = Obj({
  id: Uuid,
  seq: Type.Integer(),
  purpose: Type.String(),
  noticeVersion: Type.Integer(),
  noticeDigest: Type.String(),
  given: Type.Boolean(),
  at: DateTime,
  prevHash: Type.String(),
  hash: Type.String(),
});
export const ConsentPurposeStateSchema = Obj({ purpose: Type.String(), state: OneOf(CONSENT_STATES), notice: Nullable(NoticeSchema), latest: Nullable(ConsentRecordSchema) });
export const ConsentsSchema = Obj({ purposes: Type.Array(ConsentPurposeStateSchema), history: Type.Array(ConsentRecordSchema) });
export const ConsentDecisionSchema = Obj({ created: Type.Boolean(), record: ConsentRecordSchema });
export const ConsentChainSchema = Obj({ ok: Type.Boolean(), checked: Type.Integer(), broken: Type.Optional(Obj({ seq: Type.Integer(), id: Uuid, reason: Type.String() })) });

export type StoreItem = Static<typeof StoreItemSchema>;
export type StoreSuggestions = Static<typeof StoreSuggestionsSchema>;
export type DataRequest = Static<typeof DataRequestSchema>;
export type AccessItem = Static<typeof AccessItemSchema>;
export type AccessPage = Static<typeof AccessPageSchema>;
export type ConsentPurposeState = Static<typeof ConsentPurposeStateSchema>;
export type Consents = Static<typeof ConsentsSchema>;
