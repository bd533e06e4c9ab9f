/**
 * A deterministic fuzzer for the HTTP API: every operation of the OpenAPI document receives generated bad requests
 * (mutated types, deep nesting, 10,000-element arrays, huge numbers, NUL and other control characters,
 * `__proto__`/`constructor` keys, wrong content types, multipart bodies without a boundary…), signed in with what
 * the route needs. Every answer must be below 500, and every error must be problem+json.
 *
 * Used by `test/faults/fuzz.test.ts` (a bounded run in the suite) and `scripts/fuzz.ts` (`npm run fuzz`).
 */
import { randomUUID } from 'node:crypto';
import { TestClient, type TestPlatform } from '../support/platform';
import { citizenClient } from '../support/identity/citizens';
import type { AccessPolicy } from '../../src/platform/auth/policy';

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

export interface Operation {
  method: string;
  /** OpenAPI path, `/api/dossiers/{id}`. */
  path: string;
  operationId: string;
  pathParams: { name: string; schema: any }[];
  queryParams: { name: string; schema: any; required: boolean }[];
  jsonBody: any | null;
  multipart: boolean;
  policy: AccessPolicy | undefined;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  mutation: string;
}

export interface Violation {
  operation: string;
  mutation: string;
  method: string;
  url: string;
  status: number;
  contentType: string;
  body: string;
}

