import type { IncomingMessage } from 'node:http';
import { Type } from 'typebox';
import { errors as oidcErrors } from 'oidc-provider';
import type { FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { App } from '../../../platform/http/app';
import type { AppContext } from '../../../platform/context';
import { policy } from '../../../platform/auth/policy';
import { appendAudit } from '../../../platform/audit/audit.service';
import { Obj } from '../../../platform/http/schemas';
import type { CitizenDirectory, CitizenRecord } from './citizen-directory';
import { isPersonalId } from '../../../shared/identity/personal-id';
import { BUILTIN_ACR, BUILTIN_CLAIMS, EID_PROVIDER_PATH, langOf, type BuiltinEidProvider, type EidCredentialVerifier } from './provider';
import { consentPage, errorPage, loginPage, type Lang } from './provider.pages';

const FORM_LIMIT_BYTES = 8 * 1024;
const HTML = 'text/html; charset=utf-8';

export interface ProviderDemo {
  /** Shown on the login page so a visitor can try the demo. */
  citizens: readonly CitizenRecord[];
  password: string;
}

const UidParams = Obj({ uid: Type.String({ pattern: '^[A-Za-z0-9_-]{10,64}$' }) });
const LangQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 5 })) });
const LangForm = Obj({ lang: Type.Optional(Type.String({ maxLength: 5 })) });
const LoginForm = Obj({
  personalId: Type.Optional(Type.String({ maxLength: 64 })),
  password: Type.Optional(Type.String({ maxLength: 256 })),
  lang: Type.Optional(Type.String({ maxLength: 5 })),
});

/**
 * Mounts the built-in e-ID provider under /oidc: our own interaction pages (login, consent) as Fastify routes that
 * parse HTML forms, and every other provider route handed, unparsed, to oidc-provider's Koa handler.
 */
