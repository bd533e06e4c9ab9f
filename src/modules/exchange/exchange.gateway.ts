/**
 * The gateway (X-Road's security server, REST): the provider side serves `/r1/{service}[/path]` to other nodes, the
 * client side forwards local consumers' requests (and `ExchangeClient.call` from this node's own code) to the
 * provider node.
 *
 * Nodes authenticate each other by SIGNED REQUESTS rather than mutual TLS. The reasons: (1) a signature is kept in
 * the message log and in the transparency log and can be checked offline years later, which a TLS session cannot
 * (X-Road itself signs every message on top of TLS for this reason); (2) it survives the TLS-terminating reverse
 * proxies and load balancers provinces put in front of their servers, where mutual TLS would end at the proxy;
 * (3) keys rotate with a global-configuration version, without re-issuing certificates or restarting listeners.
 * Transport encryption stays the job of HTTPS between the nodes. Each request signs method, path, client, service,
 * X-Road-Id, time, a nonce and the body's hash with the client node's Ed25519 key listed in the global
 * configuration; the provider refuses stale times and reused nonces (replays). Each answer is signed by the
 * provider, bound to the request's hash.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { asc, gt, sql, type SQL } from 'drizzle-orm';
import { leafInsert } from '../../platform/tlog/tlog.append';
import { leafData } from '../../shared/tlog';
import type { LeafSource } from '../tlog';
import type { Db, DbOrTx } from '../../platform/db/client';
import {
  bodyHash,
  confExpired,
  formatServiceId,
  formatSubsystemId,
  memberOf,
  parseServicePath,
  parseSubsystemId,
  refuseIncoming,
  requestHash,
  requestSigningInput,
  responseSigningInput,
  subsystemOf,
  xroadErrorBody,
  XROAD_ERRORS,
  type XRoadErrorName,
} from '../../shared/exchange';
import type { ExchangeConfig } from '../../config';
import { exchangeMessages, exchangeNonces } from './exchange.schema';
import { claimNonce, type AccessRights } from './exchange.access';
import type { GlobalConfHolder } from './exchange.globalconf';
import { signBytes, verifyBytes, type NodeKeys } from './exchange.keys';
import { METASERVICES, type ExchangeService, type ServiceAnswer, type ServiceCall } from './exchange.services';

/** A request or answer as the gateway sees it (bytes, lower-case header names). */
export interface GatewayRequest {
  method: string;
  /** Path and query, from `/r1/`. */
  url: string;
  headers: Record<string, string | undefined>;
  body: Buffer;
}
export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

type MessageRow = typeof exchangeMessages.$inferInsert;

const json = (v: unknown) => Buffer.from(JSON.stringify(v));

/** X-Road headers a request carries (lower case), as signed and hashed; bodies' content type too. */
const PASSED = ['x-road-client', 'x-road-id', 'x-road-userid', 'x-road-issue', 'x-motcua-purpose'] as const;

export class Gateway {
  private lastUnknownKeyRefresh = 0;

  constructor(
    private readonly db: Db,
    private readonly cfg: ExchangeConfig,
    readonly conf: GlobalConfHolder,
    readonly keys: NodeKeys,
    readonly services: Map<string, ExchangeService>,
    readonly access: AccessRights,
    private readonly now: () => Date,
    /** Asked when a client's key is unknown: the authority may have published a rotation this node has not fetched. */
    private readonly refreshConf: () => Promise<unknown> = async () => undefined,
  ) {}

  get id(): string {
    return this.cfg.id;
  }

  // ─── Provider side ──────────────────────────────────────────────────────────────────────────────────────────

