/**
 * RFC 3161 time-stamping: the `TimeStampAuthority` the signer asks for a signature time-stamp, an HTTP client
 * (`application/timestamp-query` → `application/timestamp-reply`, short timeout), and the built-in demo TSA that
 * answers requests in-process and over `POST /api/tsa`.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { bool, children, compareBytes, decode, generalizedTime, int, nul, octets, oid, readInt, readOid, seq, type Node } from '../../../shared/pki/der';
import { buildSignedData, sha256, signedAttributes } from './cms';
import { DEMO_TSA_POLICY, OID } from './oids';
import { signDer, type CertRef } from './x509';

export interface TimeStampAuthority {
  /** A TimeStampToken (CMS ContentInfo) over the SHA-256 digest `imprint`. */
  timestamp(imprint: Uint8Array): Promise<Uint8Array>;
}

/** Why a time-stamp could not be had (the caller answers 503). */
export class TsaUnavailable extends Error {}

export function timeStampRequest(imprint: Uint8Array, nonce: Uint8Array): Uint8Array {
  return seq(int(1), seq(seq(oid(OID.sha256), nul()), octets(imprint)), int(nonce), bool(true));
}

interface ParsedRequest {
  imprint: Uint8Array;
  hashOid: string;
  nonce: Uint8Array | null;
  certReq: boolean;
  policy: string | null;
}

export function parseTimeStampRequest(der: Uint8Array): ParsedRequest {
  const parts = children(decode(der));
  if (readInt(parts[0]) !== 1n) throw new RangeError('TimeStampReq version must be 1');
  const [alg, hashed] = children(parts[1]);
  const req: ParsedRequest = { hashOid: readOid(children(alg)[0]), imprint: hashed.content, nonce: null, certReq: false, policy: null };
  for (const n of parts.slice(2)) {
    if (n.tag === 0x06) req.policy = readOid(n);
    else if (n.tag === 0x02) req.nonce = n.content;
    else if (n.tag === 0x01) req.certReq = n.content[0] !== 0;
  }
  return req;
}

/** The token (ContentInfo) from a TimeStampResp, after checking its status. */
export function tokenFromResponse(der: Uint8Array): Uint8Array {
  const parts = children(decode(der));
  const status = Number(readInt(children(parts[0])[0]));
  if (status > 1 || !parts[1]) throw new TsaUnavailable(`time-stamp refused (status ${status})`);
  return parts[1].raw;
}

/** The TSTInfo inside a token: its message imprint, nonce and time, to check an answer against the request. */
export function tstInfoOf(token: Uint8Array): { imprint: Uint8Array; nonce: Uint8Array | null; genTime: string } {
  const signedData = children(children(decode(token))[1])[0];
  const encap = children(signedData)[2];
  const eContent: Node = children(children(encap)[1])[0];
  const info = children(decode(eContent.content));
  const imprint = children(info[2])[1].content;
  const nonce = info.slice(5).find((n) => n.tag === 0x02)?.content ?? null;
  return { imprint, nonce, genTime: new TextDecoder().decode(info[4].content) };
}

/** The demo (or any in-process) TSA: signs TSTInfo with its key, SHA-256 only. */
export class LocalTsa implements TimeStampAuthority {
  constructor(
    private readonly key: KeyObject,
    private readonly cert: CertRef,
    private readonly now: () => Date,
    private readonly policy = DEMO_TSA_POLICY,
  ) {}

  get certificate(): CertRef {
    return this.cert;
  }

  /** Answers a DER TimeStampReq with a DER TimeStampResp (a rejection for a malformed or non-SHA-256 request). */
  respond(request: Uint8Array): Uint8Array {
    let req: ParsedRequest;
    try {
      req = parseTimeStampRequest(request);
    } catch {
      return seq(seq(int(2), seq(), bitStringFailure(5))); // badDataFormat
    }
    if (req.hashOid !== OID.sha256 || req.imprint.length !== 32) return seq(seq(int(2), seq(), bitStringFailure(0))); // badAlg
    return seq(seq(int(0)), this.token(req.imprint, req.nonce, req.certReq));
  }

  async timestamp(imprint: Uint8Array): Promise<Uint8Array> {
    return this.token(imprint, randomBytes(8), true);
  }

  private token(imprint: Uint8Array, nonce: Uint8Array | null, withCert: boolean): Uint8Array {
    const serial = randomBytes(12);
    serial[0] &= 0x7f;
    const tst = seq(int(1), oid(this.policy), seq(seq(oid(OID.sha256), nul()), octets(imprint)), int(serial), generalizedTime(this.now(), true), ...(nonce ? [int(nonce)] : []));
    const signedAttrs = signedAttributes(OID.tstInfo, sha256(tst), this.cert);
    const signature = signDer(this.key, signedAttrs);
    return buildSignedData({
      contentType: OID.tstInfo,
      content: tst,
      signerCert: this.cert,
      certificates: withCert ? [this.cert.der] : [],
      signedAttrs,
      algorithm: this.key.asymmetricKeyType === 'ec' ? 'ecdsa-sha256' : 'rsa-sha256',
      signature,
    });
  }
}

/** PKIFailureInfo as a BIT STRING with one bit set. */
function bitStringFailure(bit: number): Uint8Array {
  const bytes = new Uint8Array(Math.floor(bit / 8) + 1);
  bytes[Math.floor(bit / 8)] = 0x80 >> bit % 8;
  return Uint8Array.from([0x03, bytes.length + 1, 7 - (bit % 8), ...bytes]);
}

/** An RFC 3161 TSA over HTTP (RFC 3161 §3.4), with a short timeout: the signer waits for it. */
export class HttpTsa implements TimeStampAuthority {
  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
    private readonly headers: Record<string, string> = {},
  ) {}

  async timestamp(imprint: Uint8Array): Promise<Uint8Array> {
    const nonce = randomBytes(8);
    nonce[0] &= 0x7f;
    let body: Uint8Array;
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply', ...this.headers },
        body: Buffer.from(timeStampRequest(imprint, nonce)),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!res.ok) throw new TsaUnavailable(`TSA answered HTTP ${res.status}`);
      body = new Uint8Array(await res.arrayBuffer());
    } catch (err) {
      if (err instanceof TsaUnavailable) throw err;
      throw new TsaUnavailable('TSA not reachable in time');
    }
    const token = tokenFromResponse(body);
    const info = tstInfoOf(token);
    if (compareBytes(info.imprint, imprint) !== 0) throw new TsaUnavailable('TSA answered for another imprint');
    if (!info.nonce || BigInt(`0x${Buffer.from(info.nonce).toString('hex')}`) !== BigInt(`0x${nonce.toString('hex')}`)) throw new TsaUnavailable('TSA answered with another nonce');
    return token;
  }
}
