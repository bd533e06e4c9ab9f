/**
 * Simulated carriers on loopback, behind the same protocols the real adapters speak: an SMS aggregator
 * (`POST /sms/v1/sms`), Zalo ZNS (`POST /zalo/message/template`) and an SMTP server, with delivery reports posted
 * back signed. Used by the tests (scripted behaviour: accept, delay, fail temporarily or permanently, accept but
 * never deliver, hold the answer), by `motcua notify simulate` and by the demo (a page listing what "phones" and
 * "mailboxes" received). It is a carrier's view: it sees the texts, as a real carrier does.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { simpleParser } from 'mailparser';

export type SimChannel = 'sms' | 'zalo' | 'email';

export interface SimMessage {
  channel: SimChannel;
  /** Our reference (SMS), tracking_id (Zalo), or the Message-ID (e-mail). */
  reference: string;
  carrierId: string;
  to: string;
  from?: string;
  brandname?: string;
  text?: string;
  subject?: string;
  html?: string;
  headers?: Record<string, string>;
  templateId?: string;
  data?: Record<string, string>;
  receivedAt: string;
  /** How many times the same reference was submitted (a resend after a crash is a second submission). */
  submissions: number;
  status: 'accepted' | 'delivered' | 'undelivered';
}

/** What the carrier does with the next matching submission. */
export type Outcome = 'accept' | 'temporary' | 'permanent' | 'undeliverable' | 'hold' | { delayMs: number };

export interface Rule {
  channel?: SimChannel;
  to?: string;
  /** Used one per matching submission, in order; afterwards the carrier accepts. */
  outcomes: Outcome[];
}

export interface SimulatorOptions {
  host?: string;
  port?: number;
  smsApiKey: string;
  zaloToken: string;
  /** Secret the delivery reports are signed with (the platform's NOTIFY_CALLBACK_SECRET). */
  callbackSecret?: string;
  /** Where delivery reports go (the platform's /api/notify/callbacks/sms and /zalo); none: no reports. */
  callbacks?: { sms?: string; zalo?: string };
  callbackDelayMs?: number;
  /** An SMTP server too (port 0: any free port); TLS offered with STARTTLS when key and cert are given. */
  smtp?: { port?: number; key?: string | Buffer; cert?: string | Buffer; user?: string; password?: string } | false;
  /** Called when a submission is held (kill tests: the carrier has it, the sender never hears back). */
  onHold?: (m: SimMessage) => void;
  /** Keep at most this many messages in memory (oldest dropped). */
  keep?: number;
  /** E-mail: read only the headers that identify a message, not the whole MIME body (load tests). */
  light?: boolean;
}

