/**
 * The backup archive format (one file, `.mcbak`), written and read as a stream.
 *
 *   "MOTCUA-BACKUP\n" · u32be header length · header JSON (plain: format, created at, source kind, app version, KDF)
 *   then the body, encrypted with AES-256-GCM in chunks of 64 KiB (the STREAM construction, as in age or Tink):
 *   chunk i = ciphertext ‖ 16-byte tag, nonce = 7-byte random prefix ‖ u32be(i) ‖ last-flag byte, the plain header
 *   as associated data. Every chunk is authenticated before its bytes are used, a reordered, dropped or truncated
 *   chunk fails (the counter and the last flag are in the nonce), and the header cannot be changed (it is the AAD).
 *
 * The body is a sequence of records, type byte · u32be length · payload:
 *   'E' entry begins (JSON: name, kind, …) · 'D' entry data · 'Z' entry ends · 'M' manifest (JSON, the last record).
 * The manifest lists every entry's name, size and SHA-256 and the row count of every table; it comes last because
 * the dump is one pass over a consistent snapshot (hashes are known only at its end). A reader checks each entry's
 * size and hash against it; `readArchive` is the verification (restore reads the archive twice: verify, then load).
 *
 * The key is derived with scrypt (N=2^15, r=8, p=1) from a passphrase; a key check value in the header tells a
 * wrong passphrase apart from a tampered file.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type Hash } from 'node:crypto';
import fs from 'node:fs/promises';

export const MAGIC = Buffer.from('MOTCUA-BACKUP\n', 'ascii');
export const FORMAT_VERSION = 1;
const CHUNK = 64 * 1024;
const TAG = 16;
const RECORD_DATA_MAX = 1024 * 1024;

export interface ArchiveHeader {
  format: number;
  createdAt: string;
  source: { kind: 'pglite' | 'postgres'; appVersion: string };
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  cipher: 'aes-256-gcm-stream';
  chunkSize: number;
  noncePrefix: string;
  keyCheck: string;
}

export interface ManifestEntry {
  name: string;
  kind: 'table' | 'file' | 'meta';
  size: number;
  sha256: string;
  /** Tables: rows dumped. */
  rows?: number;
}

export interface Manifest {
  entries: ManifestEntry[];
  /** Row count per table, `schema.table`. */
  rowCounts: Record<string, number>;
}

/** A problem with an archive or a restore, in Vietnamese and English, with a stable code. */
export class BackupError extends Error {
  constructor(
    readonly code: 'wrong_passphrase' | 'tampered' | 'not_an_archive' | 'unsupported_format' | 'no_passphrase' | 'target_not_empty' | 'server_running' | 'schema_mismatch' | 'verify_failed' | 'permission' | 'usage',
    readonly vi: string,
    readonly en: string,
  ) {
    super(`${vi} / ${en}`);
  }
}

const tampered = (detail: string) =>
  new BackupError('tampered', `Tệp sao lưu đã bị sửa đổi hoặc hỏng (${detail}); không khôi phục.`, `The backup archive was altered or is damaged (${detail}); refusing it.`);

const KDF = { N: 2 ** 15, r: 8, p: 1 };

function deriveKeys(passphrase: string, salt: Buffer, kdf: { N: number; r: number; p: number }): Promise<{ key: Buffer; check: Buffer }> {
  return new Promise((resolve, reject) =>
    scryptCb(passphrase.normalize('NFC'), salt, 64, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 16 * 1024 * 1024 }, (err, out) => {
      if (err) reject(err);
      else resolve({ key: out.subarray(0, 32), check: createHash('sha256').update('motcua-backup key check\n').update(out.subarray(32)).digest().subarray(0, 16) });
    }),
  );
}

function nonce(prefix: Buffer, i: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0, 0, 7);
  n.writeUInt32BE(i, 7);
  n[11] = last ? 1 : 0;
  return n;
}

