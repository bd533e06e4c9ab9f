import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Everything the built-in e-ID provider (oidc-provider) keeps: sessions, interactions, grants, authorization codes,
 * access tokens, replay detection… one row per artefact, keyed by the provider's model name and id.
 */
export const eidProviderStore = pgTable(
  'eid_provider_store',
  {
    model: text('model').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').notNull(),
    grantId: text('grant_id'),
    userCode: text('user_code'),
    uid: text('uid'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.model, t.id] }),
    index('eid_provider_store_grant_idx').on(t.grantId),
    index('eid_provider_store_uid_idx').on(t.model, t.uid),
    index('eid_provider_store_user_code_idx').on(t.model, t.userCode),
    index('eid_provider_store_expires_idx').on(t.expiresAt),
  ],
);

/** Secrets generated at first start and kept across restarts: signing keys (JWKS), cookie keys, client secrets. */
export const eidSecrets = pgTable('eid_secrets', {
  name: text('name').primaryKey(),
  value: jsonb('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A login started at an OpenID provider and not yet finished: state, nonce and PKCE verifier stay on the server; the
 * browser holds only a random binding secret (HTTP-only cookie) whose hash is stored here.
 */
export const oidcLoginRequests = pgTable(
  'oidc_login_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bindingHash: text('binding_hash').notNull(),
    /** Which relying party: `citizen` (e-ID) or `officer`. */
    audience: text('audience', { enum: ['citizen', 'officer'] }).notNull(),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    returnTo: text('return_to').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('oidc_login_requests_binding_idx').on(t.bindingHash), index('oidc_login_requests_expires_idx').on(t.expiresAt)],
);