export interface SimulatorAddress {
  httpUrl: string;
  smsUrl: string;
  zaloUrl: string;
  smtpPort: number | null;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class CarrierSimulator {
  /** SMS and Zalo messages accepted (one per reference), and every e-mail received (SMTP cannot de-duplicate). */
  readonly messages: SimMessage[] = [];
  readonly submissions: Record<SimChannel, number> = { sms: 0, zalo: 0, email: 0 };
  private rules: Rule[] = [];
  private byRef = new Map<string, SimMessage>();
  private server: http.Server | null = null;
  private smtp: SMTPServer | null = null;
  private held: http.ServerResponse[] = [];
  private waiters = new Set<() => void>();
  private seq = 0;
  address: SimulatorAddress | null = null;

  constructor(private readonly o: SimulatorOptions) {}

  /** Where delivery reports go (known once the platform listens). */
  setCallbacks(callbacks: { sms?: string; zalo?: string }): void {
    this.o.callbacks = callbacks;
  }

  /** Called when a submission is held (see SimulatorOptions.onHold). */
  setOnHold(fn: (m: SimMessage) => void): void {
    this.o.onHold = fn;
  }

  /** Scripts the next submissions matching `rule` (by channel and/or recipient). */
  rule(rule: Rule): void {
    this.rules.push({ ...rule, outcomes: [...rule.outcomes] });
  }

  clearRules(): void {
    this.rules = [];
  }

  /** Resolves once `pred` holds over the messages received (checked on every new message), or rejects. */
  async waitFor(pred: (m: SimMessage[]) => boolean, timeoutMs = 15_000): Promise<SimMessage[]> {
    if (pred(this.messages)) return this.messages;
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!pred(this.messages)) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(this.messages);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`simulated carrier: condition not met within ${timeoutMs} ms (${this.messages.length} messages)`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  of(channel: SimChannel): SimMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  private notify() {
    for (const w of [...this.waiters]) w();
  }

  private take(channel: SimChannel, to: string): Outcome {
    const r = this.rules.find((x) => (!x.channel || x.channel === channel) && (!x.to || x.to === to) && x.outcomes.length);
    return r ? r.outcomes.shift()! : 'accept';
  }

  private remember(m: SimMessage) {
    this.messages.push(m);
    this.byRef.set(`${m.channel}:${m.reference}`, m);
    const keep = this.o.keep ?? 5000;
    if (this.messages.length > keep) {
      const old = this.messages.shift()!;
      this.byRef.delete(`${old.channel}:${old.reference}`);
    }
    this.notify();
  }

  async start(): Promise<SimulatorAddress> {
    const host = this.o.host ?? '127.0.0.1';
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((r) => this.server!.listen(this.o.port ?? 0, host, r));
    const port = (this.server.address() as AddressInfo).port;
    let smtpPort: number | null = null;
    if (this.o.smtp) smtpPort = await this.startSmtp(host, this.o.smtp);
    const httpUrl = `http://${host}:${port}`;
    this.address = { httpUrl, smsUrl: `${httpUrl}/sms`, zaloUrl: `${httpUrl}/zalo`, smtpPort };
    return this.address;
  }

  async stop(): Promise<void> {
    for (const r of this.held) r.destroy();
    this.held = [];
    await Promise.all([
      this.server ? new Promise<void>((r) => (this.server!.closeAllConnections(), this.server!.close(() => r()))) : undefined,
      this.smtp ? new Promise<void>((r) => this.smtp!.close(() => r())) : undefined,
    ]);
    this.server = null;
    this.smtp = null;
  }

  // --- HTTP carriers ------------------------------------------------------------------------------------------------

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    try {
      const url = new URL(req.url ?? '/', 'http://sim');
      if (req.method === 'GET' && url.pathname === '/messages') return json(200, this.messages);
      if (req.method === 'GET' && url.pathname === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
        return res.end(this.page());
      }
      if (req.method === 'POST' && url.pathname === '/sms/v1/sms') return await this.sms(req, raw, res, json);
      if (req.method === 'POST' && url.pathname === '/zalo/message/template') return await this.zalo(req, raw, res, json);
      json(404, { code: 'NOT_FOUND' });
    } catch {
      json(400, { code: 'BAD_REQUEST' });
    }
  }

  private async outcome(channel: SimChannel, to: string): Promise<Exclude<Outcome, { delayMs: number }>> {
    let o = this.take(channel, to);
    while (typeof o === 'object') {
      await sleep(o.delayMs);
      o = this.take(channel, to);
    }
    return o;
  }

  private async sms(req: http.IncomingMessage, raw: string, res: http.ServerResponse, json: (s: number, b: unknown, h?: Record<string, string>) => void) {
    this.submissions.sms++;
    if (req.headers.authorization !== `Bearer ${this.o.smsApiKey}`) return json(401, { code: 'UNAUTHORIZED' });
    const b = JSON.parse(raw) as { brandname?: string; to?: string; text?: string; reference?: string };
    if (!b.reference || !b.text) return json(400, { code: 'MISSING_FIELD' });
    const to = String(b.to ?? '');
    const seen = this.byRef.get(`sms:${b.reference}`);
    if (seen) {
      // The same reference again: the first submission stands, nothing is sent twice (its report follows if due).
      seen.submissions++;
      if (seen.status === 'accepted') void this.report(seen, 'delivered');
      return json(200, { id: seen.carrierId, status: seen.status === 'delivered' ? 'delivered' : 'accepted', duplicate: true });
    }
    if (!/^84\d{9}$/.test(to)) return json(400, { code: 'INVALID_NUMBER' });
    const o = await this.outcome('sms', to);
    if (o === 'temporary') return json(503, { code: 'BUSY' }, { 'retry-after': '1' });
    if (o === 'permanent') return json(422, { code: 'NUMBER_BLOCKED' });
    const m: SimMessage = { channel: 'sms', reference: b.reference, carrierId: `SMS${++this.seq}`, to, brandname: b.brandname, text: b.text, receivedAt: new Date().toISOString(), submissions: 1, status: 'accepted' };
    this.remember(m);
    if (o === 'hold') return this.hold(res, m);
    json(202, { id: m.carrierId, status: 'accepted', reference: m.reference });
    void this.report(m, o === 'undeliverable' ? 'undelivered' : 'delivered');
  }