  async serve(req: GatewayRequest): Promise<GatewayResponse> {
    const t0 = performance.now();
    const at = this.now();
    const h = req.headers;
    const [pathOnly, queryString = ''] = req.url.split('?', 2) as [string, string?];
    const parsed = parseServicePath(pathOnly.replace(/^\/r1\//, ''));
    const client = h['x-road-client'] ?? '';
    const xRoadId = h['x-road-id'] || randomUUID();
    const reqHash = requestHash(h, req.body);
    const base: Omit<MessageRow, 'status' | 'durationMs'> = {
      id: randomUUID(),
      at,
      direction: 'in',
      xRoadId,
      client: client.slice(0, 300) || '(none)',
      service: parsed ? formatServiceId(parsed.service) : pathOnly.slice(0, 300),
      method: req.method,
      path: req.url.slice(0, 1000),
      userId: h['x-road-userid'] ?? null,
      issue: h['x-road-issue'] ?? null,
      purpose: h['x-motcua-purpose'] ?? null,
      requestHash: reqHash,
      requestSignature: h['x-motcua-signature'] ?? null,
      requestKey: h['x-motcua-key'] ?? null,
    };
    const refuse = async (name: XRoadErrorName, detail: string) => {
      const res = this.errorResponse(name, detail, { xRoadId, client, service: base.service, requestId: base.id, requestHash: reqHash });
      await this.log({ ...base, status: res.status, error: XROAD_ERRORS[name].type, durationMs: Math.round(performance.now() - t0) }, req.body, res.body);
      return res;
    };
    if (!parsed || !parseSubsystemId(client)) return refuse('badRequest', !parsed ? 'expected /r1/{instance}/{class}/{member}/{subsystem}/{service}[/path]' : 'X-Road-Client must be {instance}/{class}/{member}/{subsystem}');
    if (formatSubsystemId(subsystemOf(parsed.service)) !== this.cfg.id) return refuse('unknownService', `this node is ${this.cfg.id}`);
    const code = parsed.service.serviceCode;
    const meta = METASERVICES.has(code);
    const svc = this.services.get(code);
    const facts = async () => ({
      now: at,
      conf: this.conf.conf,
      client,
      keyId: h['x-motcua-key'],
      signatureValid: (pk: string) =>
        verifyBytes(pk, requestSigningInput({ method: req.method, path: req.url, client, service: base.service, xRoadId, timestamp: h['x-motcua-timestamp'] ?? '', nonce: h['x-motcua-nonce'] ?? '', bodyHash: h['x-motcua-body-hash'] ?? '', userId: h['x-road-userid'], issue: h['x-road-issue'], purpose: h['x-motcua-purpose'] }), h['x-motcua-signature'] ?? ''),
      bodyHashMatches: h['x-motcua-body-hash'] === bodyHash(req.body),
      timestamp: h['x-motcua-timestamp'],
      skewSeconds: this.cfg.skewSeconds,
      service: { exists: meta || !!svc, personalData: !!svc?.personalData },
      accessGranted: meta || (!!svc && (await this.access.allowed(code, client))),
      purpose: h['x-motcua-purpose'],
      issue: h['x-road-issue'],
    });
    let refusal = refuseIncoming(await facts());
    if (refusal?.name === 'unknownKey' && Date.now() - this.lastUnknownKeyRefresh > 10_000) {
      // A key rotated since our last fetch: fetch once, then decide.
      this.lastUnknownKeyRefresh = Date.now();
      await this.refreshConf();
      refusal = refuseIncoming(await facts());
    }
    if (refusal) return refuse(refusal.name, refusal.detail);
    const clientName = memberOf(this.conf.conf!, client)?.name ?? client;
    const call: ServiceCall = { method: req.method, rest: parsed.rest, query: new URLSearchParams(queryString), body: req.body, client, clientName, purpose: base.purpose ?? null, issue: base.issue ?? null, userId: base.userId ?? null, xRoadId, at };
    const nonce = h['x-motcua-nonce'] ?? '';
    let answer: ServiceAnswer;
    let replayed = false;
    const finish = (a: ServiceAnswer) => {
      const body = json(a.body);
      return this.signedResponse(a.status, body, { xRoadId, client, service: base.service, requestId: base.id, requestHash: reqHash });
    };
    try {
      if (meta) answer = await this.metaservice(code, call);
      else if (!svc!.transactional) {
        // Read-only services on other modules' own connections: the nonce first (a replay runs nothing), then the read.
        if (!(await claimNonce(this.db, client, nonce, at))) return refuse('replayed', `nonce ${nonce}`);
        answer = await svc!.handle(this.db, call);
      } else answer = { status: 0, body: null };
    } catch (e) {
      return refuse('serviceFailed', (e as Error).message.slice(0, 200));
    }
    if (!meta && svc!.transactional) {
      // The nonce, the service's reads (and the subject's access-log rows), the message-log row and its log leaf:
      // one transaction. A failure leaves none of them.
      let res: GatewayResponse | null = null;
      try {
        // Round trips: the service's statement(s), then ONE statement claiming the nonce and writing the message row and
        // its leaf. A replay (the nonce already claimed, or claimed by a concurrent request that committed first)
        // rolls the whole transaction back: its read and access-log rows are undone, nothing of it remains.
        await this.db.transaction(async (tx) => {
          answer = await svc!.handle(tx, call);
          res = finish(answer);
          const row: MessageRow = { ...base, subjectType: answer.subject?.type ?? null, subjectId: answer.subject?.id ?? null, status: res.status, responseHash: res.headers['x-motcua-response-hash'], responseSignature: res.headers['x-motcua-signature'], durationMs: Math.round(performance.now() - t0) };
          const claim = tx.insert(exchangeNonces).values({ client, nonce, at }).onConflictDoNothing().returning({ n: exchangeNonces.nonce }).getSQL();
          const out = await tx.execute(sql`with n as (${claim}), m as (${this.messagesInsert(tx, [{ row, reqBody: req.body, resBody: res.body }])}), l as (${this.leavesInsert(tx, [row])}) select count(*)::int as n from n`);
          if (Number((out as unknown as { rows: Array<{ n: number }> }).rows[0]?.n ?? 0) !== 1) {
            replayed = true;
            throw new Replayed();
          }
        });
      } catch (e) {
        if (!(e instanceof Replayed)) return refuse('serviceFailed', (e as Error).message.slice(0, 200));
      }
      if (replayed) return refuse('replayed', `nonce ${nonce}`);
      return res!;
    }
    const res = finish(answer!);
    await this.log({ ...base, status: res.status, responseHash: res.headers['x-motcua-response-hash'], responseSignature: res.headers['x-motcua-signature'], durationMs: Math.round(performance.now() - t0) }, req.body, res.body);
    return res;
  }

  private async metaservice(code: string, c: ServiceCall): Promise<ServiceAnswer> {
    const list = [...this.services.values()];
    const item = (s: ExchangeService) => ({ serviceCode: s.code, serviceId: `${this.cfg.id}/${s.code}`, title: s.title, personalData: s.personalData, serviceType: 'OPENAPI' });
    if (code === 'listMethods') return { status: 200, body: { service: list.map(item) } };
    if (code === 'allowedMethods') {
      const out = [];
      for (const s of list) if (await this.access.allowed(s.code, c.client)) out.push(item(s));
      return { status: 200, body: { service: out } };
    }
    const s = this.services.get(c.query.get('serviceCode') ?? '');
    return s ? { status: 200, body: s.openapi } : { status: 404, body: { error: 'not_found', detail: 'serviceCode' } };
  }

  private signedResponse(status: number, body: Buffer, m: { xRoadId: string; client: string; service: string; requestId: string; requestHash: string }): GatewayResponse {
    const key = this.keys.signingKey(memberOf(this.conf.conf!, this.cfg.id)?.keys ?? []);
    const bh = bodyHash(body);
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-road-client': m.client,
      'x-road-id': m.xRoadId,
      'x-road-service': m.service,
      'x-road-request-id': m.requestId,
      'x-road-request-hash': m.requestHash,
      'x-motcua-response-hash': bh,
    };
    if (key) {
      headers['x-motcua-key'] = key.id;
      headers['x-motcua-signature'] = signBytes(key.private, responseSigningInput({ requestHash: m.requestHash, requestId: m.requestId, status, bodyHash: bh }));
    }
    return { status, headers, body };
  }

  errorResponse(name: XRoadErrorName, detail: string, m: { xRoadId: string; client: string; service: string; requestId: string; requestHash?: string }): GatewayResponse {
    const e = XROAD_ERRORS[name];
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'x-road-error': e.type, 'x-road-id': m.xRoadId, 'x-road-service': m.service, 'x-road-request-id': m.requestId };
    if (m.client) headers['x-road-client'] = m.client;
    if (m.requestHash) headers['x-road-request-hash'] = m.requestHash;
    return { status: e.status, headers, body: json(xroadErrorBody(name, detail)) };
  }

