import fs from 'node:fs/promises';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';

/** Largest file accepted for one attachment (tệp đính kèm). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The file types accepted for dossier components, recognised by their first bytes, not by name or header. */
export const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AcceptedType = (typeof ACCEPTED_TYPES)[number];

/** The real type of a file from its magic number, or null when it is none of the accepted types. */
export function sniffType(bytes: Buffer): AcceptedType | null {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

export const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Where attachment bytes live. The filesystem store is the default; an S3-compatible store implements the same. */
export interface BlobStore {
  /** Stores bytes under a key; storing the same key twice keeps one copy. */
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
}

/** Blobs as files under a folder (DATA_DIR/blobs), content-addressed by SHA-256, two levels of sub-folders. */
export class FsBlobStore implements BlobStore {
  constructor(private readonly dir: string) {}

  private fileOf(key: string): string {
    if (!/^[0-9a-f]{64}$/.test(key)) throw new RangeError('blob key must be a SHA-256 hex digest');
    return path.join(this.dir, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const file = this.fileOf(key);
    if (await exists(file)) return; // content-addressed: already there, stored once
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a reader never sees half a file. The temporary name is random: parallel uploads of the
    // same content (same key, same process, same millisecond) each write their own, and the renames all land on
    // the same content-addressed name (rename replaces atomically), so every one of them succeeds.
    const tmp = `${file}.${randomUUID()}.tmp`;
    try {
      await fs.writeFile(tmp, bytes, { flag: 'wx' });
      await fs.rename(tmp, file);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      if (await exists(file)) return;
      throw e;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.fileOf(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

export type ScanResult = { clean: true } | { clean: false; signature: string };

/**
 * Malware scan of an uploaded file before it is stored. A ClamAV adapter (clamd INSTREAM over TCP) implements this
 * interface in production; the default only recognises the EICAR test file, so the hook is exercised end to end.
 */
export interface VirusScanner {
  scan(bytes: Buffer): Promise<ScanResult>;
}

/** The standard anti-virus test string (eicar.org), recognised anywhere in the file. */
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

export class EicarScanner implements VirusScanner {
  async scan(bytes: Buffer): Promise<ScanResult> {
    return bytes.includes(EICAR, 0, 'latin1') ? { clean: false, signature: 'EICAR-Test-File' } : { clean: true };
  }
}