export interface FuzzResult {
  operations: number;
  requests: number;
  status_5xx: number;
  non_problem: number;
  seed: number;
  violations: Violation[];
  /** Milliseconds spent per kind of mutation and per operation (to keep the suite's run short). */
  ms: { byMutation: Record<string, number>; byOperation: Record<string, number> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The operations of the OpenAPI document, with the access policy of the route behind each. */
export function operationsOf(doc: any, p: TestPlatform): Operation[] {
  const policies = new Map<string, AccessPolicy | undefined>();
  for (const r of p.routes) for (const m of [r.method].flat()) policies.set(`${m} ${r.url}`, r.policy);
  const resolve = (s: any): any => (s && typeof s.$ref === 'string' ? resolve(s.$ref.split('/').slice(1).reduce((o: any, k: string) => o?.[k], doc)) : s);
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
    if (path.startsWith('/api/docs')) continue;
    for (const m of METHODS) {
      const op = item[m];
      if (!op) continue;
      const params: any[] = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolve);
      const content = op.requestBody?.content ?? {};
      const fastifyUrl = path.replace(/\{(\w+)\}/g, ':$1');
      ops.push({
        method: m.toUpperCase(),
        path,
        operationId: op.operationId ?? `${m} ${path}`,
        pathParams: params.filter((x) => x.in === 'path').map((x) => ({ name: x.name, schema: resolve(x.schema) })),
        queryParams: params.filter((x) => x.in === 'query').map((x) => ({ name: x.name, schema: resolve(x.schema), required: !!x.required })),
        jsonBody: content['application/json'] ? resolve(content['application/json'].schema) : null,
        multipart: !!content['multipart/form-data'],
        policy: policies.get(`${m.toUpperCase()} ${fastifyUrl}`),
      });
    }
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------------------------
// Values

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).concat('\u007f');
const INVISIBLE = ['\u202e', '\u202a', '\u2066', '\u2069', '\u200e', '\u200f', '\u200b', '\u200c', '\u200d', '\ufeff'];
const HUGE_NUMBERS_RAW = ['1e309', '-1e309', '123456789012345678901234567890', '9007199254740993', '-0', '1e-400', '0.0000000000000000000001', '4294967296', '-2147483649', '1.5'];

function weirdString(r: Rng): string {
  switch (r.int(8)) {
    case 0:
      return `An${r.pick(C0)}Nguyen`;
    case 1:
      return '\u0000';
    case 2:
      return `Nguy${r.pick(INVISIBLE)}en`;
    case 3:
      return 'x'.repeat(r.pick([1000, 5000, 70_000]));
    case 4:
      return r.pick(['', ' ', '\t\n', '\ud800', '\udfff\ud800', '😀'.repeat(100), 'e\u0301'.repeat(10)]);
    case 5:
      return r.pick(['../../etc/passwd', "' or 1=1 --", '<script>alert(1)</script>', '${7*7}', '%00', '\\u0000', 'null', 'NaN']);
    case 6:
      return r.pick(['2025-02-30', '9999-99-99', '0000-00-00', '2025-13-01T25:61:61Z', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff']);
    default:
      return Array.from({ length: 20 }, () => String.fromCharCode(r.int(0x80))).join('');
  }
}

/** A value of a random wrong (or extreme) kind, as JSON text. */
function weirdJson(r: Rng): string {
  switch (r.int(10)) {
    case 0:
      return r.pick(HUGE_NUMBERS_RAW);
    case 1:
      return JSON.stringify(weirdString(r));
    case 2:
      return deepJson(r, r.pick([64, 1000, 5000]));
    case 3:
      return bigArray(r);
    case 4:
      return r.pick(['null', 'true', 'false', '0', '-1', '{}', '[]', '""', '[null]', '{"":""}']);
    case 5:
      return '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}';
    case 6:
      return JSON.stringify({ nested: { deeper: [1, 'two', null, { three: 3 }] } });
    case 7:
      return JSON.stringify([weirdString(r), weirdString(r)]);
    case 8:
      return String(r.pick([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 31, -(2 ** 31), 1e21, 3.14159]));
    default:
      return JSON.stringify(weirdString(r));
  }
}

function deepJson(r: Rng, depth: number): string {
  return r.chance(0.5) ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

function bigArray(r: Rng): string {
  const el = r.pick(['1', '"x"', '{}', 'null', '"00000000-0000-4000-8000-000000000000"', '{"a":1}']);
  return `[${Array(10_000).fill(el).join(',')}]`;
}

/** A plausible valid value for a schema (the starting point that mutations then break). */
function sample(schema: any, r: Rng, pool: Pool, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return r.pick(schema.enum);
  if (schema.anyOf || schema.oneOf) return sample(r.pick(schema.anyOf ?? schema.oneOf), r, pool, depth + 1);
  if (schema.allOf) return sample(schema.allOf[0], r, pool, depth + 1);
  const type = [schema.type].flat()[0];
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries<any>(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(k) || r.chance(0.5)) out[k] = sample(v, r, pool, depth + 1);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(schema.minItems ?? 0, r.int(2)) }, () => sample(schema.items, r, pool, depth + 1));
    case 'string':
      if (schema.format === 'uuid') return r.pick(pool.uuids);
      if (schema.format === 'date-time') return '2025-05-05T03:00:00Z';
      if (schema.format === 'email') return 'a@example.vn';
      if (schema.format === 'date' || /\\d\{4\}-/.test(schema.pattern ?? '')) return '2025-05-05';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return 'x';
  }
}

/** Every path to a leaf (or object) of a value, for replacing one of them. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (prefix.length) out.push(prefix);
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, Array.isArray(v) ? Number(k) : k], out);
  return out;
}

const MARK = '"\u0001__FUZZ__\u0001"';

/** The JSON text of `value` with the element at `at` replaced by raw JSON text. */
function replaceAt(value: unknown, at: (string | number)[], raw: string): string {
  if (!at.length) return raw;
  const copy = structuredClone(value) as any;
  let o = copy;
  for (const k of at.slice(0, -1)) o = o[k];
  o[at[at.length - 1]] = '\u0001__FUZZ__\u0001';
  return JSON.stringify(copy).replace(MARK, () => raw);
}

export interface Pool {
  uuids: string[];
  codes: string[];
}

function pathValue(param: { name: string; schema: any }, r: Rng, pool: Pool, bad: boolean): string {
  if (!bad) {
    if (param.schema?.format === 'uuid') return r.pick(pool.uuids);
    if (param.schema?.enum) return encodeURIComponent(String(r.pick(param.schema.enum)));
    return encodeURIComponent(r.pick(pool.codes));
  }
  return r.pick([
    '%00',
    'x%00y',
    '%01%02%1F',
    '%ZZ',
    '%C0%80',
    '%E2%80%AE',
    '%EF%BB%BF',
    '..%2F..%2Fetc',
    '..',
    'a'.repeat(300),
    '-1',
    '1e309',
    '99999999999999999999',
    '%F0%9F%98%80',
    '00000000-0000-4000-8000-00000000000',
    randomLikeUuid(r),
    '__proto__',
    'constructor',
    '%20',
    '%5C%5C',
  ]);
}

function randomLikeUuid(r: Rng) {
  const h = () => r.int(16).toString(16);
  return `${Array.from({ length: 8 }, h).join('')}-${Array.from({ length: 4 }, h).join('')}-4${Array.from({ length: 3 }, h).join('')}-8${Array.from({ length: 3 }, h).join('')}-${Array.from({ length: 12 }, h).join('')}`;
}

/** Percent-encoding that survives lone surrogates (sent as the bytes of an encoded surrogate, an invalid UTF-8 sequence). */
const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
};

