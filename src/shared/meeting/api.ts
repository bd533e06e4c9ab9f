/** The meeting API's request and response schemas (họp không gặp mặt); the web app imports their types. */
import { Type, type Static } from 'typebox';
import { DateTime, MultilineText, Nullable, Obj, OneOf, Uuid } from '../api/schema';
import { CHOICES, MAJORITY_RULES, MEETING_STATES, QUORUM_RULES } from './rules';

export const PARTICIPANT_ROLES = ['chair', 'secretary', 'member', 'guest'] as const;
export const STANCES = ['agree', 'disagree', 'comment'] as const;

/** A PDF sent inside a JSON body, base64 (documents of a meeting, uploads of an inspected entity). */
export const PdfFileSchema = Obj({
  fileName: Type.String({ minLength: 1, maxLength: 200 }),
  contentBase64: Type.String({ minLength: 4, maxLength: 1_000_000, pattern: '^[A-Za-z0-9+/=\\s]+$', 'x-multiline': false }),
});
export type PdfFile = Static<typeof PdfFileSchema>;

export const ParticipantInputSchema = Type.Union([
  Obj({ kind: Type.Literal('officer'), accountId: Uuid, role: OneOf(PARTICIPANT_ROLES), voting: Type.Boolean() }),
  Obj({ kind: Type.Literal('outsider'), personalId: Type.String({ pattern: '^\\d{12}$' }), name: Type.String({ minLength: 1, maxLength: 200 }), role: OneOf(PARTICIPANT_ROLES), voting: Type.Boolean() }),
]);
export type ParticipantInput = Static<typeof ParticipantInputSchema>;

export const MeetingBodySchema = Obj({
  agencyId: Uuid,
  title: Type.String({ minLength: 1, maxLength: 300 }),
  agenda: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { minItems: 1, maxItems: 30 }),
  startsAt: DateTime,
  endsAt: DateTime,
  participants: Type.Array(ParticipantInputSchema, { minItems: 1, maxItems: 100 }),
});
export type MeetingBody = Static<typeof MeetingBodySchema>;

export const ParticipantSchema = Obj({
  id: Uuid,
  kind: OneOf(['officer', 'outsider'] as const),
  name: Type.String(),
  role: OneOf(PARTICIPANT_ROLES),
  voting: Type.Boolean(),
  attendedAt: Nullable(DateTime),
});

export const MeetingDocumentSchema = Obj({
  id: Uuid,
  title: Type.String(),
  fileName: Type.String(),
  sha256: Type.String(),
  opinionDeadline: Nullable(DateTime),
  /** Whether opinions are still accepted now. */
  opinionOpen: Type.Boolean(),
  opinionCount: Type.Integer(),
  myOpinion: Nullable(Obj({ stance: OneOf(STANCES), text: Type.String(), at: DateTime })),
  /** Every opinion, for the organisers (chair, secretary); empty for the others. */
  opinions: Type.Array(Obj({ participant: Type.String(), stance: OneOf(STANCES), text: Type.String(), at: DateTime })),
});

export const VoteSchema = Obj({
  id: Uuid,
  question: Type.String(),
  quorum: OneOf(QUORUM_RULES),
  majority: OneOf(MAJORITY_RULES),
  state: OneOf(['open', 'closed'] as const),
  ballots: Type.Integer(),
  myChoice: Nullable(OneOf(CHOICES)),
  result: Nullable(Obj({ members: Type.Integer(), yes: Type.Integer(), no: Type.Integer(), abstain: Type.Integer(), outcome: OneOf(['adopted', 'rejected', 'no_quorum'] as const) })),
});
export type VoteView = Static<typeof VoteSchema>;

export const MeetingSchema = Obj({
  id: Uuid,
  agencyId: Uuid,
  title: Type.String(),
  agenda: Type.Array(Type.String()),
  startsAt: DateTime,
  endsAt: DateTime,
  state: OneOf(MEETING_STATES),
  purpose: OneOf(['general', 'inspection'] as const),
  videoUrl: Nullable(Type.String()),
  /** The caller's place in the meeting (null: an officer of the agency who does not take part). */
  me: Nullable(Obj({ participantId: Uuid, role: OneOf(PARTICIPANT_ROLES), voting: Type.Boolean(), organiser: Type.Boolean() })),
  participants: Type.Array(ParticipantSchema),
  documents: Type.Array(MeetingDocumentSchema),
  votes: Type.Array(VoteSchema),
  minutes: Nullable(Obj({ sha256: Type.String(), signedAt: DateTime })),
});
export type MeetingView = Static<typeof MeetingSchema>;

export const MeetingListSchema = Obj({
  items: Type.Array(Obj({ id: Uuid, title: Type.String(), startsAt: DateTime, endsAt: DateTime, state: OneOf(MEETING_STATES), purpose: OneOf(['general', 'inspection'] as const) })),
});

export const MeetingDocumentBodySchema = Obj({
  title: Type.String({ minLength: 1, maxLength: 300 }),
  file: PdfFileSchema,
  /** Collect written opinions on the document until then (lấy ý kiến bằng văn bản). */
  opinionDeadline: Type.Optional(Nullable(DateTime)),
});
export type MeetingDocumentBody = Static<typeof MeetingDocumentBodySchema>;

export const OpinionBodySchema = Obj({ stance: OneOf(STANCES), text: MultilineText({ minLength: 1, maxLength: 4000 }) });
export type OpinionBody = Static<typeof OpinionBodySchema>;

export const VoteBodySchema = Obj({ question: Type.String({ minLength: 1, maxLength: 500 }), quorum: OneOf(QUORUM_RULES), majority: OneOf(MAJORITY_RULES) });
export type VoteBody = Static<typeof VoteBodySchema>;

export const BallotBodySchema = Obj({ choice: OneOf(CHOICES) });
export type BallotBody = Static<typeof BallotBodySchema>;

export const MinutesBodySchema = Obj({ summary: MultilineText({ minLength: 1, maxLength: 4000 }) });
export type MinutesBody = Static<typeof MinutesBodySchema>;

export const DocumentReadsSchema = Obj({ items: Type.Array(Obj({ participant: Type.String(), at: DateTime, copySha256: Type.String() })) });

/** The officers of an agency who may be invited (or put on an inspection team). */
export const ColleagueListSchema = Obj({ items: Type.Array(Obj({ accountId: Uuid, name: Type.String() })) });
export const AgencyQuerySchema = Obj({ agencyId: Uuid });

export const MeetingDocParams = Obj({ id: Uuid, documentId: Uuid });
export const MeetingVoteParams = Obj({ id: Uuid, voteId: Uuid });

/** Page paths of the web app. */
export const meetingPath = (id: string) => `/hop/${id}`;
