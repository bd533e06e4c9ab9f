import { randomInt } from 'node:crypto';
import { and, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../../platform/db/client';
import type { Clock } from '../../../platform/context';
import type { Actor } from '../../../platform/auth/actor';
import { appendAudit } from '../../../platform/audit/audit.service';
import { newToken, tokenHash } from '../../../platform/auth/tokens';
import { mfaErrors } from '../identity.errors';
import { matchTotp, newTotpSecret, otpauthUri } from './totp';
import { WebAuthnService } from './webauthn.service';
import { mfaChallenges, mfaRecoveryCodes, mfaTotp, webauthnCredentials } from './mfa.schema';

export const TOTP_ISSUER = 'MotCua';
export const RECOVERY_CODE_COUNT = 10;
/** How long a password accepted waits for its second factor. */
export const CHALLENGE_MINUTES = 5;
export type SecondFactorMethod = 'totp' | 'recovery' | 'webauthn';

/** Recovery codes: 10 characters of an alphabet without look-alikes (0/O, 1/I/L), shown as XXXXX-XXXXX. */
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newRecoveryCode = () => {
  let s = '';
  for (let i = 0; i < 10; i++) s += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
};
const normaliseRecovery = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');
export const isTotpCode = (code: string) => /^\d{6}$/.test(code.replace(/\s/g, ''));

/**
 * Officers' second factor: TOTP enrolment and checks, one-time recovery codes, the short-lived challenges between a
 * password accepted and its second factor. Sessions and lock-out stay with the identity service that calls it.
 */
export class MfaService {
  /** Passkeys (WebAuthn). */
  readonly webauthn: WebAuthnService;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.webauthn = new WebAuthnService(db, clock);
  }

  /** Whether the account has a second factor: a confirmed authenticator app or a passkey. */
  async hasFactor(accountId: string, db: DbOrTx = this.db): Promise<boolean> {
    return (await this.methodsOf(accountId, db)).length > 0;
  }

  async methodsOf(accountId: string, db: DbOrTx = this.db): Promise<SecondFactorMethod[]> {
    const [totp] = await db.select({ id: mfaTotp.accountId }).from(mfaTotp).where(and(eq(mfaTotp.accountId, accountId), isNotNull(mfaTotp.confirmedAt)));
    const [passkey] = await db.select({ id: webauthnCredentials.id }).from(webauthnCredentials).where(eq(webauthnCredentials.accountId, accountId)).limit(1);
    return [...(totp ? (['totp', 'recovery'] as const) : []), ...(passkey ? (['webauthn'] as const) : [])];
  }

  async status(accountId: string) {
    const [totp] = await this.db.select().from(mfaTotp).where(eq(mfaTotp.accountId, accountId));
    const passkeys = await this.webauthn.list(accountId);
    const [left] = await this.db.select({ n: sql<number>`count(*)::int` }).from(mfaRecoveryCodes).where(and(eq(mfaRecoveryCodes.accountId, accountId), isNull(mfaRecoveryCodes.usedAt)));
    return { totp: { enrolled: !!totp?.confirmedAt, enrolledAt: totp?.confirmedAt?.toISOString() ?? null }, recoveryCodesLeft: totp?.confirmedAt ? Number(left?.n ?? 0) : 0, passkeys };
  }

  /** A new secret waiting for its first code (replacing any earlier one not confirmed); refused once enrolled. */
  async startTotp(actor: Actor & { accountId: string }, accountLabel: string) {
    const now = this.clock.now();
    const secret = newTotpSecret();
    await this.db.transaction(async (tx) => {
      const [existing] = await tx.select({ confirmedAt: mfaTotp.confirmedAt }).from(mfaTotp).where(eq(mfaTotp.accountId, actor.accountId));
      if (existing?.confirmedAt) throw mfaErrors.alreadyEnrolled();
      await tx
        .insert(mfaTotp)
        .values({ accountId: actor.accountId, secret, createdAt: now })
        .onConflictDoUpdate({ target: mfaTotp.accountId, set: { secret, createdAt: now, lastUsedStep: null }, setWhere: isNull(mfaTotp.confirmedAt) });
      await appendAudit(tx, actor, { action: 'auth.second_factor_enrolment_started', targetType: 'account', targetId: actor.accountId, after: { method: 'totp' } }, now);
    });
    return { secret, otpauthUri: otpauthUri(secret, TOTP_ISSUER, accountLabel) };
  }

  /** The first valid code confirms the secret; answers the recovery codes (shown once, kept hashed). */
  async confirmTotp(actor: Actor & { accountId: string }, code: string) {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const [pending] = await tx.select().from(mfaTotp).where(eq(mfaTotp.accountId, actor.accountId));
      if (!pending) throw mfaErrors.enrolmentNotStarted();
      if (pending.confirmedAt) throw mfaErrors.alreadyEnrolled();
      const step = matchTotp(pending.secret, code.replace(/\s/g, ''), now);
      if (step === null) throw mfaErrors.enrolmentCodeWrong();
      await tx.update(mfaTotp).set({ confirmedAt: now, lastUsedStep: step }).where(eq(mfaTotp.accountId, actor.accountId));
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.accountId, actor.accountId));
      await tx.insert(mfaRecoveryCodes).values(codes.map((c) => ({ accountId: actor.accountId, codeHash: tokenHash(normaliseRecovery(c)), createdAt: now })));
      await appendAudit(tx, actor, { action: 'auth.second_factor_enrolled', targetType: 'account', targetId: actor.accountId, after: { method: 'totp', recoveryCodes: codes.length } }, now);
      return { recoveryCodes: codes };
    });
  }

  /** A challenge for an account whose password was just accepted; only the SHA-256 of its id is kept. */
  async createChallenge(accountId: string) {
    const now = this.clock.now();
    const token = newToken();
    const expiresAt = new Date(now.getTime() + CHALLENGE_MINUTES * 60_000);
    await this.db.insert(mfaChallenges).values({ tokenHash: tokenHash(token), accountId, expiresAt, createdAt: now });
    return { challengeId: token, expiresAt };
  }

  /** The account of a live, unused challenge, or null. */
  async challengeAccount(challengeId: string): Promise<{ id: string; accountId: string } | null> {
    if (!challengeId || challengeId.length > 200) return null;
    const [row] = await this.db
      .select({ id: mfaChallenges.id, accountId: mfaChallenges.accountId })
      .from(mfaChallenges)
      .where(and(eq(mfaChallenges.tokenHash, tokenHash(challengeId)), isNull(mfaChallenges.usedAt), gt(mfaChallenges.expiresAt, this.clock.now())));
    return row ?? null;
  }

  /**
   * Checks a code in the login's transaction: a TOTP code (6 digits) moves the account's last used step forward in
   * one conditional update, so the same step cannot open two sessions, even in parallel; a recovery code is spent
   * in one conditional update. Answers the method used, or why it was refused.
   */
  async consume(tx: Tx, challenge: { id: string; accountId: string }, code: string, now: Date): Promise<{ ok: true; method: SecondFactorMethod } | { ok: false; reason: 'wrong' | 'replayed' }> {
    const accountId = challenge.accountId;
    let method: SecondFactorMethod;
    if (isTotpCode(code)) {
      const [totp] = await tx.select().from(mfaTotp).where(and(eq(mfaTotp.accountId, accountId), isNotNull(mfaTotp.confirmedAt)));
      const step = totp ? matchTotp(totp.secret, code.replace(/\s/g, ''), now) : null;
      if (step === null) return { ok: false, reason: 'wrong' };
      const moved = await tx
        .update(mfaTotp)
        .set({ lastUsedStep: step })
        .where(and(eq(mfaTotp.accountId, accountId), or(isNull(mfaTotp.lastUsedStep), lt(mfaTotp.lastUsedStep, step))))
        .returning({ id: mfaTotp.accountId });
      if (!moved.length) return { ok: false, reason: 'replayed' };
      method = 'totp';
    } else {
      const norm = normaliseRecovery(code);
      if (norm.length !== 10) return { ok: false, reason: 'wrong' };
      const spent = await tx
        .update(mfaRecoveryCodes)
        .set({ usedAt: now })
        .where(and(eq(mfaRecoveryCodes.accountId, accountId), eq(mfaRecoveryCodes.codeHash, tokenHash(norm)), isNull(mfaRecoveryCodes.usedAt)))
        .returning({ id: mfaRecoveryCodes.id });
      if (!spent.length) return { ok: false, reason: 'wrong' };
      method = 'recovery';
    }
    return { ok: true, method };
  }

  /** Spends a login step's challenge in the login's transaction; false if a parallel request spent it first. */
  async spendChallenge(tx: Tx, challengeId: string, now: Date): Promise<boolean> {
    const used = await tx.update(mfaChallenges).set({ usedAt: now }).where(and(eq(mfaChallenges.id, challengeId), isNull(mfaChallenges.usedAt))).returning({ id: mfaChallenges.id });
    return used.length > 0;
  }
}