  // ─── Client side ────────────────────────────────────────────────────────────────────────────────────────────

  /** A local consumer's request (`/r1/…` on this node, without a node signature): allowed addresses only, as this node's subsystem. */
  async forwardLocal(req: GatewayRequest, remoteAddress: string): Promise<GatewayResponse> {
    const client = req.headers['x-road-client'] || this.cfg.id;
    if (!this.cfg.localClients.includes(remoteAddress) || client !== this.cfg.id) {
      return this.errorResponse('localClientRefused', `from ${remoteAddress} as ${client}; allowed: EXCHANGE_LOCAL_CLIENTS as ${this.cfg.id}`, { xRoadId: req.headers['x-road-id'] || randomUUID(), client, service: req.url, requestId: randomUUID() });
    }
    return this.forward(req);
  }

  /** Signs and sends a request to the provider node; checks the answer's signature; logs both. */
  async forward(req: GatewayRequest): Promise<GatewayResponse> {
    const t0 = performance.now();
    const at = this.now();
    const [pathOnly] = req.url.split('?', 1) as [string];
    const parsed = parseServicePath(pathOnly.replace(/^\/r1\//, ''));
    const xRoadId = req.headers['x-road-id'] || randomUUID();
    const service = parsed ? formatServiceId(parsed.service) : pathOnly;
    const out: Record<string, string> = {};
    for (const k of PASSED) {
      const v = req.headers[k];
      if (v) out[k] = v;
    }
    out['x-road-client'] = this.cfg.id;
    out['x-road-id'] = xRoadId;
    const base: Omit<MessageRow, 'status' | 'durationMs' | 'requestHash'> = { id: randomUUID(), at, direction: 'out', xRoadId, client: this.cfg.id, service, method: req.method, path: req.url.slice(0, 1000), userId: out['x-road-userid'] ?? null, issue: out['x-road-issue'] ?? null, purpose: out['x-motcua-purpose'] ?? null };
    const fail = async (name: XRoadErrorName, detail: string, requestHashValue = '') => {
      const res = this.errorResponse(name, detail, { xRoadId, client: this.cfg.id, service, requestId: base.id });
      await this.log({ ...base, requestHash: requestHashValue || requestHash(out, req.body), status: res.status, error: XROAD_ERRORS[name].type, durationMs: Math.round(performance.now() - t0) }, req.body, res.body);
      return res;
    };
    if (!parsed) return fail('badRequest', 'expected /r1/{instance}/{class}/{member}/{subsystem}/{service}[/path]');
    const conf = this.conf.conf;
    if (!conf || confExpired(conf, at)) return fail('clientNoGlobalConf', conf ? `version ${conf.version} expired at ${conf.expiresAt}` : 'none fetched yet');
    const self = memberOf(conf, this.cfg.id);
    if (!self || self.status !== 'active') return fail('selfSuspended', `${this.cfg.id}: ${self?.status ?? 'not a member'}`);
    const providerId = formatSubsystemId(subsystemOf(parsed.service));
    const provider = memberOf(conf, providerId);
    if (!provider) return fail('unknownProvider', providerId);
    if (provider.status !== 'active') return fail('providerSuspended', `${providerId}: ${provider.status}`);
    const key = this.keys.signingKey(self.keys);
    if (!key) return fail('clientNoGlobalConf', 'this node has no exchange key (motcua exchange join)');
    const bh = bodyHash(req.body);
    out['x-motcua-timestamp'] = at.toISOString();
    out['x-motcua-nonce'] = randomBytes(16).toString('base64url');
    out['x-motcua-body-hash'] = bh;
    out['x-motcua-key'] = key.id;
    out['x-motcua-signature'] = signBytes(key.private, requestSigningInput({ method: req.method, path: req.url, client: this.cfg.id, service, xRoadId, timestamp: out['x-motcua-timestamp'], nonce: out['x-motcua-nonce'], bodyHash: bh, userId: out['x-road-userid'], issue: out['x-road-issue'], purpose: out['x-motcua-purpose'] }));
    const sentHash = requestHash(out, req.body);
    const ct = req.headers['content-type'];
    let res: Response;
    let body: Buffer;
    try {
      res = await fetch(`${provider.address}${req.url}`, {
        method: req.method,
        headers: { ...out, ...(ct ? { 'content-type': ct } : {}), accept: 'application/json' },
        ...(req.body.length && req.method !== 'GET' && req.method !== 'HEAD' ? { body: new Uint8Array(req.body) } : {}),
        signal: AbortSignal.timeout(this.cfg.timeoutMs),
      });
      body = Buffer.from(await res.arrayBuffer());
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      if (err.name === 'TimeoutError' || err.name === 'AbortError') return fail('timeout', `no answer from ${provider.address} within ${this.cfg.timeoutMs} ms`, sentHash);
      return fail('networkError', `${provider.address}: ${err.cause?.code ?? err.message}`, sentHash);
    }
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      if (k.startsWith('x-road-') || k.startsWith('x-motcua-') || k === 'content-type') headers[k] = v;
    });
    const xroadError = headers['x-road-error'];
    if (!xroadError) {
      // The answer must be the provider's, for this request: its signature over our request's hash and its body.
      const pk = provider.keys.find((k) => k.id === headers['x-motcua-key'])?.publicKey;
      const ok =
        !!pk &&
        headers['x-road-request-hash'] === sentHash &&
        verifyBytes(pk, responseSigningInput({ requestHash: sentHash, requestId: headers['x-road-request-id'] ?? '', status: res.status, bodyHash: bodyHash(body) }), headers['x-motcua-signature'] ?? '');
      if (!ok) return fail('badResponseSignature', `${providerId} (key ${headers['x-motcua-key'] ?? 'none'})`, sentHash);
    }
    await this.log(
      {
        ...base,
        requestHash: sentHash,
        requestSignature: out['x-motcua-signature'],
        requestKey: key.id,
        responseHash: bodyHash(body),
        responseSignature: headers['x-motcua-signature'] ?? null,
        status: res.status,
        error: xroadError ?? null,
        durationMs: Math.round(performance.now() - t0),
      },
      req.body,
      body,
    );
    return { status: res.status, headers, body };
  }