function record(type: string, payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

/** Writes an archive: entries one after the other, then the manifest. */
export class ArchiveWriter {
  private pending: Buffer[] = [];
  private pendingLen = 0;
  private chunkNo = 0;
  private entry: { name: string; kind: ManifestEntry['kind']; size: number; hash: Hash; rows?: number } | null = null;
  private readonly entries: ManifestEntry[] = [];
  bytesWritten = 0;

  private constructor(
    private readonly fh: fs.FileHandle,
    private readonly key: Buffer,
    private readonly prefix: Buffer,
    private readonly aad: Buffer,
  ) {}

  static async create(file: string, passphrase: string, source: ArchiveHeader['source'], createdAt = new Date()): Promise<ArchiveWriter> {
    const salt = randomBytes(16);
    const prefix = randomBytes(7);
    const { key, check } = await deriveKeys(passphrase, salt, KDF);
    const header: ArchiveHeader = {
      format: FORMAT_VERSION,
      createdAt: createdAt.toISOString(),
      source,
      kdf: { name: 'scrypt', ...KDF, salt: salt.toString('base64') },
      cipher: 'aes-256-gcm-stream',
      chunkSize: CHUNK,
      noncePrefix: prefix.toString('base64'),
      keyCheck: check.toString('base64'),
    };
    const json = Buffer.from(JSON.stringify(header));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(json.length);
    const preamble = Buffer.concat([MAGIC, len, json]);
    // 0600: the archive holds personal data and keys (encrypted, still nobody else's business).
    const fh = await fs.open(file, 'wx', 0o600);
    await fh.write(preamble);
    const w = new ArchiveWriter(fh, key, prefix, preamble);
    w.bytesWritten = preamble.length;
    return w;
  }

  private async push(buf: Buffer): Promise<void> {
    this.pending.push(buf);
    this.pendingLen += buf.length;
    // Keep one chunk back: the last chunk is only known at the end.
    while (this.pendingLen > CHUNK) {
      const all = Buffer.concat(this.pending);
      await this.seal(all.subarray(0, CHUNK), false);
      this.pending = [all.subarray(CHUNK)];
      this.pendingLen = all.length - CHUNK;
    }
  }

  private async seal(plain: Buffer, last: boolean): Promise<void> {
    const c = createCipheriv('aes-256-gcm', this.key, nonce(this.prefix, this.chunkNo++, last));
    c.setAAD(this.aad);
    const out = Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
    await this.fh.write(out);
    this.bytesWritten += out.length;
  }

  async begin(name: string, kind: ManifestEntry['kind'], meta: Record<string, unknown> = {}): Promise<void> {
    if (this.entry) throw new Error(`entry ${this.entry.name} not ended`);
    this.entry = { name, kind, size: 0, hash: createHash('sha256') };
    await this.push(record('E', Buffer.from(JSON.stringify({ ...meta, name, kind }))));
  }

  async data(buf: Buffer): Promise<void> {
    const e = this.entry;
    if (!e) throw new Error('no entry begun');
    for (let at = 0; at < buf.length; at += RECORD_DATA_MAX) {
      const part = buf.subarray(at, at + RECORD_DATA_MAX);
      e.size += part.length;
      e.hash.update(part);
      await this.push(record('D', part));
    }
  }

  async end(rows?: number): Promise<ManifestEntry> {
    const e = this.entry;
    if (!e) throw new Error('no entry begun');
    this.entry = null;
    await this.push(record('Z', Buffer.alloc(0)));
    const m: ManifestEntry = { name: e.name, kind: e.kind, size: e.size, sha256: e.hash.digest('hex'), ...(rows === undefined ? {} : { rows }) };
    this.entries.push(m);
    return m;
  }

  /** Writes the manifest, the last chunk, and closes the file. */
  async finish(rowCounts: Record<string, number>): Promise<Manifest> {
    const manifest: Manifest = { entries: this.entries, rowCounts };
    await this.push(record('M', Buffer.from(JSON.stringify(manifest))));
    await this.seal(Buffer.concat(this.pending), true);
    this.pending = [];
    await this.fh.sync();
    await this.fh.close();
    return manifest;
  }

  async abort(): Promise<void> {
    await this.fh.close().catch(() => undefined);
  }
}

/** What a reader is told about an entry while the archive is read (its data follows in order). */
export interface EntryHandler {
  data(buf: Buffer): Promise<void> | void;
  end(): Promise<void> | void;
}

export interface ReadOptions {
  /** Called at each entry; the returned handler gets its bytes (default: they are only hashed). */
  onEntry?: (meta: { name: string; kind: ManifestEntry['kind'] } & Record<string, unknown>) => Promise<EntryHandler | null> | EntryHandler | null;
}

/** Reads the plain header without the passphrase. */
export async function readHeader(file: string): Promise<{ header: ArchiveHeader; preamble: Buffer }> {
  const fh = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length + 4);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    if (bytesRead < head.length || !head.subarray(0, MAGIC.length).equals(MAGIC))
      throw new BackupError('not_an_archive', 'Đây không phải tệp sao lưu MotCua.', 'This is not a MotCua backup archive.');
    const len = head.readUInt32BE(MAGIC.length);
    if (len > 64 * 1024) throw tampered('header');
    const json = Buffer.alloc(len);
    if ((await fh.read(json, 0, len, head.length)).bytesRead < len) throw tampered('header');
    let header: ArchiveHeader;
    try {
      header = JSON.parse(json.toString('utf8')) as ArchiveHeader;
    } catch {
      throw tampered('header');
    }
    if (header.format !== FORMAT_VERSION || header.cipher !== 'aes-256-gcm-stream' || header.kdf?.name !== 'scrypt')
      throw new BackupError('unsupported_format', `Định dạng sao lưu ${header.format} không được phiên bản này hỗ trợ.`, `Backup format ${header.format} is not supported by this version.`);
    if (header.chunkSize !== CHUNK || !(header.kdf.N >= 2 ** 14 && header.kdf.N <= 2 ** 20) || header.kdf.r !== 8 || header.kdf.p !== 1) throw tampered('header');
    return { header, preamble: Buffer.concat([head, json]) };
  } finally {
    await fh.close();
  }
}

