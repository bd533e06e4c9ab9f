/**
 * Passkeys (khóa truy cập, WebAuthn) as an officer's second factor, on @simplewebauthn/server: the registration
 * and authentication ceremonies. The relying party is the host the request came to (rpID), and the origin the
 * browser signed must be that host's (scheme, host and port); the signature counter is kept per credential.
 */
import { and, eq, gt } from 'drizzle-orm';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Db, Tx } from '../../../platform/db/client';
import type { Clock } from '../../../platform/context';
import type { Actor } from '../../../platform/auth/actor';
import { appendAudit } from '../../../platform/audit/audit.service';
import { mfaErrors } from '../identity.errors';
import { mfaChallenges, webauthnCredentials, webauthnRegistrations } from './mfa.schema';
import { TOTP_ISSUER } from './mfa.service';

/** Where the request came: the relying party id (host name) and the origin expected in the signed client data. */
export interface RelyingParty {
  rpID: string;
  origin: string;
}

const CEREMONY_MS = 5 * 60_000;

export class WebAuthnService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async list(accountId: string) {
    const rows = await this.db.select().from(webauthnCredentials).where(eq(webauthnCredentials.accountId, accountId)).orderBy(webauthnCredentials.createdAt);
    return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null }));
  }

  async has(accountId: string, db: Db | Tx = this.db): Promise<boolean> {
    const [row] = await db.select({ id: webauthnCredentials.id }).from(webauthnCredentials).where(eq(webauthnCredentials.accountId, accountId)).limit(1);
    return !!row;
  }

  /** Options for navigator.credentials.create(); the challenge waits five minutes for the answer. */
  async registrationOptions(accountId: string, userName: string, displayName: string, rp: RelyingParty) {
    const now = this.clock.now();
    const existing = await this.db.select().from(webauthnCredentials).where(eq(webauthnCredentials.accountId, accountId));
    const options = await generateRegistrationOptions({
      rpName: TOTP_ISSUER,
      rpID: rp.rpID,
      userName,
      userDisplayName: displayName,
      userID: new TextEncoder().encode(accountId),
      attestationType: 'none',
      excludeCredentials: existing.map((c) => ({ id: c.id, transports: c.transports as AuthenticatorTransport[] })),
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    });
    const expiresAt = new Date(now.getTime() + CEREMONY_MS);
    await this.db
      .insert(webauthnRegistrations)
      .values({ accountId, challenge: options.challenge, expiresAt })
      .onConflictDoUpdate({ target: webauthnRegistrations.accountId, set: { challenge: options.challenge, expiresAt } });
    return options;
  }

  /** Verifies the browser's answer to the registration options and keeps the credential. */
  async register(actor: Actor & { accountId: string }, response: unknown, name: string, rp: RelyingParty) {
    const now = this.clock.now();
    const [pending] = await this.db.select().from(webauthnRegistrations).where(and(eq(webauthnRegistrations.accountId, actor.accountId), gt(webauthnRegistrations.expiresAt, now)));
    if (!pending) throw mfaErrors.enrolmentNotStarted();
    let verified;
    try {
      verified = await verifyRegistrationResponse({ response: response as RegistrationResponseJSON, expectedChallenge: pending.challenge, expectedOrigin: rp.origin, expectedRPID: rp.rpID, requireUserVerification: false });
    } catch {
      throw mfaErrors.passkeyRejected();
    }
    if (!verified.verified) throw mfaErrors.passkeyRejected();
    const c = verified.registrationInfo.credential;
    await this.db.transaction(async (tx) => {
      await tx.delete(webauthnRegistrations).where(eq(webauthnRegistrations.accountId, actor.accountId));
      await tx.insert(webauthnCredentials).values({ id: c.id, accountId: actor.accountId, publicKey: Buffer.from(c.publicKey).toString('base64url'), counter: c.counter, transports: c.transports ?? [], rpId: rp.rpID, name, createdAt: now });
      await appendAudit(tx, actor, { action: 'auth.second_factor_enrolled', targetType: 'account', targetId: actor.accountId, after: { method: 'webauthn', credentialId: c.id } }, now);
    });
    return { id: c.id, name, createdAt: now.toISOString(), lastUsedAt: null };
  }

  /** Options for navigator.credentials.get() in a login step; the challenge is kept with the login step. */
  async loginOptions(challenge: { id: string; accountId: string }, rp: RelyingParty) {
    const creds = await this.db.select().from(webauthnCredentials).where(and(eq(webauthnCredentials.accountId, challenge.accountId), eq(webauthnCredentials.rpId, rp.rpID)));
    if (!creds.length) throw mfaErrors.noPasskey();
    const options = await generateAuthenticationOptions({ rpID: rp.rpID, allowCredentials: creds.map((c) => ({ id: c.id, transports: c.transports as AuthenticatorTransport[] })), userVerification: 'preferred' });
    await this.db.update(mfaChallenges).set({ webauthnChallenge: options.challenge }).where(eq(mfaChallenges.id, challenge.id));
    return options;
  }

  /**
   * Checks a passkey's signed answer in the login's transaction: the login step's challenge, this host and origin,
   * a credential of this account; the counter moves forward in one conditional update (a cloned authenticator whose
   * counter does not grow is refused).
   */
  async consume(tx: Tx, challenge: { id: string; accountId: string }, response: unknown, rp: RelyingParty, now: Date): Promise<{ ok: true; method: 'webauthn' } | { ok: false; reason: 'wrong' }> {
    const [step] = await tx.select({ webauthnChallenge: mfaChallenges.webauthnChallenge }).from(mfaChallenges).where(eq(mfaChallenges.id, challenge.id));
    const credentialId = typeof (response as { id?: unknown })?.id === 'string' ? (response as { id: string }).id : '';
    const [cred] = credentialId ? await tx.select().from(webauthnCredentials).where(and(eq(webauthnCredentials.id, credentialId), eq(webauthnCredentials.accountId, challenge.accountId))) : [];
    if (!step?.webauthnChallenge || !cred || cred.rpId !== rp.rpID) return { ok: false, reason: 'wrong' };
    let result;
    try {
      result = await verifyAuthenticationResponse({
        response: response as AuthenticationResponseJSON,
        expectedChallenge: step.webauthnChallenge,
        expectedOrigin: rp.origin,
        expectedRPID: rp.rpID,
        credential: { id: cred.id, publicKey: new Uint8Array(Buffer.from(cred.publicKey, 'base64url')), counter: cred.counter, transports: cred.transports as AuthenticatorTransport[] },
        requireUserVerification: false,
      });
    } catch {
      return { ok: false, reason: 'wrong' };
    }
    if (!result.verified) return { ok: false, reason: 'wrong' };
    const moved = await tx
      .update(webauthnCredentials)
      .set({ counter: result.authenticationInfo.newCounter, lastUsedAt: now })
      .where(and(eq(webauthnCredentials.id, cred.id), eq(webauthnCredentials.counter, cred.counter)))
      .returning({ id: webauthnCredentials.id });
    if (!moved.length) return { ok: false, reason: 'wrong' };
    // The challenge of this ceremony is spent with the login step.
    await tx.update(mfaChallenges).set({ webauthnChallenge: null }).where(eq(mfaChallenges.id, challenge.id));
    return { ok: true, method: 'webauthn' };
  }
}
