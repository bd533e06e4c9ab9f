import crypto from 'node:crypto';
import { useSha256 } from '../../shared/tlog';

/**
 * The server hashes log leaves and tree nodes with node:crypto (one-shot `crypto.hash` where Node has it), the
 * browser with the pure @noble implementation: same SHA-256, the same bytes. Imported for its effect by the log's
 * writers and the log service.
 */
const oneShot = (crypto as unknown as { hash?: (alg: string, data: Uint8Array, enc: 'buffer') => Buffer }).hash;
const asBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
useSha256(oneShot ? (d) => asBytes(oneShot('sha256', d, 'buffer')) : (d) => asBytes(crypto.createHash('sha256').update(d).digest()));
