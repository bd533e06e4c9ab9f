import { timingSafeEqual } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../../platform/db/client';
import type { Clock } from '../../../platform/context';
import type { Actor } from '../../../platform/auth/actor';
import type { Principal } from '../../../platform/auth/policy';
import { newToken, tokenHash } from '../../../platform/auth/tokens';
import type { AppError } from '../../../platform/http/errors';
import { eidErrors } from '../identity.errors';
import type { IdentityService } from '../identity.service';
import { oidcLoginRequests } from '../eid/eid.schema';
import { mapCitizenClaims, type ClaimMapping, type LevelValues } from './claims';
import { RelyingParty, RelyingPartyError } from './relying-party';
import { OIDC_MFA_METHOD } from '../identity.service';

/** Who logs in through a provider: citizens through the e-ID provider, officers through the officers' provider. */
export type OidcAudience = 'citizen' | 'officer';

/** How long a login may take at the provider before the pending request is dropped. */
export const LOGIN_REQUEST_TTL_MS = 10 * 60_000;

export interface CitizenLogin {
  rp: RelyingParty;
  claims: ClaimMapping;
  levels: LevelValues;
}

export interface OfficerLogin {
  rp: RelyingParty;
  /** Claim naming the officer's username or e-mail address. */
  claim: string;
  /** `amr` methods and `acr` values by which the provider says it checked a second factor. */
  mfaAmr: readonly string[];
  mfaAcr: readonly string[];
}

/** Whether the ID token says the provider checked a second factor (`amr`, RFC 8176, or a configured `acr`). */
export function providerCheckedSecondFactor(claims: Record<string, unknown>, login: Pick<OfficerLogin, 'mfaAmr' | 'mfaAcr'>): boolean {
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((m): m is string => typeof m === 'string') : [];
  if (amr.some((m) => login.mfaAmr.includes(m))) return true;
  return typeof claims.acr === 'string' && login.mfaAcr.includes(claims.acr);
}

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

