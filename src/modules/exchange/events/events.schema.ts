import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * Agencies hosted on another MotCua node (cơ quan ở nút khác): where an event for them goes. This node's own
 * agencies are the geography module's; an agency listed here is not consumed by this node.
 */
export const exchangeRemoteAgencies = pgTable(
  'exchange_remote_agencies',
  {
    /** The agency's electronic identifier (Decision 20/2020/QĐ-TTg), e.g. `000.00.01.H38`. */
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    /** The node (installation) that hosts it: a name operators recognise. */
    node: text('node').notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
);

/**
 * Messages to other nodes, copied from the platform outbox in the dispatcher's transaction and published to NATS
 * JetStream by the relay, which marks one sent only after the stream's acknowledgement (PubAck). The id is the
 * outbox event's id and the `Nats-Msg-Id`, so a re-publication inside the duplicate window stores nothing new.
 */
export const exchangeOutbound = pgTable(
  'exchange_outbound',
  {
    id: uuid('id').primaryKey(),
    subject: text('subject').notNull(),
    message: jsonb('message').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'sent'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull(),
    sentAt: ts('sent_at'),
    /** The stream sequence of the stored message (from the PubAck). */
    streamSeq: integer('stream_seq'),
  },
  (t) => [index('exchange_outbound_pending_idx').on(t.status, t.nextAttemptAt)],
);

/** Messages from other nodes already applied, keyed by event id: each is applied once (insert + apply, one transaction). */
export const exchangeInbox = pgTable('exchange_inbox', {
  id: uuid('id').primaryKey(),
  type: text('type').notNull(),
  fromNode: text('from_node').notNull(),
  subject: text('subject').notNull(),
  appliedAt: ts('applied_at').notNull(),
});

/**
 * Consultations (xin ý kiến) across nodes. `outgoing`: asked by one of this node's agencies of a remote agency (the
 * dossier is here, in `consulting`). `incoming`: asked of one of this node's agencies by a remote one (the dossier
 * stays on the asking node; this is what the consulted agency's officers see and answer).
 */
export const exchangeConsultations = pgTable(
  'exchange_consultations',
  {
    id: uuid('id').primaryKey(),
    direction: text('direction', { enum: ['outgoing', 'incoming'] }).notNull(),
    dossierCode: text('dossier_code').notNull(),
    /** The dossier's id on this node (outgoing only). */
    dossierId: uuid('dossier_id'),
    procedureName: text('procedure_name').notNull(),
    fromAgencyCode: text('from_agency_code').notNull(),
    fromAgencyName: text('from_agency_name').notNull(),
    toAgencyCode: text('to_agency_code').notNull(),
    toAgencyName: text('to_agency_name').notNull(),
    question: text('question').notNull(),
    stepDueAt: ts('step_due_at'),
    status: text('status', { enum: ['asked', 'answered'] }).notNull(),
    opinion: text('opinion'),
    answeredBy: text('answered_by'),
    askedAt: ts('asked_at').notNull(),
    answeredAt: ts('answered_at'),
  },
  (t) => [index('exchange_consultations_to_idx').on(t.direction, t.toAgencyCode, t.status), uniqueIndex('exchange_consultations_dossier_idx').on(t.direction, t.dossierCode, t.askedAt)],
);

/**
 * Dossiers transferred (liên thông) across nodes, keyed by the transfer id on both sides. `outgoing`: sent by one of
 * this node's agencies (the origin dossier is here, waiting in `consulting`); `incoming`: received by one of this
 * node's agencies, which opened its own dossier (`local_dossier_id`) in the same transaction as the inbox row.
 */
export const exchangeTransfers = pgTable(
  'exchange_transfers',
  {
    id: uuid('id').primaryKey(),
    direction: text('direction', { enum: ['outgoing', 'incoming'] }).notNull(),
    dossierCode: text('dossier_code').notNull(),
    /** The origin dossier's id (outgoing only). */
    dossierId: uuid('dossier_id'),
    /** The dossier opened on the receiving node (incoming: its id here; both: its code). */
    localDossierId: uuid('local_dossier_id'),
    remoteDossierCode: text('remote_dossier_code'),
    procedureKey: text('procedure_key').notNull(),
    procedureName: text('procedure_name').notNull(),
    fromAgencyCode: text('from_agency_code').notNull(),
    fromAgencyName: text('from_agency_name').notNull(),
    toAgencyCode: text('to_agency_code').notNull(),
    toAgencyName: text('to_agency_name').notNull(),
    note: text('note'),
    stepDueAt: ts('step_due_at'),
    status: text('status', { enum: ['sent', 'received', 'answered'] }).notNull(),
    outcome: text('outcome'),
    summary: text('summary'),
    answeredBy: text('answered_by'),
    sentAt: ts('sent_at').notNull(),
    receivedAt: ts('received_at'),
    answeredAt: ts('answered_at'),
  },
  (t) => [index('exchange_transfers_to_idx').on(t.direction, t.toAgencyCode, t.status), uniqueIndex('exchange_transfers_local_dossier_idx').on(t.localDossierId)],
);
