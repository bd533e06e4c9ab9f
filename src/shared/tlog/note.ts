/**
 * C2SP signed-note: a text signed by one or more keys, with Ed25519 signatures (type 0x01) and timestamped Ed25519
 * witness cosignatures (type 0x04, C2SP tlog-cosignature v1); verifier keys `<name>+<hex id>+<base64(type ‖ key)>`.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { concat, equalBytes, fromBase64, toBase64, utf8 } from './bytes';
import { sha256 } from './hash';

export const SIG_ED25519 = 0x01;
export const SIG_COSIGNATURE_V1 = 0x04;
export type SignatureType = typeof SIG_ED25519 | typeof SIG_COSIGNATURE_V1;

export class NoteError extends Error {}

/** key ID = SHA-256(key name ‖ 0x0A ‖ signature type ‖ public key)[:4], big-endian. */
export function keyId(name: string, type: number, publicKey: Uint8Array): number {
  const h = sha256(concat(utf8(name), new Uint8Array([0x0a, type]), publicKey));
  return ((h[0] << 24) | (h[1] << 16) | (h[2] << 8) | h[3]) >>> 0;
}

const validName = (name: string) => name.length > 0 && !/[\s+]/u.test(name);

export interface Verifier {
  name: string;
  keyId: number;
  type: SignatureType;
  publicKey: Uint8Array;
  /** The note text the signature covers is checked; for a cosignature also returns its timestamp. */
  verify(text: string, sig: Uint8Array): { ok: boolean; timestamp?: number };
}

export interface Signer {
  name: string;
  keyId: number;
  type: SignatureType;
  publicKey: Uint8Array;
  /** Signature bytes (without the key ID). For a cosignature, `timestamp` is POSIX seconds. */
  sign(text: string, timestamp?: number): Uint8Array;
}

function u64(n: number): Uint8Array {
  const b = new Uint8Array(8);
  let x = n;
  for (let i = 7; i >= 0; i--) {
    b[i] = x % 256;
    x = Math.floor(x / 256);
  }
  return b;
}
function readU64(b: Uint8Array): number {
  let x = 0;
  for (let i = 0; i < 8; i++) x = x * 256 + b[i];
  return x;
}

const cosignedMessage = (text: string, timestamp: number) => utf8(`cosignature/v1\ntime ${timestamp}\n${text}`);

export function makeVerifier(name: string, type: SignatureType, publicKey: Uint8Array): Verifier {
  if (!validName(name)) throw new NoteError('invalid key name');
  if (publicKey.length !== 32) throw new NoteError('an Ed25519 public key is 32 bytes');
  const id = keyId(name, type, publicKey);
  return {
    name,
    keyId: id,
    type,
    publicKey,
    verify(text, sig) {
      try {
        if (type === SIG_ED25519) return { ok: sig.length === 64 && ed25519.verify(sig, utf8(text), publicKey) };
        if (sig.length !== 72) return { ok: false };
        const timestamp = readU64(sig.subarray(0, 8));
        if (!Number.isSafeInteger(timestamp)) return { ok: false };
        return { ok: ed25519.verify(sig.subarray(8), cosignedMessage(text, timestamp), publicKey), timestamp };
      } catch {
        return { ok: false };
      }
    },
  };
}

export function makeSigner(name: string, type: SignatureType, seed: Uint8Array): Signer {
  if (seed.length !== 32) throw new NoteError('an Ed25519 private key is 32 bytes');
  const publicKey = ed25519.getPublicKey(seed);
  const v = makeVerifier(name, type, publicKey);
  return {
    name,
    keyId: v.keyId,
    type,
    publicKey,
    sign(text, timestamp) {
      if (type === SIG_ED25519) return ed25519.sign(utf8(text), seed);
      const t = timestamp ?? Math.floor(Date.now() / 1000);
      return concat(u64(t), ed25519.sign(cosignedMessage(text, t), seed));
    },
  };
}

const idHex = (id: number) => id.toString(16).padStart(8, '0');

/** `<name>+<hex key ID>+<base64(type ‖ public key)>` */
export const formatVerifierKey = (v: Pick<Verifier, 'name' | 'keyId' | 'type' | 'publicKey'>) => `${v.name}+${idHex(v.keyId)}+${toBase64(concat(new Uint8Array([v.type]), v.publicKey))}`;

export function parseVerifierKey(vkey: string): Verifier {
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey.trim());
  if (!m) throw new NoteError('malformed verifier key');
  const raw = fromBase64(m[3]);
  const type = raw[0];
  if (type !== SIG_ED25519 && type !== SIG_COSIGNATURE_V1) throw new NoteError(`unsupported signature type ${type}`);
  const v = makeVerifier(m[1], type, raw.subarray(1));
  if (idHex(v.keyId) !== m[2]) throw new NoteError('verifier key ID does not match its key');
  return v;
}