/** Percent-decoded, or null when the escapes are malformed. */
function decoded(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/**
 * Only a path of this site. The check runs on what the browser will be sent — the NORMALISED path, query and
 * fragment, after URL parsing has resolved dot segments (`/.//evil`, `/a/..//evil`, `/%2e//evil` all normalise to
 * `//evil`, a protocol-relative URL to another host) — and on its percent-decoded form: the result must be a
 * same-origin absolute path that starts with one `/`, not `//` or `/\`, with no backslash or control character.
 */
export function safeReturnTo(value: string, publicUrl: string): string | null {
  if (value.length > 1000 || !value.startsWith('/') || value.startsWith('//') || UNSAFE.test(value)) return null;
  const base = new URL(publicUrl);
  let u: URL;
  try {
    u = new URL(value, base);
  } catch {
    return null;
  }
  if (u.origin !== base.origin || u.username || u.password) return null;
  const out = `${u.pathname}${u.search}${u.hash}`;
  const plain = decoded(out);
  if (plain === null || UNSAFE.test(plain)) return null;
  for (const form of [out, plain]) if (!form.startsWith('/') || form.startsWith('//') || form.startsWith('/\\')) return null;
  return out;
}

const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Login through an OpenID provider, in two steps around the browser's visit to it. The state, nonce and PKCE
 * verifier stay in the database; the browser holds only a random binding secret in an HTTP-only cookie, so a
 * callback is accepted only in the browser that started the login, once. Every refusal is audited.
 */
export class OidcLoginService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly identity: IdentityService,
    private readonly logins: { citizen: CitizenLogin | null; officer: OfficerLogin | null },
    private readonly publicUrl: string,
    private readonly log: FastifyBaseLogger,
  ) {}

  private rpFor(audience: OidcAudience): RelyingParty {
    const login = this.logins[audience];
    if (!login) throw eidErrors.notConfigured();
    return login.rp;
  }

  /** Starts a login: returns the provider URL to send the browser to and the binding secret to set as a cookie. */
  async begin(audience: OidcAudience, returnTo: string | undefined): Promise<{ redirectTo: string; binding: string }> {
    const target = safeReturnTo(returnTo ?? '/', this.publicUrl);
    if (!target) throw eidErrors.badReturnTo();
    const rp = this.rpFor(audience);
    const secrets = RelyingParty.newSecrets();
    let url: URL;
    try {
      url = await rp.authorizationUrl(secrets);
    } catch (err) {
      this.log.warn({ err, audience }, 'OpenID provider discovery failed');
      throw eidErrors.providerUnavailable();
    }
    const binding = newToken();
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await tx.delete(oidcLoginRequests).where(lt(oidcLoginRequests.expiresAt, now));
      await tx.insert(oidcLoginRequests).values({ bindingHash: tokenHash(binding), audience, ...secrets, returnTo: target, createdAt: now, expiresAt: new Date(now.getTime() + LOGIN_REQUEST_TTL_MS) });
    });
    return { redirectTo: url.href, binding };
  }

  /**
   * Finishes a login at the callback: consumes the pending request bound to this browser, checks the state, lets
   * the relying party validate the response and the ID token, maps the claims and opens a web session.
   */
  async complete(audience: OidcAudience, binding: string | undefined, query: string, requestId: string) {
    const rp = this.rpFor(audience);
    const refuse = async (reason: string, error: AppError, cause?: unknown) => {
      this.log.warn({ audience, reason, err: cause }, 'OpenID login refused');
      await this.identity.recordLoginFailure(requestId, audience === 'citizen' ? 'auth.eid_login_failed' : 'auth.oidc_login_failed', reason);
      return error;
    };
    const now = this.clock.now();
    const [pending] = binding
      ? await this.db.delete(oidcLoginRequests).where(and(eq(oidcLoginRequests.bindingHash, tokenHash(binding)), eq(oidcLoginRequests.audience, audience))).returning()
      : [];
    if (!pending) throw await refuse('no_login_request', eidErrors.loginRequestMissing());
    if (pending.expiresAt <= now) throw await refuse('login_request_expired', eidErrors.loginRequestMissing());

    const callbackUrl = new URL(rp.settings.redirectUri);
    callbackUrl.search = query;
    const state = callbackUrl.searchParams.get('state');
    if (!state || !sameText(state, pending.state)) throw await refuse('state_mismatch', eidErrors.stateMismatch());

    let claims: Record<string, unknown>;
    try {
      claims = await rp.completeLogin(callbackUrl, pending);
    } catch (err) {
      if (!(err instanceof RelyingPartyError)) throw err;
      const error =
        err.reason === 'provider_unavailable'
          ? eidErrors.providerUnavailable()
          : err.reason === 'provider_error'
            ? eidErrors.loginCancelled(err.providerError ?? 'error')
            : err.reason === 'code_rejected'
              ? eidErrors.codeRejected()
              : eidErrors.tokenInvalid();
      throw await refuse(err.reason, error, err.cause ?? err);
    }

    if (audience === 'citizen') {
      const login = this.logins.citizen!;
      const person = mapCitizenClaims(claims, login.claims, login.levels);
      if (!person) throw await refuse('claims_invalid', eidErrors.claimsInvalid());
      return { session: await this.identity.loginCitizen(person, 'eid', requestId), returnTo: pending.returnTo };
    }
    const officer = this.logins.officer!;
    const name = claims[officer.claim];
    if (typeof name !== 'string' || !name || name.length > 200) throw await refuse('claims_invalid', eidErrors.claimsInvalid());
    return { session: await this.identity.loginOfficer(name, 'oidc', requestId, { providerMfa: providerCheckedSecondFactor(claims, officer) }), returnTo: pending.returnTo };
  }

  /** Ends the platform session; returns the provider's logout URL when the session came from one that has it. */
  async logout(principal: Principal, actor: Actor): Promise<{ logoutUrl: string | null }> {
    const method = await this.identity.sessionMethod(principal.sessionId);
    await this.identity.logout(principal, actor);
    const login = method === 'eid' ? this.logins.citizen : method === 'oidc' || method === OIDC_MFA_METHOD ? this.logins.officer : null;
    if (!login) return { logoutUrl: null };
    try {
      return { logoutUrl: (await login.rp.endSessionUrl())?.href ?? null };
    } catch (err) {
      this.log.warn({ err }, 'OpenID provider logout URL unavailable');
      return { logoutUrl: null };
    }
  }
}