export async function registerBuiltinProviderRoutes(
  app: App,
  ctx: AppContext,
  eid: BuiltinEidProvider,
  people: { citizens: CitizenDirectory; credentials: EidCredentialVerifier; demo: ProviderDemo | null },
) {
  const { citizens, credentials, demo } = people;
  const { provider } = eid;
  const base = EID_PROVIDER_PATH;
  const authLimit = { max: ctx.config.authRateLimitPerMinute, timeWindow: '1 minute' };

  const html = (reply: FastifyReply, status: number, body: string) => reply.status(status).type(HTML).header('cache-control', 'no-store').send(body);

  /** The interaction this browser is in, or null when its cookie is missing, expired or for another interaction. */
  const interactionOf = async (req: { raw: IncomingMessage; params: { uid: string } }, reply: FastifyReply) => {
    try {
      const details = await provider.interactionDetails(req.raw, reply.raw);
      return details.uid === req.params.uid ? details : null;
    } catch (err) {
      if (err instanceof oidcErrors.SessionNotFound) return null;
      throw err;
    }
  };

  const clientName = async (clientId: unknown) => {
    const client = typeof clientId === 'string' ? await provider.Client.find(clientId) : undefined;
    return client?.clientName ?? String(clientId ?? '');
  };

  const auditProvider = (requestId: string, action: string, reason: string) =>
    ctx.db.transaction((tx) => appendAudit(tx, { accountId: null, kind: 'anonymous', requestId }, { action, targetType: 'login', targetId: reason }, ctx.clock.now()));

  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });

    const renderLogin = async (lang: Lang, uid: string, client: unknown, extra: { personalId?: string; errors?: Parameters<typeof loginPage>[0]['errors'] } = {}) =>
      loginPage({ lang, uid, clientName: await clientName(client), basePath: base, demoCitizens: demo?.citizens ?? [], demoPassword: demo?.password ?? null, ...extra });

    scope.get(
      `${base}/interaction/:uid`,
      { config: { policy: policy.public(), errors: [] }, schema: { hide: true, operationId: 'eidProviderInteraction', description: 'HTML: the login or consent page of a pending interaction.', params: UidParams, querystring: LangQuery } },
      async (req, reply) => {
        const lang = langOf(req.query.lang);
        const details = await interactionOf(req, reply);
        if (!details) return html(reply, 400, errorPage(lang));
        if (details.prompt.name === 'login') return html(reply, 200, await renderLogin(lang, details.uid, details.params.client_id));
        if (details.prompt.name === 'consent') {
          const d = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
          const scopes = d.missingOIDCScope ?? [];
          const claims = [...scopes.flatMap((s) => (BUILTIN_CLAIMS as Record<string, readonly string[]>)[s] ?? []), ...(d.missingOIDCClaims ?? [])].filter((c) => c !== 'sub' && c !== 'auth_time');
          const person = details.session?.accountId ? await citizens.findByPersonalId(details.session.accountId) : null;
          return html(reply, 200, consentPage({ lang, uid: details.uid, clientName: await clientName(details.params.client_id), personName: person?.fullName ?? '', claims, basePath: base }));
        }
        return html(reply, 400, errorPage(lang));
      },
    );

    scope.post(
      `${base}/interaction/:uid/login`,
      { config: { policy: policy.public(), rateLimit: authLimit, errors: [], idempotency: { exempt: 'a step of the built-in e-ID provider’s browser form flow, bound to its one-time interaction' } }, schema: { hide: true, operationId: 'eidProviderLogin', description: 'HTML form post: checks the personal ID and password, then returns the browser to the provider (303).', params: UidParams, body: LoginForm } },
      async (req, reply) => {
        const lang = langOf(req.body.lang);
        const details = await interactionOf(req, reply);
        if (!details || details.prompt.name !== 'login') return html(reply, 400, errorPage(lang));
        const personalId = (req.body.personalId ?? '').replace(/\s+/g, '');
        const password = req.body.password ?? '';
        const errors = {
          ...(!personalId ? { personalId: 'missing' as const } : !isPersonalId(personalId) ? { personalId: 'format' as const } : {}),
          ...(!password ? { password: 'missing' as const } : {}),
        };
        if (Object.keys(errors).length) return html(reply, 400, await renderLogin(lang, details.uid, details.params.client_id, { personalId, errors }));
        const person = await credentials.checkPassword(personalId, password);
        if (!person) {
          await auditProvider(String(req.id), 'eid.provider_login_failed', 'bad_credentials');
          return html(reply, 401, await renderLogin(lang, details.uid, details.params.client_id, { personalId, errors: { form: 'bad_credentials' } }));
        }
        const returnTo = await provider.interactionResult(
          req.raw,
          reply.raw,
          { login: { accountId: person.personalId, acr: BUILTIN_ACR[person.assuranceLevel], amr: ['pwd'], remember: false } },
          { mergeWithLastSubmission: false },
        );
        return reply.redirect(returnTo, 303);
      },
    );

    scope.post(
      `${base}/interaction/:uid/confirm`,
      { config: { policy: policy.public(), errors: [], idempotency: { exempt: 'a step of the built-in e-ID provider’s browser form flow, bound to its one-time interaction' } }, schema: { hide: true, operationId: 'eidProviderConsent', description: 'HTML form post: grants the claims asked for, then returns the browser to the provider (303).', params: UidParams, body: LangForm } },
      async (req, reply) => {
        const lang = langOf(req.body.lang);
        const details = await interactionOf(req, reply);
        if (!details || details.prompt.name !== 'consent' || !details.session?.accountId) return html(reply, 400, errorPage(lang));
        const d = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
        const grant = details.grantId
          ? await provider.Grant.find(details.grantId)
          : new provider.Grant({ accountId: details.session.accountId, clientId: String(details.params.client_id) });
        if (!grant) return html(reply, 400, errorPage(lang));
        if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
        if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
        for (const [indicator, scopes] of Object.entries(d.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
        const grantId = await grant.save();
        const returnTo = await provider.interactionResult(req.raw, reply.raw, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return reply.redirect(returnTo, 303);
      },
    );

    scope.post(
      `${base}/interaction/:uid/abort`,
      { config: { policy: policy.public(), errors: [], idempotency: { exempt: 'a step of the built-in e-ID provider’s browser form flow, bound to its one-time interaction' } }, schema: { hide: true, operationId: 'eidProviderAbort', description: 'HTML form post: the person cancels; the browser goes back to the client with access_denied (303).', params: UidParams, body: LangForm } },
      async (req, reply) => {
        const details = await interactionOf(req, reply);
        if (!details) return html(reply, 400, errorPage(langOf(req.body.lang)));
        const returnTo = await provider.interactionResult(req.raw, reply.raw, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
        return reply.redirect(returnTo, 303);
      },
    );
  });

  // Everything else under /oidc is oidc-provider's: it parses its own bodies, so this scope parses none.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
    scope.all(`${base}/*`, { config: { policy: policy.public(), errors: [], idempotency: { exempt: 'the OpenID provider’s own protocol endpoints (codes and tokens are single-use by the protocol)' } }, schema: { hide: true, description: "oidc-provider's own endpoints (discovery, authorization, token, userinfo, JWKS, logout), handed its raw request." } }, (req, reply) => {
      reply.hijack();
      eid.handle(req.raw, reply.raw);
    });
  });
}