  // ─── Message log ───────────────────────────────────────────────────────────────────────────────────────────

  /**
   * Group commit: a message's row and leaf are queued; one flush writes every queued message in ONE statement
   * (multi-row inserts, atomic), and the messages that arrive while a flush runs share the next one. The promise
   * settles when its row has committed: an answer is never sent before its log row is durable. An idle gateway
   * flushes at once (no added wait); under load one commit serves many messages.
   */
  private queue: Array<{ row: MessageRow; reqBody: Buffer; resBody: Buffer; done: (e?: unknown) => void }> = [];
  private flushing = false;

  private log(row: MessageRow, reqBody: Buffer, resBody: Buffer): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, reqBody, resBody, done: (e) => (e === undefined ? resolve() : reject(e)) });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, 200);
        try {
          await this.db.execute(sql`with m as (${this.messagesInsert(this.db, batch)}) ${this.leavesInsert(this.db, batch.map((b) => b.row))}`);
          for (const b of batch) b.done();
        } catch (e) {
          for (const b of batch) b.done(e ?? new Error('message log write failed'));
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** The message-log rows (metadata and hashes; bodies when configured), one INSERT. */
  private messagesInsert(db: DbOrTx, items: Array<{ row: MessageRow; reqBody: Buffer; resBody: Buffer }>): SQL {
    return db.insert(exchangeMessages).values(items.map(({ row, reqBody, resBody }) => (this.cfg.logBodies ? { ...row, requestBody: new Uint8Array(reqBody), responseBody: new Uint8Array(resBody), bodiesStored: true } : row))).getSQL();
  }

  /** Their transparency-log leaves (metadata and hashes public; who and about whom committed to), one INSERT. */
  private leavesInsert(db: DbOrTx, rows: MessageRow[]): SQL {
    return leafInsert(db, rows.map((row) => ({ kind: 'exchange_message', ref: row.id, ...messageLeaf(row) }))).getSQL();
  }
}

