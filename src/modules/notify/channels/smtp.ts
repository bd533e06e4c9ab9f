import fs from 'node:fs';
import nodemailer, { type Transporter } from 'nodemailer';
import type { NotifyConfig } from '../../../config';
import type { Notifier, OutgoingMessage, SendOutcome } from './notifier';

type SmtpConfig = NonNullable<NotifyConfig['smtp']>;

/** The domain of an address in `Name <local@domain>` or `local@domain`. */
export const domainOf = (from: string) => /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'motcua.local';

/**
 * E-mail over SMTP (nodemailer, pooled connections). TLS: STARTTLS required, implicit TLS, or none (a relay on
 * loopback). The Message-ID is `<message id@sender domain>`: fixed per message, so a copy sent again after a crash
 * is recognisably the same message (SMTP itself has no idempotent submission, see notify.sender.ts).
 */
export class SmtpNotifier implements Notifier {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;

  constructor(c: SmtpConfig) {
    this.transport = nodemailer.createTransport({
      host: c.host,
      port: c.port,
      secure: c.tls === 'implicit',
      requireTLS: c.tls === 'starttls',
      ignoreTLS: c.tls === 'none',
      ...(c.user ? { auth: { user: c.user, pass: c.password ?? '' } } : {}),
      tls: { minVersion: 'TLSv1.2', ...(c.caFile ? { ca: fs.readFileSync(c.caFile) } : {}) },
      pool: true,
      maxConnections: 5,
      maxMessages: 1000,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      // nodemailer's own logger would print addresses.
      logger: false,
    });
  }

  async send(m: OutgoingMessage): Promise<SendOutcome> {
    const from = m.from.email ?? 'MotCua <no-reply@motcua.local>';
    const headers: Record<string, string> = { 'X-MotCua-Reference': m.id, 'Auto-Submitted': 'auto-generated' };
    if (m.unsubscribeUrl) {
      headers['List-Unsubscribe'] = `<${m.unsubscribeUrl}>`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
    try {
      const info = await this.transport.sendMail({
        from,
        to: m.to,
        ...(m.from.replyTo ? { replyTo: m.from.replyTo } : {}),
        subject: m.subject ?? '',
        text: m.text,
        ...(m.html ? { html: m.html } : {}),
        messageId: `<${m.id}@${domainOf(from)}>`,
        headers,
      });
      return { kind: 'accepted', carrierRef: info.messageId, delivered: true };
    } catch (err) {
      return classifySmtpError(err as { code?: string; responseCode?: number; message?: string });
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** SMTP replies: 4xx try again later, 5xx never; connection trouble is temporary; a refused login is ours to fix. */
export function classifySmtpError(e: { code?: string; responseCode?: number; message?: string }): SendOutcome {
  const reason = `${e.code ?? 'ERROR'}${e.responseCode ? ` ${e.responseCode}` : ''}`;
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH' || e.code === 'ETLS' || e.code === 'ECONFIG') return { kind: 'technical', reason };
  if (e.responseCode && e.responseCode >= 500) return { kind: 'permanent', reason };
  if (e.responseCode && e.responseCode >= 400) return { kind: 'temporary', reason };
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return { kind: 'permanent', reason };
  if (['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPROTOCOL'].includes(e.code ?? '')) return { kind: 'temporary', reason };
  return { kind: 'technical', reason };
}
