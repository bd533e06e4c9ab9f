/**
 * The CKAN Action API v3 dispatcher: `/api/3/action/{name}` and `/api/action/{name}`, GET (read actions, query
 * string) and POST (a JSON object, or a form as CKAN reads one). These routes answer in CKAN's envelope — `{help, success: true, result}` or
 * `{help, success: false, error: {__type, message, …}}` with CKAN's status codes — not in the platform's
 * problem+json: CKAN clients (ckanapi, the CKAN harvester, ckanext-dcat) read that envelope. Only what fails before
 * an action runs (a body that is not JSON or a form, not an object, too large, of another media type; a malformed action
 * name) is answered by the platform as problem+json.
 */
import { Type } from 'typebox';
import { errorCodes, type FastifyReply, type FastifyRequest } from 'fastify';
import type { App } from '../../../platform/http/app';
import type { Principal } from '../../../platform/auth/policy';
import { policy } from '../../../platform/auth/policy';
import { CKAN_ERROR_STATUS, CkanError, type CkanActionDef, type CkanCaller } from './action';

/**
 * Who calls: the owner of the API token in `Authorization` (raw or `Bearer …`) or `X-CKAN-API-Key`, else a signed-in
 * officer who publishes, else nobody. Shared by the dispatcher and the DataStore's upload and download routes.
 */
export function ckanCallerOf(opts: Pick<CkanRouteOptions, 'resolveToken' | 'callerOfPrincipal'>): (req: FastifyRequest) => Promise<CkanCaller | null> {
  return async (req) => {
    const raw = req.headers.authorization ?? req.headers['x-ckan-api-key'];
    const token = typeof raw === 'string' ? raw.replace(/^Bearer\s+/i, '').trim() : '';
    if (token) {
      const c = await opts.resolveToken(token);
      if (c) return c;
    }
    if (req.principal && opts.callerOfPrincipal) return opts.callerOfPrincipal(req.principal);
    return null;
  };
}

export interface CkanRouteOptions {
  actions: CkanActionDef[];
  /** The caller behind an API token (sent raw in `Authorization`, as CKAN does, or as `Bearer …`), or null. */
  resolveToken(token: string): Promise<CkanCaller | null>;
  /** A signed-in platform account (web session or platform bearer token) as a caller; null when it publishes nothing. */
  callerOfPrincipal?(principal: Principal): Promise<CkanCaller | null>;
  baseUrl: string;
  now(): Date;
}

const ParamsSchema = Type.Object({ name: Type.String({ pattern: '^[A-Za-z0-9_]{1,100}$', description: 'The action name, e.g. package_search.' }) });
const BodySchema = Type.Record(Type.String(), Type.Unknown(), { description: 'The action parameters as one JSON object (CKAN data_dict).' });
const EnvelopeSchema = Type.Object(
  {
    help: Type.String({ description: 'The URL of the action’s documentation (help_show).' }),
    success: Type.Boolean(),
    result: Type.Optional(Type.Unknown()),
    error: Type.Optional(Type.Unknown()),
  },
  { description: 'CKAN’s response envelope.' },
);

const FORM = 'application/x-www-form-urlencoded';

/**
 * A form body as CKAN reads one (ckan/views/api.py `_get_request_data`): each field a string, a field given more than
 * once a list of its values; and a form of one field whose value is empty or `1` is JSON sent as a form (the old
 * ckanclient quoted its JSON into the body), read as that JSON — null when it is not valid JSON.
 */
