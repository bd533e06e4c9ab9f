import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import type { Db, DbOrTx, Tx } from '../../platform/db/client';
import type { Clock } from '../../platform/context';
import type { Actor } from '../../platform/auth/actor';
import type { Grant, Principal } from '../../platform/auth/policy';
import type { PrincipalResolver } from '../../platform/auth/auth.hook';
import { appendAudit } from '../../platform/audit/audit.service';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/auth/password';
import { newToken, tokenHash } from '../../platform/auth/tokens';
import { accounts, roleGrants, sessions } from './identity.schema';
import type { AccountKind, Role } from '../../shared/auth/roles';
import { eidErrors, identityErrors, mfaErrors } from './identity.errors';
import { MfaService } from './mfa/mfa.service';
import type { RelyingParty } from './mfa/webauthn.service';
import type { AgencyDirectory } from '../geography';
import { isAssuranceLevel, type AssuranceLevel } from './assurance';

type AccountRow = typeof accounts.$inferSelect;
export interface GrantInput {
  role: Role;
  agencyId: string;
  includeSubAgencies?: boolean;
}

/** A person as an e-ID provider vouched for them, after claim mapping and validation. */
export interface VerifiedCitizen {
  personalId: string;
  fullName: string;
  /** YYYY-MM-DD, when the provider gave it. */
  birthdate: string | null;
  assuranceLevel: AssuranceLevel;
}

const CACHE_MS = 5_000;
/** Seen-at is written at most once a minute per session, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export function checkPasswordStrength(pw: string): void {
  if (pw.length < 10 || !/[\p{L}]/u.test(pw) || !/\d/.test(pw)) throw identityErrors.weakPassword();
}

/** Inserts an officer or system account with its roles directly (seed data); the admin API checks and audits. */
export async function insertAccount(db: DbOrTx, input: { kind: 'officer' | 'system'; username: string; displayName: string; passwordHash: string | null; grants: GrantInput[] }): Promise<string> {
  const [acc] = await db.insert(accounts).values({ kind: input.kind, username: input.username, displayName: input.displayName, passwordHash: input.passwordHash }).returning({ id: accounts.id });
  if (input.grants.length) await db.insert(roleGrants).values(input.grants.map((g) => ({ accountId: acc.id, role: g.role, agencyId: g.agencyId, includeSubAgencies: g.includeSubAgencies ?? false })));
  return acc.id;
}

/** The login method (session label) of a single sign-on whose provider confirmed a second factor. */
export const OIDC_MFA_METHOD = 'oidc-mfa';

