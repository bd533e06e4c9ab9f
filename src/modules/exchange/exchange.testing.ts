/**
 * Tests only: an X-Road request signed by hand, as another node's gateway would send it, so that a test can tamper
 * with its parts (the in-process protocol test and the multi-process test both send these).
 */
import { createPrivateKey, randomBytes } from 'node:crypto';
import { bodyHash, requestSigningInput } from '../../shared/exchange';
import { signBytes, type StoredKey } from './exchange.keys';

export interface HandSigned {
  method: string;
  /** The request path, `/r1/…`. */
  url: string;
  headers: Record<string, string>;
  /** What is sent (after `tamper`); undefined for no body. */
  body: string | undefined;
}

export function handSignedRequest(o: {
  client: string;
  key: Pick<StoredKey, 'id' | 'privateKey'>;
  url: string;
  at: Date;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  /** Changes the signed headers in place, or answers another body to send. */
  tamper?: (h: Record<string, string>) => string | void;
}): HandSigned {
  const method = o.method ?? 'GET';
  const body = Buffer.from(o.body ?? '');
  const h: Record<string, string> = { 'x-road-client': o.client, 'x-road-id': `t-${randomBytes(4).toString('hex')}`, 'x-road-issue': 'HS-1', 'x-motcua-purpose': 'dossier_processing', ...o.headers };
  h['x-motcua-timestamp'] = o.at.toISOString();
  h['x-motcua-nonce'] = randomBytes(16).toString('base64url');
  h['x-motcua-body-hash'] = bodyHash(body);
  h['x-motcua-key'] = o.key.id;
  const service = o.url.replace(/^\/r1\//, '').split('/').slice(0, 5).join('/');
  h['x-motcua-signature'] = signBytes(createPrivateKey(o.key.privateKey), requestSigningInput({ method, path: o.url, client: o.client, service, xRoadId: h['x-road-id'], timestamp: h['x-motcua-timestamp'], nonce: h['x-motcua-nonce'], bodyHash: h['x-motcua-body-hash'], userId: h['x-road-userid'], issue: h['x-road-issue'], purpose: h['x-motcua-purpose'] }));
  const sent = o.tamper?.(h) ?? body.toString();
  return { method, url: o.url, headers: { ...h, ...(sent ? { 'content-type': 'application/json' } : {}) }, body: sent || undefined };
}