function queryString(op: Operation, r: Rng, pool: Pool, mutate: boolean): string {
  const parts: string[] = [];
  for (const q of op.queryParams) {
    if (!q.required && !r.chance(0.5)) continue;
    const v = sample(q.schema, r, pool);
    parts.push(`${encodeURIComponent(q.name)}=${encodeURIComponent(String(v ?? 'x'))}`);
  }
  if (mutate) {
    const name = op.queryParams.length && r.chance(0.7) ? r.pick(op.queryParams).name : r.pick(['__proto__[polluted]', 'constructor[prototype][polluted]', 'unknown', 'q', 'limit', 'cursor']);
    const n = encodeURIComponent(name).replace(/%5B/g, '[').replace(/%5D/g, ']');
    const value = r.pick(['%00', 'a%00b', '%01', '%7F', '%ZZ', '%C0%80', '-1', '1e309', '99999999999999999999', 'NaN', 'true', '', enc(weirdString(r)), 'x'.repeat(5000), '%E2%80%AE']);
    if (r.chance(0.3)) parts.push(...Array.from({ length: r.pick([2, 50, 1000]) }, () => `${n}=${value}`));
    else parts.push(`${n}=${value}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

function urlOf(op: Operation, r: Rng, pool: Pool, badParam: boolean, mutateQuery: boolean): string {
  const bad = badParam && op.pathParams.length ? r.pick(op.pathParams).name : null;
  let url = op.path;
  for (const param of op.pathParams) url = url.replace(`{${param.name}}`, () => pathValue(param, r, pool, param.name === bad));
  return url + queryString(op, r, pool, mutateQuery);
}

/** Generates one bad request for an operation. */
export function generate(op: Operation, r: Rng, pool: Pool): FuzzRequest {
  const headers: Record<string, string> = {};
  const json = (payload: string, mutation: string, contentType = 'application/json'): FuzzRequest => ({ method: op.method, url: urlOf(op, r, pool, false, false), headers: { ...headers, 'content-type': contentType }, payload, mutation });
  const takesBody = op.method !== 'GET' && op.method !== 'DELETE';
  const kinds = ['path', 'query', 'header', 'content-type', 'body-on-get'];
  if (op.jsonBody) kinds.push('field', 'field', 'field', 'control', 'control', 'proto', 'deep', 'big-array', 'number', 'missing', 'malformed', 'top-level');
  if (op.multipart) kinds.push('multipart', 'multipart', 'multipart', 'multipart');
  if (takesBody && !op.jsonBody && !op.multipart) kinds.push('unexpected-body', 'unexpected-body');
  const kind = r.pick(kinds);
  const base = op.jsonBody ? sample(op.jsonBody, r, pool) : undefined;
  switch (kind) {
    case 'path':
      return { method: op.method, url: urlOf(op, r, pool, true, false), headers, ...(takesBody && base !== undefined ? { payload: JSON.stringify(base), headers: { 'content-type': 'application/json' } } : {}), mutation: 'path' };
    case 'query':
      return { method: op.method, url: urlOf(op, r, pool, false, true), headers, mutation: 'query' };
    case 'header': {
      const h: Record<string, string> = r.pick<Record<string, string>>([
        { 'idempotency-key': r.pick(['', ' ', 'x'.repeat(1000), 'a\u00e9b', '../../', '%00']) },
        { 'accept-language': r.pick(['xx', '*', 'en;q=abc', 'a'.repeat(2000)]) },
        { 'x-request-id': r.pick(['short', 'a'.repeat(500), '"><script>']) },
        { 'if-none-match': r.pick(['*', 'W/"x"', '""']) },
        { 'x-forwarded-for': r.pick(['1.2.3.4', 'not-an-ip', '::1, 999.999.1.1']) },
        { authorization: r.pick(['Bearer ', 'Bearer x', 'Basic Og==', 'Bearer ' + 'a'.repeat(3000)]) },
        { 'x-csrf-token': r.pick(['', 'wrong', 'a'.repeat(3000)]) },
      ]);
      const payload = takesBody && base !== undefined ? JSON.stringify(base) : undefined;
      return { method: op.method, url: urlOf(op, r, pool, false, false), headers: { ...headers, ...h, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(payload !== undefined ? { payload } : {}), mutation: `header:${Object.keys(h)[0]}` };
    }
    case 'content-type': {
      const ct = r.pick([
        'text/plain',
        'application/xml',
        'multipart/form-data',
        'multipart/form-data; boundary=',
        'multipart/form-data; boundary=zzz',
        'application/x-www-form-urlencoded',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'a/b/c',
        'application/octet-stream',
        'application/merge-patch+json',
        'application/problem+json',
        ';;;',
      ]);
      const payload = r.pick([JSON.stringify(base ?? {}), 'a=1&b=2', '<x/>', '--zzz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--zzz--\r\n', '\u0000\u0001']);
      return { method: op.method === 'GET' || op.method === 'DELETE' ? r.pick(['POST', op.method]) : op.method, url: urlOf(op, r, pool, false, false), headers: { 'content-type': ct }, payload, mutation: `content-type:${ct}` };
    }
    case 'body-on-get':
    case 'unexpected-body':
      return { method: op.method, url: urlOf(op, r, pool, false, false), headers: { 'content-type': 'application/json' }, payload: r.pick(['{}', '{"a":1}', 'null', '[]', '"x"', weirdJson(r)]), mutation: kind };
    case 'field': {
      const ps = paths(base);
      if (!ps.length) return json(`{${JSON.stringify(weirdString(r))}:${weirdJson(r)}}`, 'field:new');
      const at = r.pick(ps);
      return json(replaceAt(base, at, weirdJson(r)), `field:${at.join('.')}`);
    }
    case 'control': {
      const ps = paths(base).filter((pp) => typeof pp.reduce((o: any, k) => o?.[k], base) === 'string');
      const ch = r.chance(0.7) ? r.pick(C0) : r.pick(INVISIBLE);
      if (!ps.length) return json(replaceAt(base ?? {}, ['x'], JSON.stringify(`a${ch}b`)), 'control:new');
      const at = r.pick(ps);
      const v = String(at.reduce((o: any, k) => o?.[k], base));
      return json(replaceAt(base, at, JSON.stringify(`${v}${ch}${v}`)), `control:${at.join('.')}:U+${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
    }
    case 'proto': {
      const text = JSON.stringify(base ?? {});
      const inject = r.pick(['"__proto__":{"polluted":true}', '"constructor":{"prototype":{"polluted":true}}', '"__proto__":null', '"prototype":{}', '"hasOwnProperty":1', '"toString":"x"']);
      return json(text === '{}' ? `{${inject}}` : text.replace(/^\{/, `{${inject},`), `proto:${inject.slice(1, 12)}`);
    }
    case 'deep': {
      const ps = paths(base);
      const raw = deepJson(r, r.pick([100, 1000, 10_000]));
      return ps.length && r.chance(0.6) ? json(replaceAt(base, r.pick(ps), raw), 'deep:field') : json(raw, 'deep:body');
    }
    case 'big-array': {
      const ps = paths(base);
      return ps.length && r.chance(0.7) ? json(replaceAt(base, r.pick(ps), bigArray(r)), 'big-array:field') : json(bigArray(r), 'big-array:body');
    }
    case 'number': {
      const ps = paths(base);
      const raw = r.pick(HUGE_NUMBERS_RAW);
      return json(ps.length ? replaceAt(base, r.pick(ps), raw) : raw, `number:${raw}`);
    }
    case 'missing': {
      const obj = base && typeof base === 'object' && !Array.isArray(base) ? { ...(base as Record<string, unknown>) } : {};
      const keys = Object.keys(obj);
      if (keys.length) delete obj[r.pick(keys)];
      return json(JSON.stringify(obj), 'missing');
    }
    case 'malformed':
      return json(r.pick(['{', '{"a":', '{"a":1,}', "{'a':1}", '{"a":1}}', '\u0000', '{"a":"\\u0000"}', '{"a":"\\ud800"}', 'NaN', '{"a":NaN}', '{"a":Infinity}', '\ufeff{}', ' ', '']), 'malformed');
    case 'top-level':
      return json(r.pick(['[]', '"x"', '1', 'null', 'true', '[{}]', bigArray(r)]), 'top-level');
    case 'multipart':
    default:
      return multipart(op, r, pool);
  }
}

function multipart(op: Operation, r: Rng, pool: Pool): FuzzRequest {
  const url = urlOf(op, r, pool, false, false);
  const b = 'fuzzboundary';
  const part = (name: string, value: string | Buffer, filename?: string) =>
    Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${name}"${filename !== undefined ? `; filename="${filename}"` : ''}\r\n${filename !== undefined ? 'Content-Type: application/pdf\r\n' : ''}\r\n`), Buffer.from(value), Buffer.from('\r\n')]);
  const end = Buffer.from(`--${b}--\r\n`);
  const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
  const variant = r.int(10);
  switch (variant) {
    case 0:
      return { method: op.method, url, headers: { 'content-type': 'multipart/form-data' }, payload: Buffer.concat([part('documentId', 'x'), end]), mutation: 'multipart:no-boundary' };
    case 1:
      return { method: op.method, url, headers: { 'content-type': 'multipart/form-data; boundary=' }, payload: 'garbage', mutation: 'multipart:empty-boundary' };
    case 2:
      return { method: op.method, url, headers: { 'content-type': `multipart/form-data; boundary=${b}` }, payload: 'not multipart at all', mutation: 'multipart:garbage' };
    case 3:
      return { method: op.method, url, headers: { 'content-type': `multipart/form-data; boundary=${b}` }, payload: Buffer.concat([part('documentId', 'x')]), mutation: 'multipart:truncated' };
    case 4:
      return { method: op.method, url, headers: { 'content-type': `multipart/form-data; boundary=${b}` }, payload: Buffer.concat([part('documentId', `a${r.pick(C0)}b`), part('file', pdf, `t${r.pick(C0)}.pdf`), end]), mutation: 'multipart:control' };
    case 5:
      return { method: op.method, url, headers: { 'content-type': `multipart/form-data; boundary=${b}` }, payload: Buffer.concat([...Array.from({ length: 20 }, (_, i) => part(`f${i}`, 'x')), end]), mutation: 'multipart:many-parts' };
    case 6:
      return { method: op.method, url, headers: { 'content-type': `multipart/form-data; boundary=${b}` }, payload: Buffer.concat([part('__proto__', 'x'), part('constructor', 'y'), part('file', pdf, '../../../etc/passwd'), end]), mutation: 'multipart:proto' };
    case 7:
      return { method: op.method, url, headers: { 'content-type': `multipart/form-data; boundary=${b}` }, payload: Buffer.concat([part('documentId', 'x'.repeat(5000)), part('file', pdf, 'x'.repeat(2000)), end]), mutation: 'multipart:long' };
    case 8:
      return { method: op.method, url, headers: { 'content-type': `multipart/form-data; boundary=${b}` }, payload: Buffer.concat([part('file', Buffer.alloc(0), ''), part('documentId', ''), end]), mutation: 'multipart:empty' };
    default:
      return { method: op.method, url, headers: { 'content-type': `multipart/form-data; boundary="${b}"; charset=utf-7` }, payload: Buffer.concat([part('documentId', '\u202e\u200b'), part('kind', 'x'), end]), mutation: 'multipart:odd-header' };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Running

interface Creds {
  headers: Record<string, string>;
}

/** Sessions for each kind of caller, fresh for every operation (a fuzzed logout must not spoil the next ones). */
class Callers {
  private officerId!: string;
  private bearer!: string;
  constructor(private readonly p: TestPlatform) {}

  async setUp() {
    const admin = await this.p.loginAs('admin');
    const agencies = (await this.p.anonymous().get('/api/agencies')).json() as any[];
    const root = agencies.find((a) => !a.parentId).id;
    const roles = ['platform_admin', 'agency_admin', 'receiving_officer', 'specialist', 'approver', 'result_officer', 'inspector'];
    const grants = roles.map((role) => ({ role, agencyId: root, includeSubAgencies: true }));
    const officer = await admin.post('/api/admin/accounts', { kind: 'officer', username: 'fuzz.officer', displayName: 'Fuzz officer', password: 'FuzzOfficer-2026', grants });
    if (officer.statusCode !== 201) throw new Error(`fuzz officer: ${officer.body}`);
    this.officerId = officer.json().id;
    const system = await admin.post('/api/admin/accounts', { kind: 'system', username: 'fuzz.system', displayName: 'Fuzz system', grants });
    this.bearer = (await admin.post(`/api/admin/accounts/${system.json().id}/tokens`, { label: 'fuzz' })).json().token;
    return [this.officerId, system.json().id as string];
  }

  private officerClient: TestClient | null = null;
  private logins = 0;

  /** The officer's session, signed in again only when a fuzzed request ended it (logout, revoke-all). */
  async officer(): Promise<Creds> {
    const token = this.officerClient?.creds.cookie?.replace(/^motcua_session=/, '');
    if (!token || !(await this.p.services.identity.resolve(token, 'web'))) {
      // From an address of its own, so that the fuzzed login route's rate limit does not refuse it.
      const res = await this.p.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'fuzz.officer', password: 'FuzzOfficer-2026' }, remoteAddress: `10.99.0.${++this.logins % 250}` });
      if (res.statusCode !== 200) throw new Error(`fuzz officer login: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'motcua_session')!;
      this.officerClient = new TestClient(this.p, { cookie: `motcua_session=${cookie.value}`, csrf: res.json().csrfToken });
    }
    return { headers: this.officerClient!.headers() };
  }

  async citizen(): Promise<Creds> {
    const c = await citizenClient(this.p, '031085001234');
    return { headers: c.headers() };
  }

  system(): Creds {
    return { headers: { authorization: `Bearer ${this.bearer}` } };
  }

  async for(policy: AccessPolicy | undefined): Promise<Creds> {
    if (!policy || policy.access === 'public') return { headers: {} };
    if (policy.access === 'roles') return this.officer();
    const kinds = policy.accountKinds;
    // Routes open to citizens are fuzzed as a citizen (the owner of the dossiers in the pool), others as the officer.
    if (!kinds) return this.officer();
    if (kinds.includes('citizen')) return this.citizen();
    if (kinds.includes('officer')) return this.officer();
    if (kinds.includes('system')) return this.system();
    return this.officer();
  }
}

/** Ids that exist, so that fuzzed requests also reach past the lookups. */
async function poolOf(p: TestPlatform, exclude: string[]): Promise<Pool> {
  const uuids = new Set<string>(['00000000-0000-4000-8000-000000000000']);
  const agencies = (await p.anonymous().get('/api/agencies')).json() as any[];
  for (const a of agencies.slice(0, 10)) uuids.add(a.id);
  const admin = await p.loginAs('admin');
  const listed = (await admin.get('/api/admin/accounts')).json() as { id: string }[] | { items: { id: string }[] };
  for (const a of (Array.isArray(listed) ? listed : listed.items).slice(0, 20)) if (!exclude.includes(a.id)) uuids.add(a.id);
  const citizen = await citizenClient(p, '031085001234');
  const procedures = (await p.anonymous().get('/api/procedures')).json() as any;
  const list: any[] = Array.isArray(procedures) ? procedures : (procedures.items ?? []);
  const root = agencies.find((a) => a.code === '000.00.21.H38') ?? agencies[0];
  const draft = await citizen.post('/api/dossiers', { procedure: 'birth-re-registration', agencyId: root.id, data: {} });
  if (draft.statusCode === 201) uuids.add(draft.json().id);
  const codes = ['birth-re-registration', '000.00.21.H38', ...list.slice(0, 5).map((x) => x.code ?? x.id).filter(Boolean), '2025-05-05', 'x'];
  return { uuids: [...uuids], codes };
}

async function inParallel<T>(items: T[], n: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.max(1, n) }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

export async function runFuzz(p: TestPlatform, opts: { seed: number; perOperation: number; concurrency?: number; onProgress?: (done: number, total: number) => void }): Promise<FuzzResult> {
  const doc = (await p.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  const ops = operationsOf(doc, p);
  const callers = new Callers(p);
  const mine = await callers.setUp();
  const pool = await poolOf(p, mine);
  const r = rng(opts.seed);
  const result: FuzzResult = { operations: ops.length, requests: 0, status_5xx: 0, non_problem: 0, seed: opts.seed, violations: [], ms: { byMutation: {}, byOperation: {} } };
  let done = 0;
  for (const op of ops) {
    const creds = await callers.for(op.policy);
    // Generated in order from the seed (reproducible), then sent a few at a time.
    const batch = Array.from({ length: opts.perOperation }, () => generate(op, r, pool));
    await inParallel(batch, opts.concurrency ?? 1, async (req) => {
      const headers: Record<string, string> = { ...creds.headers, ...req.headers, 'idempotency-key': req.headers['idempotency-key'] ?? randomUUID() };
      const t0 = performance.now();
      const res = await p.app.inject({ method: req.method as any, url: req.url, headers, ...(req.payload !== undefined ? { payload: req.payload } : {}) });
      const spent = performance.now() - t0;
      const kind = req.mutation.split(':')[0];
      result.ms.byMutation[kind] = (result.ms.byMutation[kind] ?? 0) + spent;
      result.ms.byOperation[op.operationId] = (result.ms.byOperation[op.operationId] ?? 0) + spent;
      result.requests++;
      const ct = String(res.headers['content-type'] ?? '');
      // A path outside /api that no route matches falls to the web app's pages; without a built web app (as in
      // tests) that page is a 503 "not built" notice, which says nothing about the API.
      const webNotBuilt = res.statusCode === 503 && !req.url.startsWith('/api/') && res.body.includes('The web app is not built');
      const is5xx = res.statusCode >= 500 && !webNotBuilt;
      // The CKAN Action API answers errors in CKAN's own envelope (its clients read `error.__type`), by design.
      const ckanError = (): boolean => {
        try {
          const b = JSON.parse(res.body) as { success?: unknown; error?: { __type?: unknown } };
          return ct.startsWith('application/json') && b.success === false && typeof b.error?.__type === 'string';
        } catch {
          return false;
        }
      };
      const expectedError = op.path.startsWith('/api/3/action/') || op.path.startsWith('/api/action/') ? ct.startsWith('application/problem+json') || ckanError() : ct.startsWith('application/problem+json');
      const nonProblem = res.statusCode >= 400 && !webNotBuilt && !expectedError;
      if (is5xx) result.status_5xx++;
      if (nonProblem) result.non_problem++;
      if (is5xx || nonProblem) {
        result.violations.push({ operation: op.operationId, mutation: req.mutation, method: req.method, url: req.url.slice(0, 200), status: res.statusCode, contentType: ct, body: res.body.slice(0, 300) });
      }
    });
    opts.onProgress?.(++done, ops.length);
  }
  return result;
}
