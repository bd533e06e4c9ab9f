/** The API schemas of events between nodes: the remote agencies registry and consultations across nodes. */
import { Type, type Static } from 'typebox';
import { DateTime, MultilineText, Nullable, Obj, OneOf, Uuid } from '../../api/schema';

const AgencyCode = Type.String({ pattern: '^[0-9A-Z]{3}\\.[0-9A-Z]{2}\\.[0-9A-Z]{2}\\.[A-Z][0-9A-Z]{2}$', description: 'Agency electronic identifier (Decision 20/2020/QĐ-TTg), e.g. 000.00.01.H38' });

export const RemoteAgencyBodySchema = Obj({
  name: Type.String({ minLength: 1, maxLength: 300, description: 'The agency’s name' }),
  node: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$', description: 'The node (installation) that hosts it' }),
});
export type RemoteAgencyBody = Static<typeof RemoteAgencyBodySchema>;
export const RemoteAgencyParamsSchema = Obj({ code: AgencyCode });

export const RemoteAgencySchema = Obj({ code: AgencyCode, name: Type.String(), node: Type.String(), createdAt: DateTime, updatedAt: DateTime }, { description: 'An agency hosted on another MotCua node' });
export type RemoteAgency = Static<typeof RemoteAgencySchema>;
export const RemoteAgencyListSchema = Obj({ items: Type.Array(RemoteAgencySchema) });

export const AskRemoteBodySchema = Obj({
  dossierId: Uuid,
  agencyCode: AgencyCode,
  question: MultilineText({ minLength: 1, maxLength: 4000, description: 'The question asked (nội dung xin ý kiến)' }),
  workingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, description: 'Working days given (default: the workflow’s share for consultation)' })),
});
export type AskRemoteBody = Static<typeof AskRemoteBodySchema>;

export const AnswerRemoteBodySchema = Obj({ opinion: MultilineText({ minLength: 1, maxLength: 4000, description: 'The opinion given' }) });
export type AnswerRemoteBody = Static<typeof AnswerRemoteBodySchema>;

export const DIRECTIONS = ['outgoing', 'incoming'] as const;
export const RemoteConsultationSchema = Obj(
  {
    id: Uuid,
    direction: OneOf(DIRECTIONS),
    dossierCode: Type.String(),
    dossierId: Nullable(Uuid),
    procedureName: Type.String(),
    from: Obj({ code: Type.String(), name: Type.String() }),
    to: Obj({ code: Type.String(), name: Type.String() }),
    question: Type.String(),
    stepDueAt: Nullable(DateTime),
    status: OneOf(['asked', 'answered'] as const),
    opinion: Nullable(Type.String()),
    answeredBy: Nullable(Type.String()),
    askedAt: DateTime,
    answeredAt: Nullable(DateTime),
  },
  { description: 'A consultation (xin ý kiến) between agencies on two nodes' },
);
export type RemoteConsultation = Static<typeof RemoteConsultationSchema>;
export const RemoteConsultationListSchema = Obj({ items: Type.Array(RemoteConsultationSchema) });
export const RemoteConsultationQuerySchema = Obj({ direction: Type.Optional(OneOf(DIRECTIONS)), status: Type.Optional(OneOf(['asked', 'answered'] as const)) });

export const EventsStatusSchema = Obj({
  enabled: Type.Boolean(),
  connected: Type.Boolean(),
  node: Nullable(Type.String()),
  consumers: Type.Array(Type.String()),
  pending: Type.Integer({ description: 'Messages waiting in the outbound table (not yet acknowledged by the stream)' }),
  lastError: Nullable(Type.String()),
});

/** A dossier transferred (liên thông) to an agency on another node, which opens its own dossier and answers back. */
export const TransferBodySchema = Obj({
  dossierId: Uuid,
  agencyCode: AgencyCode,
  note: Type.Optional(MultilineText({ minLength: 1, maxLength: 4000, description: 'A note for the receiving agency' })),
  workingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 60, description: 'Working days given to the receiving agency (default: the workflow’s share)' })),
});
export type TransferBody = Static<typeof TransferBodySchema>;

export const TRANSFER_STATUSES = ['sent', 'received', 'answered'] as const;
export const RemoteTransferSchema = Obj(
  {
    id: Uuid,
    direction: OneOf(DIRECTIONS),
    dossierCode: Type.String({ description: 'The origin dossier’s code' }),
    dossierId: Nullable(Uuid),
    /** On the receiving node: the dossier it opened; on the origin: its code there (once answered). */
    remoteDossierCode: Nullable(Type.String()),
    localDossierId: Nullable(Uuid),
    procedureKey: Type.String(),
    procedureName: Type.String(),
    from: Obj({ code: Type.String(), name: Type.String() }),
    to: Obj({ code: Type.String(), name: Type.String() }),
    note: Nullable(Type.String()),
    stepDueAt: Nullable(DateTime),
    status: OneOf(TRANSFER_STATUSES),
    outcome: Nullable(Type.String()),
    summary: Nullable(Type.String()),
    answeredBy: Nullable(Type.String()),
    sentAt: DateTime,
    receivedAt: Nullable(DateTime),
    answeredAt: Nullable(DateTime),
  },
  { description: 'A dossier transferred (liên thông) between agencies on two nodes' },
);
export type RemoteTransfer = Static<typeof RemoteTransferSchema>;
export const RemoteTransferListSchema = Obj({ items: Type.Array(RemoteTransferSchema) });
export const RemoteTransferQuerySchema = Obj({ direction: Type.Optional(OneOf(DIRECTIONS)), status: Type.Optional(OneOf(TRANSFER_STATUSES)) });
