/** RFC 6962 / RFC 9162 §2.1.1 hashing: leaf = SHA-256(0x00 ‖ data), node = SHA-256(0x01 ‖ left ‖ right). */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { utf8 } from './bytes';

export type Hash = Uint8Array;
export const HASH_SIZE = 32;

let impl: (data: Uint8Array) => Hash = nobleSha256;

/**
 * The SHA-256 in use: the pure one (@noble/hashes) by default, so this runs in the browser; a server may install its
 * platform's native one (same function, several times faster on the 32–64-byte inputs of tree nodes). It must return
 * a fresh 32-byte array and not keep its input.
 */
export function useSha256(native: (data: Uint8Array) => Hash): void {
  impl = native;
}

export const sha256 = (data: Uint8Array): Hash => impl(data);

/** MTH({}) — the hash of an empty tree is the hash of the empty string. */
export const EMPTY_ROOT: Hash = sha256(new Uint8Array(0));

export function leafHash(data: Uint8Array | string): Hash {
  const d = typeof data === 'string' ? utf8(data) : data;
  const buf = new Uint8Array(1 + d.length);
  buf[0] = 0;
  buf.set(d, 1);
  return sha256(buf);
}

const nodeBuf = new Uint8Array(1 + 2 * HASH_SIZE);
export function nodeHash(left: Hash, right: Hash): Hash {
  nodeBuf[0] = 1;
  nodeBuf.set(left, 1);
  nodeBuf.set(right, 1 + HASH_SIZE);
  return sha256(nodeBuf);
}

/** The largest power of two strictly smaller than n (n ≥ 2). Plain arithmetic: sizes may pass 2^32. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}
