/** The meeting module's tables (họp không gặp mặt), private to it. */
import { boolean, customType, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { MajorityRule, MeetingState, QuorumRule, Choice } from '../../shared/meeting/rules';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull(),
    title: text('title').notNull(),
    /** Agenda items (chương trình họp), in order. */
    agenda: jsonb('agenda').$type<string[]>().notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    state: text('state').$type<MeetingState>().notNull(),
    /** Set when the meeting is an inspection's remote session (the inspection module's id). */
    purpose: text('purpose').$type<'general' | 'inspection'>().notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
    openedAt: ts('opened_at'),
    closedAt: ts('closed_at'),
    /** The minutes (biên bản họp): summary text, then the signed PDF. */
    minutesText: text('minutes_text'),
    minutesPdf: bytea('minutes_pdf'),
    minutesSha256: text('minutes_sha256'),
    minutesSignedAt: ts('minutes_signed_at'),
    remindedAt: ts('reminded_at'),
  },
  (t) => [index('meetings_agency_idx').on(t.agencyId, t.startsAt)],
);

export const meetingParticipants = pgTable(
  'meeting_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id').notNull(),
    /** An officer (by account) or an outsider, who signs in as a citizen (by personal ID). */
    kind: text('kind').$type<'officer' | 'outsider'>().notNull(),
    accountId: uuid('account_id'),
    personalId: text('personal_id'),
    name: text('name').notNull(),
    role: text('role').$type<'chair' | 'secretary' | 'member' | 'guest'>().notNull(),
    voting: boolean('voting').notNull(),
    invitedAt: ts('invited_at').notNull(),
    attendedAt: ts('attended_at'),
  },
  (t) => [uniqueIndex('meeting_participants_account_uq').on(t.meetingId, t.accountId), uniqueIndex('meeting_participants_person_uq').on(t.meetingId, t.personalId), index('meeting_participants_person_idx').on(t.personalId)],
);

export const meetingDocuments = pgTable(
  'meeting_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id').notNull(),
    title: text('title').notNull(),
    fileName: text('file_name').notNull(),
    pdf: bytea('pdf').notNull(),
    sha256: text('sha256').notNull(),
    /** Written opinions (lấy ý kiến bằng văn bản) are collected on the document until then; null: none asked. */
    opinionDeadline: ts('opinion_deadline'),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('meeting_documents_meeting_idx').on(t.meetingId)],
);

/** Every read of a document: who, when, and the digest of the watermarked copy handed out. */
export const meetingDocumentReads = pgTable(
  'meeting_document_reads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    at: ts('at').notNull(),
    copySha256: text('copy_sha256').notNull(),
  },
  (t) => [index('meeting_document_reads_doc_idx').on(t.documentId, t.at)],
);

export const meetingOpinions = pgTable(
  'meeting_opinions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    stance: text('stance').$type<'agree' | 'disagree' | 'comment'>().notNull(),
    text: text('text').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [uniqueIndex('meeting_opinions_uq').on(t.documentId, t.participantId)],
);

export const meetingVotes = pgTable(
  'meeting_votes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id').notNull(),
    question: text('question').notNull(),
    quorum: text('quorum').$type<QuorumRule>().notNull(),
    majority: text('majority').$type<MajorityRule>().notNull(),
    state: text('state').$type<'open' | 'closed'>().notNull(),
    /** The tally at closing and its outcome. */
    result: jsonb('result').$type<{ members: number; yes: number; no: number; abstain: number; outcome: string }>(),
    openedAt: ts('opened_at').notNull(),
    closedAt: ts('closed_at'),
  },
  (t) => [index('meeting_votes_meeting_idx').on(t.meetingId)],
);

export const meetingBallots = pgTable(
  'meeting_ballots',
  {
    voteId: uuid('vote_id').notNull(),
    participantId: uuid('participant_id').notNull(),
    choice: text('choice').$type<Choice>().notNull(),
    at: ts('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.voteId, t.participantId] })],
);