/**
 * Reads (decrypts and checks) a whole archive: every chunk's tag, the record structure, every entry's size and
 * SHA-256 against the manifest. Throws BackupError on a wrong passphrase or any alteration.
 */
export async function readArchive(file: string, passphrase: string, opts: ReadOptions = {}): Promise<{ header: ArchiveHeader; manifest: Manifest }> {
  const { header, preamble } = await readHeader(file);
  const { key, check } = await deriveKeys(passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf);
  const given = Buffer.from(header.keyCheck, 'base64');
  if (given.length !== check.length || !timingSafeEqual(given, check))
    throw new BackupError('wrong_passphrase', 'Sai cụm mật khẩu sao lưu (hoặc phần đầu tệp bị sửa).', 'Wrong backup passphrase (or the archive header was altered).');
  const prefix = Buffer.from(header.noncePrefix, 'base64');
  const fh = await fs.open(file, 'r');
  const seen: ManifestEntry[] = [];
  let manifest: Manifest | null = null;
  let current: { name: string; kind: ManifestEntry['kind']; size: number; hash: Hash; handler: EntryHandler | null } | null = null;
  let buf: Buffer = Buffer.alloc(0);

  const onRecord = async (type: string, payload: Buffer) => {
    if (manifest) throw tampered('data after the manifest');
    if (type === 'E') {
      if (current) throw tampered('nested entry');
      const meta = JSON.parse(payload.toString('utf8')) as { name: string; kind: ManifestEntry['kind'] };
      current = { name: meta.name, kind: meta.kind, size: 0, hash: createHash('sha256'), handler: opts.onEntry ? await opts.onEntry(meta) : null };
    } else if (type === 'D') {
      if (!current) throw tampered('data outside an entry');
      current.size += payload.length;
      current.hash.update(payload);
      if (current.handler) await current.handler.data(payload);
    } else if (type === 'Z') {
      if (!current) throw tampered('end outside an entry');
      if (current.handler) await current.handler.end();
      seen.push({ name: current.name, kind: current.kind, size: current.size, sha256: current.hash.digest('hex') });
      current = null;
    } else if (type === 'M') {
      if (current) throw tampered('manifest inside an entry');
      manifest = JSON.parse(payload.toString('utf8')) as Manifest;
    } else throw tampered(`record type ${JSON.stringify(type)}`);
  };

  try {
    const size = (await fh.stat()).size;
    let pos = preamble.length;
    let i = 0;
    if (size <= pos) throw tampered('no content');
    const cbuf = Buffer.alloc(CHUNK + TAG);
    while (pos < size) {
      const n = Math.min(CHUNK + TAG, size - pos);
      if (n <= TAG) throw tampered('truncated chunk');
      const { bytesRead } = await fh.read(cbuf, 0, n, pos);
      if (bytesRead !== n) throw tampered('short read');
      pos += n;
      const last = pos === size;
      const d = createDecipheriv('aes-256-gcm', key, nonce(prefix, i++, last));
      d.setAAD(preamble);
      d.setAuthTag(cbuf.subarray(n - TAG, n));
      let plain: Buffer;
      try {
        plain = Buffer.concat([d.update(cbuf.subarray(0, n - TAG)), d.final()]);
      } catch {
        throw tampered(`chunk ${i - 1} failed authentication`);
      }
      buf = buf.length ? Buffer.concat([buf, plain]) : plain;
      let at = 0;
      while (buf.length - at >= 5) {
        const len = buf.readUInt32BE(at + 1);
        if (len > RECORD_DATA_MAX + 16 * 1024 * 1024) throw tampered('record length');
        if (buf.length - at - 5 < len) break;
        await onRecord(String.fromCharCode(buf[at]), buf.subarray(at + 5, at + 5 + len));
        at += 5 + len;
      }
      buf = buf.subarray(at);
    }
  } catch (e) {
    if (e instanceof SyntaxError) throw tampered('unreadable record');
    throw e;
  } finally {
    await fh.close();
  }
  if (buf.length || current || !manifest) throw tampered('incomplete');
  const m: Manifest = manifest;
  if (m.entries.length !== seen.length) throw tampered('entry count differs from the manifest');
  m.entries.forEach((e, k) => {
    const s = seen[k];
    if (e.name !== s.name || e.size !== s.size || e.sha256 !== s.sha256) throw tampered(`entry ${s.name} differs from the manifest`);
  });
  return { header, manifest: m };
}