class Replayed extends Error {}

/** What a message's transparency-log leaf shows (metadata and hashes) and commits to (who, about whom, the signatures). */
export function messageLeaf(row: MessageRow): { fields: Record<string, string | number | null>; private: Record<string, string | null> } {
  return {
    fields: { at: row.at.toISOString(), direction: row.direction, service: row.service, client: row.client, requestHash: row.requestHash, responseHash: row.responseHash ?? null, status: row.status, error: row.error ?? null },
    private: { xRoadId: row.xRoadId, userId: row.userId ?? null, issue: row.issue ?? null, purpose: row.purpose ?? null, subject: row.subjectId ? `${row.subjectType}:${row.subjectId}` : null, requestSignature: row.requestSignature ?? null, responseSignature: row.responseSignature ?? null },
  };
}

/** The message log as `motcua log verify` checks it: every message has its leaf, unchanged. */
export const exchangeLeafSource: LeafSource = {
  kind: 'exchange_message',
  async *records(db: DbOrTx) {
    for (let after = 0; ; ) {
      const rows = await db.select().from(exchangeMessages).where(gt(exchangeMessages.seq, after)).orderBy(asc(exchangeMessages.seq)).limit(5000);
      if (!rows.length) return;
      for (const r of rows) {
        const c = messageLeaf(r);
        yield { ref: r.id, leaf: (salt: Uint8Array) => leafData('exchange_message', c.fields, c.private, salt) };
      }
      after = rows[rows.length - 1].seq!;
    }
  },
};

/** The outgoing call API for this node's own code: `client.call('VN/GOV/…/motcua/population', { path: '/people/…', purpose, issue })`. */
export class ExchangeClient {
  constructor(private readonly gateway: Gateway) {}

  async call(service: string, o: { method?: string; path?: string; query?: Record<string, string>; body?: unknown; userId?: string; issue?: string; purpose?: string; xRoadId?: string } = {}): Promise<{ status: number; headers: Record<string, string>; error: string | null; body: unknown }> {
    const qs = o.query ? `?${new URLSearchParams(o.query)}` : '';
    const body = o.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(o.body));
    const headers: Record<string, string | undefined> = { 'x-road-client': this.gateway.id, 'x-road-id': o.xRoadId, 'x-road-userid': o.userId, 'x-road-issue': o.issue, 'x-motcua-purpose': o.purpose, ...(o.body === undefined ? {} : { 'content-type': 'application/json' }) };
    const res = await this.gateway.forward({ method: o.method ?? 'GET', url: `/r1/${service}${o.path ?? ''}${qs}`, headers, body });
    const text = res.body.toString('utf8');
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: the text
    }
    return { status: res.status, headers: res.headers, error: res.headers['x-road-error'] ?? null, body: parsed };
  }
}
