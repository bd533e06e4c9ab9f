import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider, { type ClientMetadata, type Configuration, type JWK, type KoaContextWithOIDC } from 'oidc-provider';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../../platform/db/client';
import type { AssuranceLevel } from '../assurance';
import type { CitizenDirectory, CitizenRecord } from './citizen-directory';
import { DrizzleProviderAdapter } from './provider.adapter';
import { loadOrCreateSecret, newSigningKey, randomSecret } from './provider.secrets';
import { errorPage, loggedOutPage, logoutPage, type Lang } from './provider.pages';

/** Where the built-in provider is mounted; its issuer is PUBLIC_URL + this path. */
export const EID_PROVIDER_PATH = '/oidc';
/** The portal's own client at the built-in provider, registered at start-up. */
export const PORTAL_CLIENT_ID = 'motcua-portal';
export const PORTAL_CLIENT_NAME = 'Cổng dịch vụ công MotCua';

/** `acr` values the built-in provider puts in ID tokens, one per VNeID assurance level. */
export const BUILTIN_ACR: Record<AssuranceLevel, string> = { 1: 'urn:motcua:eid:level1', 2: 'urn:motcua:eid:level2' };

/**
 * Claims released per scope by the built-in provider (named like the platform's default claim mapping). `acr` (the
 * assurance level) and `auth_time` go with `openid`, so every ID token states them.
 */
export const BUILTIN_CLAIMS = { openid: ['sub', 'acr', 'auth_time'], profile: ['name', 'birthdate', 'personal_id'] } as const;

/** Checks what a person types on the provider's login page. The demo list does it today. */
export interface EidCredentialVerifier {
  checkPassword(personalId: string, password: string): Promise<CitizenRecord | null>;
}

export interface BuiltinProviderOptions {
  db: Db;
  publicUrl: string;
  citizens: CitizenDirectory;
  /** Trust X-Forwarded-* (behind a reverse proxy), as the HTTP server does. */
  trustProxy: boolean;
  log: FastifyBaseLogger;
}

export interface BuiltinEidProvider {
  provider: Provider;
  issuer: string;
  /** The provider's HTTP handler for requests under EID_PROVIDER_PATH (the path is stripped here); bodies unparsed. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  portalClient: { clientId: string; clientSecret: string; redirectUri: string; postLogoutRedirectUri: string };
}

/** The language of a provider page: `?lang=en` or `lang=en` in a form, Vietnamese otherwise. */
export const langOf = (v: unknown): Lang => (v === 'en' ? 'en' : 'vi');

/**
 * The built-in e-ID provider (a stand-in for VNeID in demos and tests): oidc-provider with its artefacts, signing keys
 * and cookie keys in the platform database, and one registered client, the portal itself.
 */
export async function createBuiltinProvider(opts: BuiltinProviderOptions): Promise<BuiltinEidProvider> {
  const { db, publicUrl, citizens } = opts;
  const issuer = `${publicUrl}${EID_PROVIDER_PATH}`;
  const jwks = await loadOrCreateSecret<{ keys: JWK[] }>(db, 'eid.provider.jwks', () => ({ keys: [newSigningKey()] }));
  const cookieKeys = await loadOrCreateSecret<string[]>(db, 'eid.provider.cookie_keys', () => [randomSecret(), randomSecret()]);
  const clientSecret = await loadOrCreateSecret<string>(db, 'eid.provider.portal_client_secret', () => randomSecret());
  const portalClient = {
    clientId: PORTAL_CLIENT_ID,
    clientSecret,
    redirectUri: `${publicUrl}/api/auth/eid/callback`,
    postLogoutRedirectUri: `${publicUrl}/`,
  };
  const clients: ClientMetadata[] = [
    {
      client_id: portalClient.clientId,
      client_secret: portalClient.clientSecret,
      client_name: PORTAL_CLIENT_NAME,
      redirect_uris: [portalClient.redirectUri],
      post_logout_redirect_uris: [portalClient.postLogoutRedirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'ES256',
    },
  ];

  const sweepState = { last: 0 };
  const configuration: Configuration = {
    adapter: (model: string) => new DrizzleProviderAdapter(db, model, sweepState),
    clients,
    jwks,
    cookies: { keys: cookieKeys, long: { signed: true, path: EID_PROVIDER_PATH }, short: { signed: true } },
    claims: { openid: [...BUILTIN_CLAIMS.openid], profile: [...BUILTIN_CLAIMS.profile] },
    scopes: ['openid', 'profile'],
    // Authorization code flow only: no tokens through the browser.
    responseTypes: ['code'],
    acrValues: Object.values(BUILTIN_ACR),
    async findAccount(_ctx: KoaContextWithOIDC, sub: string) {
      const person = await citizens.findByPersonalId(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, name: person.fullName, birthdate: person.birthdate, personal_id: person.personalId }),
      };
    },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `${EID_PROVIDER_PATH}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = logoutPage(langOf(ctx.query.lang), form);
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage(langOf(ctx.query.lang));
        },
      },
    },
    pkce: { required: () => true },
    clientBasedCORS: () => false,
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(langOf(ctx.query.lang), typeof out.error_description === 'string' ? out.error_description : undefined);
    },
    ttl: {
      AccessToken: 10 * 60,
      AuthorizationCode: 60,
      IdToken: 10 * 60,
      Interaction: 15 * 60,
      Session: 60 * 60,
      Grant: 30 * 24 * 60 * 60,
    },
  };

  const provider = new Provider(issuer, configuration);
  provider.proxy = opts.trustProxy;
  provider.on('server_error', (_ctx, err) => opts.log.error({ err }, 'e-ID provider error'));
  const koa = provider.callback();
  const handle = (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) => {
    // oidc-provider finds its mount path by comparing originalUrl with the url it is given.
    req.originalUrl = req.url;
    req.url = req.url!.slice(EID_PROVIDER_PATH.length) || '/';
    void koa(req, res);
  };
  return { provider, issuer, handle, portalClient };
}