  private async zalo(req: http.IncomingMessage, raw: string, res: http.ServerResponse, json: (s: number, b: unknown) => void) {
    this.submissions.zalo++;
    if (req.headers.access_token !== this.o.zaloToken) return json(200, { error: -124, message: 'Access token is invalid' });
    const b = JSON.parse(raw) as { phone?: string; template_id?: string; template_data?: Record<string, string>; tracking_id?: string };
    const to = String(b.phone ?? '');
    const ref = String(b.tracking_id ?? '');
    const seen = ref ? this.byRef.get(`zalo:${ref}`) : undefined;
    if (seen) {
      seen.submissions++;
      if (seen.status === 'accepted') void this.report(seen, 'delivered');
      return json(200, { error: 0, message: 'Success', data: { msg_id: seen.carrierId, sent_time: String(Date.parse(seen.receivedAt)) } });
    }
    if (!/^84\d{9}$/.test(to)) return json(200, { error: -108, message: 'Phone number is invalid' });
    if (!b.template_id) return json(200, { error: -112, message: 'Template id is invalid' });
    const o = await this.outcome('zalo', to);
    if (o === 'temporary') return json(200, { error: -100, message: 'Unknown error' });
    if (o === 'permanent') return json(200, { error: -118, message: 'Zalo account not existed' });
    const m: SimMessage = { channel: 'zalo', reference: ref || randomUUID(), carrierId: `ZNS${++this.seq}`, to, templateId: String(b.template_id), data: b.template_data ?? {}, receivedAt: new Date().toISOString(), submissions: 1, status: 'accepted' };
    this.remember(m);
    if (o === 'hold') return this.hold(res, m);
    json(200, { error: 0, message: 'Success', data: { msg_id: m.carrierId, sent_time: String(Date.now()), quota: { dailyQuota: '5000', remainingQuota: '4999' } } });
    if (o !== 'undeliverable') void this.report(m, 'delivered');
  }

  private hold(res: http.ServerResponse, m: SimMessage) {
    this.held.push(res);
    this.o.onHold?.(m);
  }

