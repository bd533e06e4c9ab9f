import { sha512 } from '@noble/hashes/sha2.js';
import { canonicalize } from '../tlog/canonical';

const enc = new TextEncoder();

export function toB64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * The headers a request hash covers: every `x-road-*` and `x-motcua-*` request header except the signature itself,
 * names lower-cased, sorted, one `name:value` line each (values trimmed). Hop-by-hop headers are left out on
 * purpose: proxies may change them.
 */
export function canonicalHeaders(headers: Record<string, string | string[] | undefined>): string {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(headers)) {
    const name = k.toLowerCase();
    if (v === undefined || name === 'x-motcua-signature') continue;
    if (!name.startsWith('x-road-') && !name.startsWith('x-motcua-')) continue;
    lines.push(`${name}:${(Array.isArray(v) ? v.join(',') : v).trim()}`);
  }
  return lines.sort().join('\n');
}

/** `X-Road-Request-Hash` (standards §5): base64(SHA-512(SHA-512(headers) ‖ SHA-512(body))). */
export function requestHash(headers: Record<string, string | string[] | undefined>, body: Uint8Array): string {
  return toB64(sha512(concat(sha512(enc.encode(canonicalHeaders(headers))), sha512(body))));
}

/** base64(SHA-512(body)), as the signed canonical forms name a body. */
export const bodyHash = (body: Uint8Array): string => toB64(sha512(body));

/** What a node signs for a request it sends (each part on its own line, in this order). */
export interface RequestToSign {
  method: string;
  /** The path after the host, with its query string: `/r1/VN/GOV/…/population/people/001?x=1`. */
  path: string;
  client: string;
  service: string;
  xRoadId: string;
  /** ISO 8601 time of sending; the provider refuses it outside its clock-skew window. */
  timestamp: string;
  /** 128 random bits, base64url; the provider refuses a second request with the same nonce from the client. */
  nonce: string;
  bodyHash: string;
  /** What the tracker records is signed too: X-Road-UserId, X-Road-Issue and X-MotCua-Purpose ('' when absent). */
  userId?: string;
  issue?: string;
  purpose?: string;
}

export function requestSigningInput(r: RequestToSign): Uint8Array {
  return enc.encode(['motcua-xroad-request/1', r.method.toUpperCase(), r.path, r.client, r.service, r.xRoadId, r.timestamp, r.nonce, r.bodyHash, r.userId ?? '', r.issue ?? '', r.purpose ?? ''].join('\n'));
}

/** What the provider signs for its answer: bound to the request by its hash, so an answer cannot be moved to another request. */
export interface ResponseToSign {
  requestHash: string;
  requestId: string;
  status: number;
  bodyHash: string;
}
export function responseSigningInput(r: ResponseToSign): Uint8Array {
  return enc.encode(['motcua-xroad-response/1', r.requestHash, r.requestId, String(r.status), r.bodyHash].join('\n'));
}

/** The bytes a global configuration's signature covers: its canonical JSON (RFC 8785 style, as the log's leaves). */
export const confSigningInput = (conf: unknown): Uint8Array => enc.encode(canonicalize(conf));
