import * as oidc from 'openid-client';

/** A client registration at one OpenID provider, and where the provider sends the browser back. */
export interface RelyingPartySettings {
  issuer: string;
  clientId: string;
  /** Absent: a public client, protected by PKCE alone. */
  clientSecret?: string;
  scopes: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  /** How to reach the provider; the global fetch by default. */
  fetch?: oidc.CustomFetch;
}

/** Secrets of one login attempt, kept on the server between the redirect to the provider and the callback. */
export interface LoginSecrets {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export type RelyingPartyFailure =
  /** The provider could not be reached, or answered with something that is not OAuth. */
  | 'provider_unavailable'
  /** The provider sent the browser back with an error (e.g. the user cancelled: access_denied). */
  | 'provider_error'
  /** The token endpoint refused the code (used already, expired, wrong PKCE verifier…). */
  | 'code_rejected'
  /** The authorization response or the ID token failed validation (signature, iss, aud, exp, nonce, state…). */
  | 'token_invalid';

export class RelyingPartyError extends Error {
  constructor(
    readonly reason: RelyingPartyFailure,
    /** The provider's OAuth error code, when it sent one. */
    readonly providerError: string | null,
    options?: { cause?: unknown },
  ) {
    super(`OpenID login failed: ${reason}${providerError ? ` (${providerError})` : ''}`, options);
    this.name = 'RelyingPartyError';
  }
}

const UNAVAILABLE_CODES = new Set(['OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON']);

function classify(err: unknown): RelyingPartyError {
  if (err instanceof RelyingPartyError) return err;
  if (err instanceof oidc.AuthorizationResponseError) return new RelyingPartyError('provider_error', err.error, { cause: err });
  if (err instanceof oidc.ResponseBodyError) return new RelyingPartyError('code_rejected', err.error, { cause: err });
  const e = err as { name?: string; code?: string };
  if (err instanceof TypeError || e?.name === 'TimeoutError' || e?.name === 'AbortError' || (e?.code && UNAVAILABLE_CODES.has(e.code))) {
    return new RelyingPartyError('provider_unavailable', null, { cause: err });
  }
  return new RelyingPartyError('token_invalid', null, { cause: err });
}

/**
 * The platform as an OpenID Connect relying party (openid-client): authorization code flow with PKCE (S256), state
 * and nonce; ID token validation by openid-client (signature against the provider's JWKS — also for tokens from the
 * token endpoint —, issuer, audience, expiry, nonce); userinfo bound to the ID token's subject; RP-initiated logout. The provider's metadata is
 * discovered at first use and kept; a failed discovery is retried at the next login.
 */
export class RelyingParty {
  private configuration: Promise<oidc.Configuration> | null = null;

  constructor(readonly settings: RelyingPartySettings) {}

  /** http:// is accepted only where configuration allowed it (this machine or this server's own provider). */
  private get insecure(): boolean {
    return new URL(this.settings.issuer).protocol === 'http:';
  }

  private config(): Promise<oidc.Configuration> {
    const s = this.settings;
    this.configuration ??= oidc
      .discovery(new URL(s.issuer), s.clientId, { redirect_uris: [s.redirectUri], ...(s.clientSecret ? { client_secret: s.clientSecret } : {}) }, s.clientSecret ? oidc.ClientSecretBasic(s.clientSecret) : oidc.None(), {
        // Verify ID token signatures even when the token comes straight from the token endpoint (OIDC Core 3.1.3.7
        // would let TLS stand in for the signature; we do not rely on it).
        execute: this.insecure ? [oidc.enableNonRepudiationChecks, oidc.allowInsecureRequests] : [oidc.enableNonRepudiationChecks],
        timeout: 10,
        ...(s.fetch ? { [oidc.customFetch]: s.fetch } : {}),
      })
      .catch((err) => {
        this.configuration = null;
        throw new RelyingPartyError('provider_unavailable', null, { cause: err });
      });
    return this.configuration;
  }

  static newSecrets(): LoginSecrets {
    return { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
  }

  /** Where to send the browser to sign in. */
  async authorizationUrl(secrets: LoginSecrets): Promise<URL> {
    const config = await this.config();
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      state: secrets.state,
      nonce: secrets.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(secrets.codeVerifier),
      code_challenge_method: 'S256',
    });
  }

  /**
   * Validates the authorization response (state, issuer), exchanges the code with the PKCE verifier, validates the ID
   * token, and fetches userinfo for the same subject. Returns the claims, those of the signed ID token winning.
   */
  async completeLogin(callbackUrl: URL, secrets: LoginSecrets): Promise<Record<string, unknown>> {
    const config = await this.config();
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: secrets.codeVerifier,
        expectedState: secrets.state,
        expectedNonce: secrets.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new RelyingPartyError('token_invalid', null);
      const userinfo = config.serverMetadata().userinfo_endpoint && tokens.access_token ? await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub) : {};
      return { ...userinfo, ...idClaims };
    } catch (err) {
      throw classify(err);
    }
  }

  /** The provider's RP-initiated logout URL, or null when it has none. */
  async endSessionUrl(): Promise<URL | null> {
    const config = await this.config();
    if (!config.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(config, { client_id: this.settings.clientId, post_logout_redirect_uri: this.settings.postLogoutRedirectUri });
  }
}
