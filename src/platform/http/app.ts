import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import helmet from '@fastify/helmet';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { AppContext } from '../context';
import { loggerOptions } from './logging';
import { validatorCompiler } from './validation';
import { sendClientError, sendProblem } from './problem';
import { platformErrors, errorRegistry } from './errors';
import { IDEMPOTENCY_ERRORS } from '../idempotency/idempotency.errors';
import { ProblemSchema } from './schemas';
import type { AccessPolicy } from '../auth/policy';
import { secondFactorRequired } from '../auth/auth.hook';

export type App = FastifyInstance<any, any, any, any, TypeBoxTypeProvider>;

const REQUEST_ID_RE = /^[A-Za-z0-9._-]{8,64}$/;
/** The Idempotency-Key request header, as documented on every operation that takes one. */
const IdempotencyKeyHeader = {
  type: 'string',
  pattern: '^[\\x21-\\x7e]{1,200}$',
  description:
    'Optional. A key chosen by the client (a UUID is typical) that makes a retry safe: the same caller sending the same request with the same key gets the first answer again (header Idempotent-Replayed: true) and nothing changes twice; the same key with another request is 422 idempotency.key_reused.',
};

/** Routes registered by the documentation plugins are public by declaration here. */
const DOCS_PREFIX = '/api/docs';

export interface RouteInfo {
  method: string | string[];
  url: string;
  policy: AccessPolicy | undefined;
  hasBody: boolean;
  bodySchema: unknown;
  /** The media types the route's body may have when it declares them (schema.consumes); JSON otherwise. */
  consumes: readonly string[] | undefined;
  /** The error codes the route declares it can answer (config.errors), or undefined when it declares none. */
  errors: readonly { code: string; status: number }[] | undefined;
  /** config.idempotency: whether a state-changing route takes an Idempotency-Key, or why not. */
  idempotency: 'key' | { exempt: string } | undefined;
}