/** `PRIVATE+KEY+<name>+<hex key ID>+<base64(type ‖ seed)>` (the Go note package's format). */
export function formatSignerKey(s: Signer, seed: Uint8Array): string {
  return `PRIVATE+KEY+${s.name}+${idHex(s.keyId)}+${toBase64(concat(new Uint8Array([s.type]), seed))}`;
}

export function parseSignerKey(skey: string): { signer: Signer; seed: Uint8Array } {
  const m = /^PRIVATE\+KEY\+([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(skey.trim());
  if (!m) throw new NoteError('malformed signer key');
  const raw = fromBase64(m[3]);
  const type = raw[0];
  if (type !== SIG_ED25519 && type !== SIG_COSIGNATURE_V1) throw new NoteError(`unsupported signature type ${type}`);
  const seed = raw.slice(1);
  const signer = makeSigner(m[1], type, seed);
  if (idHex(signer.keyId) !== m[2]) throw new NoteError('signer key ID does not match its key');
  return { signer, seed };
}

/** A new key pair; the seed comes from the platform's cryptographic random source. */
export function generateSigner(name: string, type: SignatureType = SIG_ED25519): { signer: Signer; seed: Uint8Array; skey: string; vkey: string } {
  const seed = new Uint8Array(32);
  globalThis.crypto.getRandomValues(seed);
  const signer = makeSigner(name, type, seed);
  return { signer, seed, skey: formatSignerKey(signer, seed), vkey: formatVerifierKey(signer) };
}

export interface NoteSignature {
  name: string;
  keyId: number;
  /** Signature bytes after the key ID. */
  sig: Uint8Array;
  /** The line as it appears in the note (with its final newline). */
  line: string;
}

export interface Note {
  text: string;
  signatures: NoteSignature[];
}

export const signatureLine = (name: string, id: number, sig: Uint8Array) => {
  const b = new Uint8Array(4 + sig.length);
  b[0] = id >>> 24;
  b[1] = (id >>> 16) & 255;
  b[2] = (id >>> 8) & 255;
  b[3] = id & 255;
  b.set(sig, 4);
  return `— ${name} ${toBase64(b)}\n`;
};

export function parseSignatureLine(line: string): NoteSignature {
  const m = /^— (\S+) ([A-Za-z0-9+/=]+)\n?$/.exec(line);
  if (!m || !validName(m[1])) throw new NoteError('malformed signature line');
  const b = fromBase64(m[2]);
  if (b.length < 5) throw new NoteError('signature too short');
  const id = ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
  return { name: m[1], keyId: id, sig: b.slice(4), line: `— ${m[1]} ${m[2]}\n` };
}

const MAX_SIGNATURES = 100;

/** Splits a signed note into its text and signature lines (syntax only; nothing is verified). */
export function parseNote(note: string): Note {
  if (note.length > 1_000_000) throw new NoteError('note too large');
  for (let i = 0; i < note.length; i++) {
    const c = note.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) throw new NoteError('control character in note');
  }
  if (!note.endsWith('\n')) throw new NoteError('a note ends with a newline');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('no signatures');
  const text = note.slice(0, split + 1);
  const sigs = note.slice(split + 2);
  const lines = sigs.split('\n').slice(0, -1);
  if (!lines.length) throw new NoteError('no signatures');
  if (lines.length > MAX_SIGNATURES) throw new NoteError('too many signatures');
  return { text, signatures: lines.map((l) => parseSignatureLine(`${l}\n`)) };
}

export const formatNote = (text: string, lines: readonly string[]) => `${text}\n${lines.join('')}`;

export function signNote(text: string, signers: readonly Signer[], timestamp?: number): string {
  if (!text.endsWith('\n')) throw new NoteError('note text ends with a newline');
  return formatNote(
    text,
    signers.map((s) => signatureLine(s.name, s.keyId, s.sign(text, timestamp))),
  );
}

export interface VerifiedSignature {
  verifier: Verifier;
  timestamp?: number;
  line: string;
}

/**
 * Checks a note's signatures against known keys: unknown keys are ignored, a known key whose signature fails
 * rejects the note (signed-note §Signatures). Returns the verified signatures.
 */
export function openNote(note: string | Note, known: readonly Verifier[]): { text: string; verified: VerifiedSignature[]; failed: Verifier[] } {
  const n = typeof note === 'string' ? parseNote(note) : note;
  const verified: VerifiedSignature[] = [];
  const failed: Verifier[] = [];
  for (const s of n.signatures) {
    const v = known.find((k) => k.name === s.name && k.keyId === s.keyId);
    if (!v) continue;
    const r = v.verify(n.text, s.sig);
    if (r.ok) verified.push({ verifier: v, timestamp: r.timestamp, line: s.line });
    else failed.push(v);
  }
  return { text: n.text, verified, failed };
}

export const sameKey = (a: Verifier, b: Verifier) => a.name === b.name && a.keyId === b.keyId && a.type === b.type && equalBytes(a.publicKey, b.publicKey);