export function formParams(text: string): Record<string, unknown> | null {
  const entries = [...new URLSearchParams(text)];
  if (entries.length === 1 && (entries[0]![1] === '' || entries[0]![1] === '1') && /^\s*\{/.test(entries[0]![0])) {
    try {
      const v: unknown = JSON.parse(entries[0]![0]);
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
  const out = new Map<string, string | string[]>();
  for (const [k, v] of entries) {
    const had = out.get(k);
    out.set(k, had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v]);
  }
  // Own data properties only (a `__proto__` field stays a field).
  return Object.fromEntries(out);
}

function send(reply: FastifyReply, status: number, body: unknown) {
  return reply.code(status).header('content-type', 'application/json;charset=utf-8').send(JSON.stringify(body));
}

function errorBody(help: string, err: CkanError) {
  return { help, success: false, error: { __type: err.type, message: err.message, ...(err.fields ?? {}) } };
}

export function registerCkanRoutes(app: App, opts: CkanRouteOptions): void {
  const byName = new Map<string, CkanActionDef>();
  const list = [...opts.actions];
  // help_show: CKAN's documentation of an action (the `help` URL of every answer points here).
  list.push({
    name: 'help_show',
    write: false,
    help: 'Return the help string for a particular API action.',
    async handler(params) {
      const a = byName.get(String(params.name ?? ''));
      if (!a) throw new CkanError('Not Found Error', `Không có thao tác này / Action function not found`);
      return a.help;
    },
  });
  for (const a of list) {
    if (byName.has(a.name)) throw new Error(`CKAN action ${a.name} registered twice`);
    byName.set(a.name, a);
  }
  const helpOf = (name: string) => `${opts.baseUrl}/api/3/action/help_show?name=${encodeURIComponent(name)}`;

  const callerOf = ckanCallerOf(opts);

  const handle = async (req: FastifyRequest<{ Params: { name: string }; Body?: Record<string, unknown>; Querystring: Record<string, unknown> }>, reply: FastifyReply) => {
    const name = req.params.name;
    const action = byName.get(name);
    if (!action) {
      // CKAN answers a bare JSON string here ("Bad request - Action name not known: x"); clients that require an
      // error object (ckanapi) get one.
      return send(reply, 400, { help: helpOf('help_show'), success: false, error: { __type: 'Bad request - Action name not known', message: `Bad request - Action name not known: ${name}` } });
    }
    const help = helpOf(name);
    if (req.method === 'GET' && action.write) {
      return send(reply, 400, { help, success: false, error: { __type: 'Bad request - JSON Error', message: 'Bad request - JSON Error: Invalid request. Please use POST method for your request' } });
    }
    const params: Record<string, unknown> = req.method === 'GET' ? { ...(req.query ?? {}) } : { ...(req.body ?? {}) };
    delete params.callback;
    const lang = req.headers['accept-language']?.toString().toLowerCase().startsWith('en') ? 'en' : 'vi';
    try {
      const caller = await callerOf(req);
      if (action.write && !caller) throw new CkanError('Authorization Error', 'Cần mã API hợp lệ / Access denied: an API token is required for this action');
      const result = await action.handler(params, { caller, lang, baseUrl: opts.baseUrl, now: opts.now() });
      return send(reply, 200, { help, success: true, result });
    } catch (err) {
      if (err instanceof CkanError) return send(reply, CKAN_ERROR_STATUS[err.type], errorBody(help, err));
      req.log.error({ err, action: name }, 'CKAN action failed');
      return send(reply, 500, { help, success: false, error: { __type: 'Internal Server Error', message: 'Internal Server Error' } });
    }
  };

  const names = list.map((a) => `\`${a.name}\`${a.write ? ' (POST, token)' : ''}`).join(', ');
  const description = `CKAN Action API v3 (open data). Answers in CKAN's envelope {help, success, result} / {help, success:false, error:{__type, message, …fields}} with CKAN's statuses (404 Not Found Error, 403 Authorization Error, 409 Validation Error, 400 Search Query Error or unknown action), NOT in the platform's problem+json — on purpose, for CKAN clients; POST takes a JSON object or a form (application/x-www-form-urlencoded: each field a string, a repeated field a list, a single JSON field read as JSON, as CKAN does); only a body that is neither, too large or of another media type is refused as problem+json before the action runs. Write actions need an API token in the Authorization header (raw, as CKAN sends it, or Bearer). Actions: ${names}.`;
  // CKAN clients also POST forms (`curl -d id=x`, `requests.post(url, data=…)`, the old ckanclient): in this scope only,
  // application/x-www-form-urlencoded is read as CKAN reads it (see formParams).
  app.register(async (scope: App) => {
    const json = scope.getDefaultJsonParser('error', 'error');
    scope.addContentTypeParser(FORM, { parseAs: 'string' }, (req, body, done) => {
      const text = String(body);
      // `curl -d '{"id": "x"}'` sends its JSON as a form: read it as the JSON it is.
      if (/^\s*[{[]/.test(text)) return json(req, text, done);
      const parsed = formParams(text);
      // A form holding one field that is broken JSON: refused as a malformed JSON body, as CKAN refuses it.
      if (parsed === null) return done(new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY(), undefined);
      done(null, parsed);
    });
    for (const prefix of ['/api/3/action', '/api/action']) {
      const v = prefix === '/api/3/action' ? '3' : '';
      scope.get(
        `${prefix}/:name`,
        {
          config: { policy: policy.public(), errors: [] },
          schema: { operationId: `ckanActionGet${v}`, tags: ['ckan'], summary: `CKAN action (GET)${v ? '' : ', unversioned'}`, description, params: ParamsSchema, response: { 200: EnvelopeSchema } },
        },
        handle,
      );
      scope.post(
        `${prefix}/:name`,
        {
          config: { policy: policy.public(), errors: [], idempotency: { exempt: 'CKAN protocol endpoint: CKAN clients send no Idempotency-Key, and read actions are POSTed too' } },
          schema: { operationId: `ckanActionPost${v}`, tags: ['ckan'], summary: `CKAN action (POST JSON or form)${v ? '' : ', unversioned'}`, description, consumes: ['application/json', FORM], params: ParamsSchema, body: BodySchema, response: { 200: EnvelopeSchema } },
        },
        handle,
      );
    }
  });
}