/** Creates the Fastify instance with the platform's HTTP conventions; modules then register their routes. */
export async function createHttpServer(ctx: AppContext, opts: { logger?: boolean; logStream?: NodeJS.WritableStream } = {}): Promise<{ app: App; routes: RouteInfo[] }> {
  const app = Fastify({
    logger: opts.logger === false ? false : { ...(loggerOptions(ctx.config.logLevel) as object), ...(opts.logStream ? { stream: opts.logStream } : {}) },
    bodyLimit: ctx.config.bodyLimitBytes,
    genReqId: (req) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && REQUEST_ID_RE.test(h) ? h : randomUUID();
    },
    trustProxy: process.env.TRUST_PROXY === 'true',
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false } },
    // Errors Fastify raises before routing (a malformed URL, a bad content type) get the same problem answer.
    frameworkErrors: (err, req, reply) => sendProblem(req, reply, err),
    // …and so do the errors of the HTTP parser itself (431 headers too large, 408, 400).
    clientErrorHandler: (err, socket) => sendClientError(err as Error & { code?: string }, socket),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.decorateRequest('principal', null);

  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (r) => {
    if (r.url.startsWith(DOCS_PREFIX) || r.url === '/api/openapi.json') {
      r.config = { ...(r.config ?? {}), policy: { access: 'public' } };
    }
    routes.push({ method: r.method, url: r.url, policy: (r.config as any)?.policy, hasBody: !!r.schema?.body, bodySchema: r.schema?.body, consumes: (r.schema as { consumes?: string[] } | undefined)?.consumes, errors: (r.config as any)?.errors, idempotency: (r.config as any)?.idempotency });
  });

  // A route that declares no body takes none: anything sent is refused rather than silently ignored.
  app.addHook('preValidation', async (req) => {
    if (req.body !== undefined && req.body !== null && !req.routeOptions.schema?.body && !req.routeOptions.config?.streamedBody) {
      throw platformErrors.bodyNotAllowed({ vi: 'Địa chỉ này không nhận nội dung yêu cầu.', en: 'This route takes no request body.' });
    }
  });

  // A multipart body needs its boundary (RFC 2046: 1 to 70 characters); without one the parser cannot even start.
  app.addHook('preValidation', async (req) => {
    const ct = String(req.headers['content-type'] ?? '');
    if (/^\s*multipart\//i.test(ct)) {
      const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))\s*(?:;|$)/i.exec(ct);
      if (!m) throw platformErrors.badMultipart({ vi: 'Kiểu nội dung multipart thiếu tham số boundary.', en: 'The multipart content type has no boundary parameter.' });
    }
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        // Only an https installation asks browsers to upgrade; over plain http it would break every asset.
        upgradeInsecureRequests: ctx.config.publicUrl.startsWith('https:') ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'MotCua API',
        version: '0.1.0',
        description:
          'API của nền tảng một cửa điện tử MotCua — the MotCua one-stop-shop platform API. Errors are RFC 9457 problem details (application/problem+json) with a stable `code` and Vietnamese and English titles.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'motcua_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
        schemas: { Problem: ProblemSchema as any },
      },
    },
    transform: ({ schema, url, route }) => {
      const s: any = { ...(schema ?? {}) };
      const pol = (route.config as any)?.policy as AccessPolicy | undefined;
      if (pol && pol.access !== 'public') s.security = [{ session: [] }, { bearer: [] }];
      if (pol) {
        const who = pol.access === 'public' ? 'public' : pol.access === 'roles' ? `roles: ${pol.roles.join(', ')}` : `signed in${pol.accountKinds ? ` (${pol.accountKinds.join(', ')})` : ''}`;
        s.description = `${s.description ? `${s.description}\n\n` : ''}Access: ${who}.`;
      }
      // The codes this operation can answer, from its declared errors (config.errors) and the platform's.
      const idem = (route.config as any)?.idempotency as 'key' | { exempt: string } | undefined;
      const listed = (route.config as any)?.errors as { code: string; status: number }[] | undefined;
      // An operation that takes an Idempotency-Key can answer its refusals (malformed, reused, in progress).
      const beforeSecondFactor = (route.config as any)?.beforeSecondFactor === true;
      const declared = [...(listed ?? []), ...(idem === 'key' ? IDEMPOTENCY_ERRORS : []), ...(pol && pol.access !== 'public' && !beforeSecondFactor ? [secondFactorRequired] : [])];
      // Published whenever the route declares its errors, even none beyond the platform's (an empty list says so).
      if (listed) s['x-error-codes'] = [...new Set(declared.map((e) => e.code))].sort();
      if (idem === 'key') {
        const headers = s.headers ?? { type: 'object', properties: {} };
        s.headers = { ...headers, properties: { ...(headers.properties ?? {}), 'idempotency-key': IdempotencyKeyHeader } };
      } else if (idem) s['x-idempotency-exempt'] = idem.exempt;
      const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
      const byStatus = new Map<number, string[]>();
      for (const e of declared) byStatus.set(e.status, [...(byStatus.get(e.status) ?? []), e.code]);
      const responses: Record<string, unknown> = {};
      for (const [status, list] of [...byStatus].sort((a, b) => a[0] - b[0])) responses[String(status)] = { description: `Problem: ${[...new Set(list)].join(', ')}`, content: problem };
      s.response = { ...responses, ...(s.response ?? {}), '4XX': { description: 'Problem (validation_failed, unauthenticated, forbidden, not_found, rate_limited and the codes listed)', content: problem } };
      return { schema: s, url };
    },
  });
  // The documentation pages send their own policy: the UI's default one, asking browsers to upgrade to https only
  // on an https installation (over plain http an upgrade would break every asset of the page).
  const docsCsp = [
    "default-src 'self'",
    "base-uri 'self'",
    "font-src 'self' https: data:",
    "frame-ancestors 'self'",
    "img-src 'self' data: validator.swagger.io",
    "object-src 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    "style-src 'self' https:",
    ...(ctx.config.publicUrl.startsWith('https:') ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  await app.register(swaggerUi, { routePrefix: DOCS_PREFIX, staticCSP: `${docsCsp};`, uiConfig: { docExpansion: 'list', deepLinking: true } });
  // The document also lists every declared error code with its status and titles (the error registry).
  app.get('/api/openapi.json', { config: { policy: { access: 'public' } }, schema: { hide: true } }, async () => ({
    ...app.swagger(),
    'x-error-codes': [...errorRegistry().values()].sort((a, b) => a.code.localeCompare(b.code)),
  }));

  app.setErrorHandler((err, req, reply) => sendProblem(req, reply, err));
  app.setNotFoundHandler((req, reply) =>
    sendProblem(req, reply, platformErrors.notFound({ vi: `Không có địa chỉ ${req.method} ${req.url.split('?')[0]}.`, en: `No route ${req.method} ${req.url.split('?')[0]}.` })),
  );
  return { app, routes };
}
