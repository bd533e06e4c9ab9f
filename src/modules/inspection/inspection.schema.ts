/** The inspection module's tables (kiểm tra trực tuyến), private to it. */
import { customType, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { InspectionState } from '../../shared/inspection/rules';

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export interface TeamMember {
  accountId: string;
  name: string;
  role: 'lead' | 'member';
}

export const inspections = pgTable(
  'inspections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    agencyId: uuid('agency_id').notNull(),
    /** The inspected entity, from the business registry (mã số doanh nghiệp). */
    enterpriseCode: text('enterprise_code').notNull(),
    entityName: text('entity_name').notNull(),
    title: text('title').notNull(),
    scope: text('scope').notNull(),
    legalBasis: text('legal_basis').notNull(),
    team: jsonb('team').$type<TeamMember[]>().notNull(),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    state: text('state').$type<InspectionState>().notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull(),
    approvedBy: uuid('approved_by'),
    approvedAt: ts('approved_at'),
    /** The remote session: a meeting of the meeting module. */
    meetingId: uuid('meeting_id'),
    startedAt: ts('started_at'),
    online: text('online').$type<'online' | 'onsite'>().notNull(),
    minutesPdf: bytea('minutes_pdf'),
    minutesSha256: text('minutes_sha256'),
    teamSignedAt: ts('team_signed_at'),
    entitySignedAt: ts('entity_signed_at'),
    /** Who signed for the entity (personal ID of its representative). */
    entitySignedBy: text('entity_signed_by'),
    conclusion: text('conclusion'),
    concludedAt: ts('concluded_at'),
    closedAt: ts('closed_at'),
  },
  (t) => [uniqueIndex('inspections_code_uq').on(t.code), index('inspections_agency_idx').on(t.agencyId, t.startedAt), index('inspections_entity_idx').on(t.enterpriseCode)],
);

export const inspectionRequests = pgTable(
  'inspection_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id').notNull(),
    title: text('title').notNull(),
    dueAt: ts('due_at').notNull(),
    createdAt: ts('created_at').notNull(),
    fileName: text('file_name'),
    file: bytea('file'),
    fileSha256: text('file_sha256'),
    uploadedAt: ts('uploaded_at'),
  },
  (t) => [index('inspection_requests_insp_idx').on(t.inspectionId)],
);

export const inspectionFindings = pgTable(
  'inspection_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    inspectionId: uuid('inspection_id').notNull(),
    text: text('text').notNull(),
    /** The remedy required (biện pháp khắc phục) and its deadline, if any. */
    remedy: text('remedy'),
    remedyDueAt: ts('remedy_due_at'),
    remedyDoneAt: ts('remedy_done_at'),
    remedyNote: text('remedy_note'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('inspection_findings_insp_idx').on(t.inspectionId)],
);