export class IdentityService implements PrincipalResolver {
  private cache = new Map<string, { at: number; principal: Principal; lastSeen: number; expiresAt: number | null }>();
  /** Officers' second factor (TOTP, recovery codes). */
  readonly mfa: MfaService;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly directory: AgencyDirectory,
  ) {
    this.mfa = new MfaService(db, clock);
  }

  async resolve(secret: string, via: 'web' | 'bearer'): Promise<Principal | null> {
    if (!secret || secret.length > 200) return null;
    const hash = tokenHash(secret);
    const now = this.clock.now().getTime();
    const hit = this.cache.get(hash);
    if (hit && now - hit.at < CACHE_MS && hit.principal.sessionKind === via && this.live(hit.lastSeen, hit.expiresAt, via, now)) return hit.principal;

    const [row] = await this.db
      .select({ s: sessions, a: accounts })
      .from(sessions)
      .innerJoin(accounts, eq(accounts.id, sessions.accountId))
      .where(and(eq(sessions.tokenHash, hash), eq(sessions.kind, via), isNull(sessions.revokedAt), eq(accounts.active, true)));
    if (!row) return null;
    const lastSeen = row.s.lastSeenAt.getTime();
    const expiresAt = row.s.expiresAt?.getTime() ?? null;
    if (!this.live(lastSeen, expiresAt, via, now)) return null;
    if (now - lastSeen > TOUCH_EVERY_MS) await this.db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, row.s.id));
    const grants = await this.grantsOf(row.a.id);
    const required = this.config.mfaRequiredRoles;
    const secondFactorMissing = via === 'web' && row.a.kind === 'officer' && row.s.label !== OIDC_MFA_METHOD && grants.some((g) => required.includes(g.role)) && !(await this.mfa.hasFactor(row.a.id));
    const principal: Principal = {
      accountId: row.a.id,
      kind: row.a.kind,
      displayName: row.a.displayName,
      personalId: row.a.personalId,
      assuranceLevel: via === 'web' && isAssuranceLevel(row.s.assuranceLevel) ? row.s.assuranceLevel : null,
      grants,
      sessionId: row.s.id,
      sessionKind: via,
      csrfToken: row.s.csrfToken,
      ...(secondFactorMissing ? { secondFactorMissing } : {}),
    };
    this.cache.set(hash, { at: now, principal, lastSeen: now - lastSeen > TOUCH_EVERY_MS ? now : lastSeen, expiresAt });
    if (this.cache.size > 10_000) this.cache.clear();
    return principal;
  }

  private live(lastSeen: number, expiresAt: number | null, via: 'web' | 'bearer', now: number): boolean {
    if (expiresAt !== null && now >= expiresAt) return false;
    if (via === 'web' && now - lastSeen > this.config.sessionIdleMinutes * 60_000) return false;
    return true;
  }

  private forgetAccount(accountId: string) {
    for (const [k, v] of this.cache) if (v.principal.accountId === accountId) this.cache.delete(k);
  }

  /** `db`: the caller's transaction, to read through it (PGlite has one connection). */
  async grantsOf(accountId: string, db: DbOrTx = this.db): Promise<Grant[]> {
    const rows = await db.select().from(roleGrants).where(eq(roleGrants.accountId, accountId));
    return rows.map((g) => ({ role: g.role, agencyId: g.agencyId, includeSubAgencies: g.includeSubAgencies }));
  }

  /** Display names of accounts by id (for officers' pages and forms; unknown ids are left out). */
  async displayNamesOf(ids: readonly string[], db: DbOrTx = this.db): Promise<Map<string, string>> {
    const unique = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (!unique.length) return new Map();
    const rows = await db.select({ id: accounts.id, displayName: accounts.displayName }).from(accounts).where(inArray(accounts.id, unique));
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }

  /**
   * Accounts whose username is `text` or whose display name contains it (case-insensitive), for searching records by
   * who made them (the audit viewer). At most `limit` ids.
   */
  async accountIdsMatching(text: string, limit = 500, db: DbOrTx = this.db): Promise<string[]> {
    const needle = text.trim().toLowerCase();
    if (!needle) return [];
    const like = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await db
      .select({ id: accounts.id })
      .from(accounts)
      .where(sql`lower(${accounts.username}) = ${needle} or lower(${accounts.displayName}) like ${like}`)
      .limit(limit);
    return rows.map((r) => r.id);
  }

  /** Password login of an account without a second factor (scripts, benches): the session, or an error. */
  async passwordLogin(username: string, password: string, requestId: string) {
    const r = await this.passwordLoginStep(username, password, requestId);
    if ('secondFactor' in r) throw new Error('this account has a second factor: use passwordLoginStep, then secondFactorLogin');
    return r;
  }

  /**
   * Password login for officers (and the built-in demo): the web session, or — with a second factor enrolled — the
   * challenge for it. Failures are audited; repeated failures lock the account.
   */
  async passwordLoginStep(username: string, password: string, requestId: string) {
    const now = this.clock.now();
    const actor: Actor = { accountId: null, kind: 'anonymous', requestId };
    const [acc] = await this.db.select().from(accounts).where(and(sql`lower(${accounts.username}) = lower(${username})`, inArray(accounts.kind, ['officer', 'system'])));
    if (!acc || !acc.passwordHash || !acc.active) {
      await verifyPassword(password, await dummyHash());
      await this.db.transaction((tx) => appendAudit(tx, actor, { action: 'auth.login_failed', targetType: 'account', targetId: null, after: { reason: 'unknown_account' } }, now));
      throw identityErrors.badCredentials();
    }
    if (acc.lockedUntil && acc.lockedUntil > now) {
      await this.db.transaction((tx) => appendAudit(tx, { ...actor, accountId: acc.id }, { action: 'auth.login_refused_locked', targetType: 'account', targetId: acc.id }, now));
      throw identityErrors.locked(acc.lockedUntil);
    }
    const ok = await verifyPassword(password, acc.passwordHash);
    if (!ok) {
      const { failures, lockedUntil, lockedNow } = await this.recordFailedPassword(acc.id, actor, now);
      if (lockedUntil && lockedUntil > now) {
        if (!lockedNow) await this.db.transaction((tx) => appendAudit(tx, { ...actor, accountId: acc.id }, { action: 'auth.login_refused_locked', targetType: 'account', targetId: acc.id, after: { failures } }, now));
        throw identityErrors.locked(lockedUntil);
      }
      throw identityErrors.badCredentials();
    }
    // A second factor enrolled: the password alone opens no session, only a short-lived challenge for the code.
    const methods = await this.mfa.methodsOf(acc.id);
    if (methods.length) {
      const c = await this.mfa.createChallenge(acc.id);
      await this.db.transaction((tx) => appendAudit(tx, { ...actor, accountId: acc.id }, { action: 'auth.password_accepted', targetType: 'account', targetId: acc.id, after: { awaiting: 'second_factor' } }, now));
      return { secondFactor: { challengeId: c.challengeId, methods, expiresAt: c.expiresAt.toISOString() } };
    }
    return this.openWebSession(acc, 'password', requestId);
  }

  /**
   * The second step of a password login: a TOTP code or a recovery code for the challenge the password earned. A
   * wrong or replayed code counts in the same lock-out as a wrong password (and is audited); the right one opens the
   * web session, spends the challenge and the code, and resets the failure count.
   */
  async secondFactorLogin(challengeId: string, code: string, requestId: string) {
    return this.completeLogin(challengeId, requestId, (tx, c, now) => this.mfa.consume(tx, c, code, now));
  }

  /** The second step with a passkey: the browser's signed answer to the options of this login step. */
  async passkeyLogin(challengeId: string, response: unknown, rp: RelyingParty, requestId: string) {
    return this.completeLogin(challengeId, requestId, (tx, c, now) => this.mfa.webauthn.consume(tx, c, response, rp, now));
  }

  /** The passkey options of a login step (its account's passkeys for this host). */
  async passkeyLoginOptions(challengeId: string, rp: RelyingParty, requestId: string) {
    const challenge = await this.mfa.challengeAccount(challengeId);
    if (!challenge) {
      await this.recordLoginFailure(requestId, 'auth.second_factor_failed', 'challenge_invalid');
      throw mfaErrors.challengeInvalid();
    }
    return this.mfa.webauthn.loginOptions(challenge, rp);
  }

  private async completeLogin(
    challengeId: string,
    requestId: string,
    check: (tx: Tx, challenge: { id: string; accountId: string }, now: Date) => Promise<{ ok: true; method: string } | { ok: false; reason: 'wrong' | 'replayed' }>,
  ) {
    const now = this.clock.now();
    const actor: Actor = { accountId: null, kind: 'anonymous', requestId };
    const challenge = await this.mfa.challengeAccount(challengeId);
    const [acc] = challenge ? await this.db.select().from(accounts).where(eq(accounts.id, challenge.accountId)) : [];
    if (!challenge || !acc || !acc.active) {
      await this.recordLoginFailure(requestId, 'auth.second_factor_failed', 'challenge_invalid');
      throw mfaErrors.challengeInvalid();
    }
    const who: Actor = { ...actor, accountId: acc.id };
    if (acc.lockedUntil && acc.lockedUntil > now) {
      await this.db.transaction((tx) => appendAudit(tx, who, { action: 'auth.login_refused_locked', targetType: 'account', targetId: acc.id, after: { step: 'second_factor' } }, now));
      throw identityErrors.locked(acc.lockedUntil);
    }
    const result = await this.db.transaction(async (tx) => {
      const r = await check(tx, challenge, now);
      if (!r.ok) return r;
      if (!(await this.mfa.spendChallenge(tx, challenge.id, now))) throw mfaErrors.challengeInvalid(); // spent meanwhile by a parallel request: roll back
      await appendAudit(tx, who, { action: 'auth.second_factor_used', targetType: 'account', targetId: acc.id, after: { method: r.method } }, now);
      return { ...r, session: await this.insertWebSession(tx, acc, `password+${r.method}`, requestId, now, null) };
    });
    if (!result.ok) {
      const { failures, lockedUntil, lockedNow } = await this.recordFailedPassword(acc.id, actor, now, `second_factor_${result.reason}`);
      if (lockedUntil && lockedUntil > now) {
        if (!lockedNow) await this.db.transaction((tx) => appendAudit(tx, who, { action: 'auth.login_refused_locked', targetType: 'account', targetId: acc.id, after: { failures } }, now));
        throw identityErrors.locked(lockedUntil);
      }
      throw result.reason === 'replayed' ? mfaErrors.codeReplayed() : mfaErrors.codeWrong();
    }
    return { ...result.session, account: this.publicAccount(acc, await this.grantsOf(acc.id)) };
  }

  /**
   * Counts a wrong password in one statement (`failed_logins = failed_logins + 1 … RETURNING`), so parallel
   * attempts each count: a read-then-write let 20 simultaneous failures count as one. The statement that reaches
   * the threshold sets the lock; a failure after an expired lock starts counting again from 1. A successful login
   * or an administrator's unlock resets the count.
   */
  private async recordFailedPassword(accountId: string, actor: Actor, now: Date, reason = 'wrong_password') {
    const at = now.toISOString();
    const until = new Date(now.getTime() + this.config.loginLockMinutes * 60_000).toISOString();
    const expired = sql`(${accounts.lockedUntil} is not null and ${accounts.lockedUntil} <= ${at}::timestamptz)`;
    const count = sql`(case when ${expired} then 1 else ${accounts.failedLogins} + 1 end)`;
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(accounts)
        .set({
          failedLogins: count,
          lockedUntil: sql`(case when ${accounts.lockedUntil} > ${at}::timestamptz then ${accounts.lockedUntil} when ${count} >= ${this.config.loginMaxFailures} then ${until}::timestamptz else null end)`,
          updatedAt: now,
        })
        .where(eq(accounts.id, accountId))
        .returning({ failures: accounts.failedLogins, lockedUntil: accounts.lockedUntil });
      const lockedNow = !!row.lockedUntil && row.lockedUntil.toISOString() === until && row.failures === this.config.loginMaxFailures;
      await appendAudit(tx, { ...actor, accountId }, { action: lockedNow ? 'auth.account_locked' : 'auth.login_failed', targetType: 'account', targetId: accountId, after: { failures: row.failures, reason } }, now);
      return { failures: row.failures, lockedUntil: row.lockedUntil, lockedNow };
    });
  }

  /**
   * Opens a web session for an authenticated account. The idle and absolute timeouts apply to every web session,
   * whatever the login method; an e-ID login also records the assurance level it was made at.
   */
  async openWebSession(acc: AccountRow, method: string, requestId: string, opts: { assuranceLevel?: AssuranceLevel | null } = {}) {
    const now = this.clock.now();
    const opened = await this.db.transaction((tx) => this.insertWebSession(tx, acc, method, requestId, now, opts.assuranceLevel ?? null));
    return { ...opened, account: this.publicAccount(acc, await this.grantsOf(acc.id)) };
  }

  private async insertWebSession(tx: DbOrTx, acc: AccountRow, method: string, requestId: string, now: Date, assuranceLevel: AssuranceLevel | null) {
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = new Date(now.getTime() + this.config.sessionAbsoluteHours * 3_600_000);
    await tx.update(accounts).set({ failedLogins: 0, lockedUntil: null }).where(eq(accounts.id, acc.id));
    const [s] = await tx
      .insert(sessions)
      .values({ tokenHash: tokenHash(token), kind: 'web', accountId: acc.id, label: method, csrfToken, assuranceLevel, createdAt: now, lastSeenAt: now, expiresAt })
      .returning({ id: sessions.id });
    await appendAudit(tx, { accountId: acc.id, kind: acc.kind, requestId }, { action: 'auth.login', targetType: 'session', targetId: s.id, after: { method, assuranceLevel } }, now);
    return { token, csrfToken, expiresAt, sessionId: s.id };
  }

  /**
   * e-ID login of a citizen: creates the account at the first login (keyed by the personal ID number), refreshes
   * name, date of birth and assurance level at later ones, and opens a web session — all in one transaction.
   */
  async loginCitizen(person: VerifiedCitizen, method: string, requestId: string) {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const [before] = await tx.select().from(accounts).where(eq(accounts.personalId, person.personalId));
      if (before && (before.kind !== 'citizen' || !before.active)) throw identityErrors.accountDisabled();
      const values = { displayName: person.fullName.normalize('NFC'), birthdate: person.birthdate, assuranceLevel: person.assuranceLevel, lastLoginAt: now, updatedAt: now };
      const [acc] = before
        ? await tx.update(accounts).set(values).where(eq(accounts.id, before.id)).returning()
        : await tx.insert(accounts).values({ kind: 'citizen', personalId: person.personalId, ...values, createdAt: now }).returning();
      const actor: Actor = { accountId: acc.id, kind: 'citizen', requestId };
      if (!before) await appendAudit(tx, actor, { action: 'account.citizen_created', targetType: 'account', targetId: acc.id, after: values }, now);
      else if (before.displayName !== acc.displayName || before.birthdate !== acc.birthdate || before.assuranceLevel !== acc.assuranceLevel) {
        await appendAudit(tx, actor, { action: 'account.citizen_updated', targetType: 'account', targetId: acc.id, before: { displayName: before.displayName, birthdate: before.birthdate, assuranceLevel: before.assuranceLevel }, after: values }, now);
      }
      const opened = await this.insertWebSession(tx, acc, method, requestId, now, person.assuranceLevel);
      return { ...opened, account: this.publicAccount(acc, []) };
    });
  }

  /** OpenID Connect login of an officer: the identity the provider vouched for must name exactly one active officer account (by username or e-mail). */
  async loginOfficer(usernameOrEmail: string, method: string, requestId: string, opts: { providerMfa?: boolean } = {}) {
    const rows = await this.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.kind, 'officer'), eq(accounts.active, true), sql`(lower(${accounts.username}) = lower(${usernameOrEmail}) or lower(${accounts.email}) = lower(${usernameOrEmail}))`))
      .limit(2);
    if (rows.length !== 1) {
      await this.recordLoginFailure(requestId, 'auth.oidc_login_failed', rows.length ? 'ambiguous_account' : 'no_account');
      throw eidErrors.officerNotFound();
    }
    // Single sign-on keeps the provider's own second factor: an account whose roles need one is let in only when the
    // provider says it checked one (its session is then marked so); MotCua cannot ask for its own in the redirect.
    if (opts.providerMfa) return this.openWebSession(rows[0], OIDC_MFA_METHOD, requestId);
    const required = this.config.mfaRequiredRoles;
    if ((await this.grantsOf(rows[0].id)).some((g) => required.includes(g.role))) {
      await this.recordLoginFailure(requestId, 'auth.oidc_login_failed', 'second_factor_not_checked');
      throw eidErrors.officerSecondFactorNotChecked();
    }
    return this.openWebSession(rows[0], method, requestId);
  }

  /** Audits a refused login. The reason code is the target id, readable in the log; details stay out of it. */
  async recordLoginFailure(requestId: string, action: string, reason: string) {
    const now = this.clock.now();
    await this.db.transaction((tx) => appendAudit(tx, { accountId: null, kind: 'anonymous', requestId }, { action, targetType: 'login', targetId: reason }, now));
  }

  publicAccount(a: AccountRow, grants: Grant[]) {
    return { id: a.id, kind: a.kind, username: a.username, displayName: a.displayName, email: a.email, active: a.active, lockedUntil: a.lockedUntil?.toISOString() ?? null, grants };
  }

  async logout(p: Principal, actor: Actor) {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, p.sessionId));
      await appendAudit(tx, actor, { action: 'auth.logout', targetType: 'session', targetId: p.sessionId }, now);
    });
    this.forgetAccount(p.accountId);
  }

  /** How a session was opened: `password`, `eid`, `oidc`, or a bearer token's label. */
  async sessionMethod(sessionId: string): Promise<string | null> {
    const [row] = await this.db.select({ label: sessions.label }).from(sessions).where(eq(sessions.id, sessionId));
    return row?.label ?? null;
  }

  /** The account's open sessions and tokens (neither revoked nor expired), newest first; `current` marks the caller's. */
  async listSessions(accountId: string, currentSessionId: string | null = null) {
    const now = this.clock.now();
    const rows = await this.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt), sql`(${sessions.expiresAt} is null or ${sessions.expiresAt} > ${now})`))
      .orderBy(sql`${sessions.lastSeenAt} desc`);
    return rows
      .filter((s) => s.kind === 'bearer' || this.live(s.lastSeenAt.getTime(), s.expiresAt?.getTime() ?? null, 'web', now.getTime()))
      .map((s) => ({ id: s.id, kind: s.kind, label: s.label, createdAt: s.createdAt.toISOString(), lastSeenAt: s.lastSeenAt.toISOString(), expiresAt: s.expiresAt?.toISOString() ?? null, current: s.id === currentSessionId }));
  }

  /**
   * Ends one open session or token of an account (an officer signing out a lost phone; an administrator ending a
   * session of an account she administers). 404 when it is not an open session of that account.
   */
  async revokeSession(accountId: string, sessionId: string, actor: Actor, tx: Tx): Promise<void> {
    const now = this.clock.now();
    const [s] = await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.id, sessionId), eq(sessions.accountId, accountId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id, kind: sessions.kind });
    if (!s) throw identityErrors.sessionNotFound();
    await appendAudit(tx, actor, { action: 'auth.session_revoked', targetType: 'session', targetId: s.id, after: { accountId, kind: s.kind } }, now);
  }

  /** An officer or system account the administrator administers (by its current roles), or 404/403. */
  async administered(admin: Principal, accountId: string): Promise<'platform_admin' | 'agency_admin'> {
    if (!/^[0-9a-f-]{36}$/i.test(accountId)) throw identityErrors.accountNotFound();
    const [acc] = await this.db.select({ kind: accounts.kind }).from(accounts).where(eq(accounts.id, accountId));
    if (!acc || acc.kind === 'citizen') throw identityErrors.accountNotFound();
    const grants = await this.grantsOf(accountId);
    const role = await this.checkCanGrant(admin, grants);
    // An account without roles belongs to no agency: only platform administrators manage it.
    if (!grants.length && role !== 'platform_admin') throw identityErrors.notAdminOf();
    return role;
  }

  async revokeAll(accountId: string, actor: Actor, outer?: Tx): Promise<number> {
    const now = this.clock.now();
    const n = await this.inTx(outer, async (tx) => {
      const revoked = await tx.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt))).returning({ id: sessions.id });
      await appendAudit(tx, actor, { action: 'auth.sessions_revoked', targetType: 'account', targetId: accountId, after: { count: revoked.length } }, now);
      return revoked.length;
    });
    this.forgetAccount(accountId);
    return n;
  }

  /** Platform admins may grant anything; agency admins only roles within their jurisdiction (not platform_admin). */
  private async checkCanGrant(admin: Principal, grants: GrantInput[], db: DbOrTx = this.db): Promise<'platform_admin' | 'agency_admin'> {
    if (admin.grants.some((g) => g.role === 'platform_admin')) return 'platform_admin';
    for (const g of grants) {
      if (g.role === 'platform_admin' || !(await this.directory.roleIn(admin, ['agency_admin'], g.agencyId, db))) throw identityErrors.notAdminOf();
    }
    return 'agency_admin';
  }

  /** Creates an account; in `outer` when given (a route's idempotent transaction), every read through it. */
  async createAccount(admin: Principal, actor: Actor, input: { kind: 'officer' | 'system'; username: string; displayName: string; email?: string | null; password?: string; grants: GrantInput[] }, outer?: Tx) {
    const db: DbOrTx = outer ?? this.db;
    const role = await this.checkCanGrant(admin, input.grants, db);
    if (input.grants.length === 0 && role !== 'platform_admin') throw identityErrors.notAdminOf();
    for (const g of input.grants) if (!(await this.directory.get(g.agencyId, db))) throw identityErrors.notAdminOf();
    if (input.password !== undefined) checkPasswordStrength(input.password);
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    const now = this.clock.now();
    return this.inTx(outer, async (tx) => {
      const taken = await tx.select({ id: accounts.id }).from(accounts).where(sql`lower(${accounts.username}) = lower(${input.username})`);
      if (taken.length) throw identityErrors.usernameTaken();
      const [acc] = await tx.insert(accounts).values({ kind: input.kind, username: input.username, displayName: input.displayName.normalize('NFC'), email: input.email ?? null, passwordHash, createdAt: now, updatedAt: now }).returning();
      if (input.grants.length) await tx.insert(roleGrants).values(input.grants.map((g) => ({ accountId: acc.id, role: g.role, agencyId: g.agencyId, includeSubAgencies: g.includeSubAgencies ?? false, grantedAt: now })));
      await appendAudit(tx, { ...actor, role }, { action: 'account.created', targetType: 'account', targetId: acc.id, after: { kind: acc.kind, username: acc.username, grants: input.grants } }, now);
      return this.publicAccount(acc, input.grants.map((g) => ({ ...g, includeSubAgencies: g.includeSubAgencies ?? false })));
    });
  }

  /** Replaces an account's roles; in `outer` when given (a route's idempotent transaction), every read through it. */
  async setGrants(admin: Principal, actor: Actor, accountId: string, grants: GrantInput[], outer?: Tx) {
    const db: DbOrTx = outer ?? this.db;
    const [acc] = await db.select().from(accounts).where(eq(accounts.id, accountId));
    if (!acc || acc.kind === 'citizen') throw identityErrors.accountNotFound();
    const before = await this.grantsOf(accountId, db);
    // An agency admin may only touch grants inside their jurisdiction, old ones as well as new ones.
    const role = await this.checkCanGrant(admin, [...before, ...grants], db);
    // Checked before writing: an id that is no agency is the caller's mistake (422 naming the grant), not a 500.
    const missing: number[] = [];
    for (const [i, g] of grants.entries()) if (!(await this.directory.get(g.agencyId, db))) missing.push(i);
    if (missing.length) throw identityErrors.unknownAgency(missing);
    const now = this.clock.now();
    await this.inTx(outer, async (tx) => {
      await tx.delete(roleGrants).where(eq(roleGrants.accountId, accountId));
      if (grants.length) await tx.insert(roleGrants).values(grants.map((g) => ({ accountId, role: g.role, agencyId: g.agencyId, includeSubAgencies: g.includeSubAgencies ?? false, grantedAt: now })));
      await appendAudit(tx, { ...actor, role }, { action: 'account.grants_set', targetType: 'account', targetId: accountId, before, after: grants }, now);
    });
    this.forgetAccount(accountId); // the caller with `outer` forgets again once it committed
    return this.publicAccount(acc, await this.grantsOf(accountId, db));
  }

  /** The cached principals of an account are dropped: its next request loads its roles again. */
  forget(accountId: string): void {
    this.forgetAccount(accountId);
  }

  /** Lifts a lock-out; in `outer` when given (a route's idempotent transaction), every read through it. */
  async unlock(admin: Principal, actor: Actor, accountId: string, outer?: Tx) {
    const db: DbOrTx = outer ?? this.db;
    const [acc] = await db.select().from(accounts).where(eq(accounts.id, accountId));
    if (!acc || acc.kind === 'citizen') throw identityErrors.accountNotFound();
    const role = await this.checkCanGrant(admin, await this.grantsOf(accountId, db), db);
    const now = this.clock.now();
    await this.inTx(outer, async (tx) => {
      await tx.update(accounts).set({ lockedUntil: null, failedLogins: 0, updatedAt: now }).where(eq(accounts.id, accountId));
      await appendAudit(tx, { ...actor, role }, { action: 'account.unlocked', targetType: 'account', targetId: accountId }, now);
    });
  }

  /** A bearer token for a system client; the secret is returned once and only its hash is kept. */
  async issueToken(admin: Principal, actor: Actor, accountId: string, label: string, expiresAt: Date | null) {
    const [acc] = await this.db.select().from(accounts).where(eq(accounts.id, accountId));
    if (!acc || acc.kind !== 'system') throw identityErrors.accountNotFound();
    const role = await this.checkCanGrant(admin, await this.grantsOf(accountId));
    const now = this.clock.now();
    const token = newToken();
    const id = await this.db.transaction(async (tx) => {
      const [s] = await tx.insert(sessions).values({ tokenHash: tokenHash(token), kind: 'bearer', accountId, label, createdAt: now, lastSeenAt: now, expiresAt }).returning({ id: sessions.id });
      await appendAudit(tx, { ...actor, role }, { action: 'account.token_issued', targetType: 'account', targetId: accountId, after: { label, sessionId: s.id } }, now);
      return s.id;
    });
    return { id, token, expiresAt: expiresAt?.toISOString() ?? null };
  }

  /** Runs `run` in the caller's transaction when there is one, else in its own. */
  private inTx<T>(outer: Tx | undefined, run: (tx: Tx) => Promise<T>): Promise<T> {
    return outer ? run(outer) : this.db.transaction(run);
  }

  async listAccounts(admin: Principal, kind?: AccountKind) {
    const isPlatform = admin.grants.some((g) => g.role === 'platform_admin');
    const visible = isPlatform ? null : await this.directory.agenciesFor(admin, ['agency_admin']);
    const rows = await this.db.select().from(accounts).where(kind ? eq(accounts.kind, kind) : inArray(accounts.kind, ['officer', 'system'])).orderBy(accounts.username).limit(1000);
    const allGrants = rows.length ? await this.db.select().from(roleGrants).where(inArray(roleGrants.accountId, rows.map((r) => r.id))) : [];
    const out = [];
    for (const a of rows) {
      const grants = allGrants.filter((g) => g.accountId === a.id).map((g) => ({ role: g.role, agencyId: g.agencyId, includeSubAgencies: g.includeSubAgencies }));
      if (visible && !grants.some((g) => visible.has(g.agencyId))) continue;
      out.push(this.publicAccount(a, grants));
    }
    return out;
  }

  // --- Contacts for the notification module ----------------------------------------------------------------------

  /** Kind, display name, e-mail and personal ID of accounts (for addressing notifications). */
  async contactsOf(ids: string[]): Promise<Array<{ id: string; kind: AccountKind; displayName: string; email: string | null; personalId: string | null }>> {
    if (!ids.length) return [];
    return this.db.select({ id: accounts.id, kind: accounts.kind, displayName: accounts.displayName, email: accounts.email, personalId: accounts.personalId }).from(accounts).where(and(inArray(accounts.id, ids), eq(accounts.active, true)));
  }

  /** The citizen account of a personal ID, if the person ever signed in. */
  async citizenAccountOf(personalId: string): Promise<string | null> {
    const [row] = await this.db.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.personalId, personalId), eq(accounts.kind, 'citizen'), eq(accounts.active, true)));
    return row?.id ?? null;
  }

  /** Active officers holding one of `roles` over `agencyId`: granted there, or on a parent with its sub-agencies. */
  async holdersOf(roles: readonly Role[], agencyId: string): Promise<string[]> {
    if (!roles.length) return [];
    const lineage = (await this.directory.lineage(agencyId)).map((a) => a.id);
    const rows = await this.db
      .selectDistinct({ id: roleGrants.accountId })
      .from(roleGrants)
      .innerJoin(accounts, eq(accounts.id, roleGrants.accountId))
      .where(and(inArray(roleGrants.role, [...roles]), eq(accounts.active, true), eq(accounts.kind, 'officer'), sql`(${roleGrants.agencyId} = ${agencyId} or (${roleGrants.includeSubAgencies} and ${inArray(roleGrants.agencyId, lineage.length ? lineage : [agencyId])}))`));
    return rows.map((r) => r.id);
  }

  /** Creates or updates a password account directly (seed data, CLI). */
  async upsertOfficer(tx: Db, input: { username: string; displayName: string; password: string; kind?: 'officer' | 'system'; grants: GrantInput[] }) {
    const now = this.clock.now();
    const passwordHash = await hashPassword(input.password);
    const [existing] = await tx.select().from(accounts).where(sql`lower(${accounts.username}) = lower(${input.username})`);
    const acc = existing
      ? (await tx.update(accounts).set({ passwordHash, displayName: input.displayName, updatedAt: now }).where(eq(accounts.id, existing.id)).returning())[0]
      : (await tx.insert(accounts).values({ kind: input.kind ?? 'officer', username: input.username, displayName: input.displayName, passwordHash, createdAt: now, updatedAt: now }).returning())[0];
    await tx.delete(roleGrants).where(eq(roleGrants.accountId, acc.id));
    if (input.grants.length) await tx.insert(roleGrants).values(input.grants.map((g) => ({ accountId: acc.id, role: g.role, agencyId: g.agencyId, includeSubAgencies: g.includeSubAgencies ?? false, grantedAt: now })));
    return acc;
  }
}

