import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ACCOUNT_KINDS, ROLES } from '../../shared/auth/roles';
import { foreignTable } from '../../platform/db/foreign';

export { ACCOUNT_KINDS, ROLES, type AccountKind, type Role } from '../../shared/auth/roles';

/** The geography module's agencies, referenced by id (a foreign key, not a read of the module's table). */
const agencies = foreignTable('agencies');

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ACCOUNT_KINDS }).notNull(),
    /** Login name for password login (officers, system clients). */
    username: text('username'),
    displayName: text('display_name').notNull(),
    email: text('email'),
    /** 12-digit personal identification number (số định danh cá nhân) for citizens. */
    personalId: text('personal_id'),
    /** Citizens: date of birth as stated by the e-ID provider. */
    birthdate: date('birthdate'),
    /** Citizens: VNeID assurance level (mức độ định danh) of the last e-ID login, 1 or 2. */
    assuranceLevel: smallint('assurance_level'),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    passwordHash: text('password_hash'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('accounts_username_uq').on(sql`lower(${t.username})`),
    uniqueIndex('accounts_personal_id_uq').on(t.personalId),
    check('accounts_assurance_level_ck', sql`${t.assuranceLevel} in (1, 2)`),
  ],
);


/** A role granted within an agency and, optionally, its sub-agencies (jurisdiction). */
export const roleGrants = pgTable(
  'role_grants',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    includeSubAgencies: boolean('include_sub_agencies').notNull().default(false),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.role, t.agencyId] }), index('role_grants_agency_idx').on(t.agencyId)],
);

/** Web sessions (cookie) and bearer tokens; only the SHA-256 of the secret is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    kind: text('kind', { enum: ['web', 'bearer'] }).notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** Name of a system client token, or the login method of a web session. */
    label: text('label'),
    csrfToken: text('csrf_token'),
    /** Assurance level (mức độ định danh) the login was made at: 1 or 2 for e-ID logins, null otherwise. */
    assuranceLevel: smallint('assurance_level'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('sessions_token_hash_uq').on(t.tokenHash),
    index('sessions_account_idx').on(t.accountId),
    check('sessions_assurance_level_ck', sql`${t.assuranceLevel} in (1, 2)`),
  ],
);