  /** Posts a signed delivery report, retrying a few times if the platform does not answer 2xx. */
  private async report(m: SimMessage, status: 'delivered' | 'undelivered') {
    const url = m.channel === 'sms' ? this.o.callbacks?.sms : this.o.callbacks?.zalo;
    if (!url || !this.o.callbackSecret) {
      m.status = status;
      return;
    }
    await sleep(this.o.callbackDelayMs ?? 20);
    m.status = status;
    const ts = String(Date.now());
    let body: string;
    let headers: Record<string, string>;
    if (m.channel === 'sms') {
      body = JSON.stringify({ id: m.carrierId, reference: m.reference, status, ...(status === 'undelivered' ? { error: 'UNREACHABLE' } : {}), at: new Date().toISOString() });
      const t = String(Math.floor(Date.now() / 1000));
      headers = { 'x-signature': `t=${t},v1=${createHmac('sha256', this.o.callbackSecret).update(`${t}.${body}`).digest('hex')}` };
    } else {
      const appId = 'simulated-zalo-app';
      body = JSON.stringify({ app_id: appId, event_name: 'user_received_message', timestamp: ts, message: { msg_id: m.carrierId, tracking_id: m.reference, delivery_time: ts } });
      headers = { 'x-zevent-signature': `mac=${createHash('sha256').update(appId + body + ts + this.o.callbackSecret).digest('hex')}` };
    }
    for (let i = 0; i < 4; i++) {
      try {
        const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: AbortSignal.timeout(5000) });
        if (r.ok || (r.status >= 400 && r.status < 500 && r.status !== 429)) return;
      } catch {
        /* the platform may be restarting: try again */
      }
      await sleep(200 * 2 ** i);
    }
  }

  // --- SMTP ---------------------------------------------------------------------------------------------------------

  private async startSmtp(host: string, s: Exclude<SimulatorOptions['smtp'], false | undefined>): Promise<number> {
    const tls = !!(s.key && s.cert);
    const opts: SMTPServerOptions = {
      secure: false,
      ...(tls ? { key: s.key, cert: s.cert } : {}),
      disabledCommands: [...(tls ? [] : ['STARTTLS']), ...(s.user ? [] : ['AUTH'])],
      authOptional: !s.user,
      logger: false,
      banner: 'MotCua simulated SMTP',
      onAuth: (auth, _session, cb) => (auth.username === s.user && auth.password === s.password ? cb(null, { user: auth.username }) : cb(new Error('Invalid username or password'))),
      onData: (stream, session, cb) => {
        this.submissions.email++;
        if (this.o.light) return void this.lightMail(stream, session.envelope.rcptTo.map((r) => r.address).join(', '), cb);
        simpleParser(stream)
          .then(async (mail) => {
            const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
            const o = await this.outcome('email', to);
            if (o === 'temporary') return cb(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
            if (o === 'permanent') return cb(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
            const headers: Record<string, string> = {};
            for (const h of mail.headerLines) headers[h.key] = h.line.slice(h.line.indexOf(':') + 1).trim();
            const m: SimMessage = {
              channel: 'email',
              reference: mail.messageId ?? randomUUID(),
              carrierId: `MAIL${++this.seq}`,
              to,
              from: mail.from?.text,
              subject: mail.subject,
              text: mail.text,
              html: typeof mail.html === 'string' ? mail.html : undefined,
              headers,
              receivedAt: new Date().toISOString(),
              submissions: this.messages.filter((x) => x.channel === 'email' && x.reference === mail.messageId).length + 1,
              status: 'delivered',
            };
            this.remember(m);
            // Held: the server has the message but never says 250 (the client will not know it was taken).
            if (o === 'hold') return this.o.onHold?.(m);
            cb();
          })
          .catch((err) => cb(err));
      },
    };
    this.smtp = new SMTPServer(opts);
    this.smtp.on('error', () => undefined);
    await new Promise<void>((r) => this.smtp!.listen(s.port ?? 0, host, r));
    return (this.smtp.server.address() as AddressInfo).port;
  }

  private lightMail(stream: NodeJS.ReadableStream, to: string, cb: (err?: Error | null) => void) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('latin1');
      const head = raw.slice(0, raw.indexOf('\r\n\r\n') >>> 0);
      const messageId = /^message-id:\s*(<[^>]+>)/im.exec(head)?.[1] ?? randomUUID();
      this.remember({ channel: 'email', reference: messageId, carrierId: `MAIL${++this.seq}`, to, receivedAt: new Date().toISOString(), submissions: 1, status: 'delivered' });
      cb();
    });
  }

  // --- The demo's view ----------------------------------------------------------------------------------------------

  private page(): string {
    const rows = [...this.messages]
      .reverse()
      .slice(0, 200)
      .map((m) => {
        const what = m.channel === 'email' ? `<strong>${escapeHtml(m.subject ?? '')}</strong><br>${escapeHtml(m.text ?? '').replace(/\n/g, '<br>')}` : m.channel === 'sms' ? escapeHtml(m.text ?? '') : `ZNS ${escapeHtml(m.templateId ?? '')}: ${escapeHtml(JSON.stringify(m.data ?? {}))}`;
        return `<tr><td>${escapeHtml(m.receivedAt.slice(11, 19))}</td><td>${m.channel}</td><td>${escapeHtml(m.to)}</td><td>${escapeHtml(m.brandname ?? m.from ?? '')}</td><td>${what}</td><td>${m.status}${m.submissions > 1 ? ` (×${m.submissions})` : ''}</td></tr>`;
      })
      .join('\n');
    return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta http-equiv="refresh" content="5"><title>Nhà mạng mô phỏng – MotCua</title>
<style>body{font-family:system-ui,sans-serif;margin:1rem;color:#0b0c0c}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #b1b4b6;padding:.4rem;text-align:left;vertical-align:top}</style></head>
<body><h1>Nhà mạng mô phỏng / Simulated carriers</h1><p>SMS, Zalo ZNS và thư điện tử MotCua đã gửi (bản demo, làm mới mỗi 5 giây). ${this.messages.length} tin.</p>
<table><thead><tr><th>Giờ (UTC)</th><th>Kênh</th><th>Tới</th><th>Từ</th><th>Nội dung</th><th>Trạng thái</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
  }
}
