import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../identity.schema';

/**
 * Authorisations (ủy quyền): a citizen (grantor) lets another person (agent) file one procedure, or every procedure,
 * in the grantor's name from one date to another. Revoked ones are kept for the record.
 */
export const authorisations = pgTable(
  'authorisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantorAccountId: uuid('grantor_account_id')
      .notNull()
      .references(() => accounts.id),
    grantorPersonalId: text('grantor_personal_id').notNull(),
    grantorName: text('grantor_name').notNull(),
    agentPersonalId: text('agent_personal_id').notNull(),
    agentName: text('agent_name').notNull(),
    /** National procedure code (mã thủ tục hành chính); null = every procedure. */
    procedureCode: text('procedure_code'),
    /** First and last day of validity (inclusive), dates in Asia/Ho_Chi_Minh. */
    validFrom: date('valid_from').notNull(),
    validUntil: date('valid_until').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('authorisations_agent_idx').on(t.agentPersonalId),
    index('authorisations_grantor_idx').on(t.grantorPersonalId),
    check('authorisations_not_self_ck', sql`${t.grantorPersonalId} <> ${t.agentPersonalId}`),
    check('authorisations_dates_ck', sql`${t.validUntil} >= ${t.validFrom}`),
  ],
);
