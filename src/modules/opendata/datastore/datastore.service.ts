/**
 * The DataStore (kho dữ liệu): one PostgreSQL table per resource, `datastore."<resource id>"`, with `_id`, the
 * resource's columns and a generated full-text column over their folded text (GIN index), described by a row of
 * `datastore_tables`. A file is loaded into a new table (COPY FROM STDIN on a PostgreSQL server, COPY from a blob
 * per batch on PGlite), indexed, then swapped in, in ONE transaction with its audit record and outbox event: a bad
 * file leaves the previous table as it was.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import type { PoolClient, Pool } from 'pg';
import type { Db, DbOrTx, Tx } from '../../../platform/db/client';
import { auditInsert } from '../../../platform/audit/audit.service';
import { enqueueEvent } from '../../../platform/events/outbox';
import { platformActor, type Actor } from '../../../platform/auth/actor';
import { datastoreTables } from './datastore.schema';
import { datastoreErrors as E } from './datastore.errors';
import { addPrimaryKeySql, badFieldId, copyValue, createTableSql, FIELD_TYPES, fullTextColumns, fullTextOf, inferTypes, qi, tableOf, UUID_RE, type DatastoreField } from './fields';
import { foldVi } from '../../../shared/text/fold';
import { csvRecords, xlsxRecords, type RecordBatches } from './reader';
import type { CsvRecord } from '../../../shared/text/csv';

export interface DatastoreLoadResult {
  resourceId: string;
  rows: number;
  fields: DatastoreField[];
}

export interface LoadOptions {
  /** Column types and labels (by the file's column names); the others are inferred. */
  fields?: DatastoreField[];
  /** Columns to index for filters (default: every column, up to 16). */
  indexes?: string[];
  actor?: Actor;
}

export interface TableMeta {
  resourceId: string;
  fields: DatastoreField[];
  primaryKey: string[];
  rowCount: number;
  version: number;
}

export const DEFAULT_CAP_BYTES = 2 * 1024 ** 3;
const SAMPLE_ROWS = 1000;
const MAX_INDEXED = 16;
/** A btree entry must stay under ~2.7 kB: longer text columns get a hash index (equality filters only). */
const BTREE_MAX_CHARS = 800;

export const randomName = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;

export async function readMeta(db: DbOrTx, resourceId: string): Promise<TableMeta | null> {
  if (!UUID_RE.test(resourceId)) return null;
  const [row] = await db.select().from(datastoreTables).where(eq(datastoreTables.resourceId, resourceId));
  if (!row) return null;
  return { resourceId, fields: row.fields as DatastoreField[], primaryKey: row.primaryKey, rowCount: Number(row.rowCount), version: row.version };
}

/** Serialises writers of one resource's table for the rest of the transaction. */
export const lockTable = (tx: Tx, resourceId: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'datastore:' + resourceId}))`);

/** Where the COPY text goes: a PostgreSQL connection's COPY stream, or PGlite's COPY from a blob per batch. */
interface Sink {
  exec(sqlText: string): Promise<void>;
  copy(table: string, columns: string[]): Promise<void>;
  write(text: string): Promise<void>;
  endCopy(): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

function pgSink(client: PoolClient, copyFrom: (text: string) => NodeJS.WritableStream & { on: (...a: any[]) => unknown }): Sink {
  let stream: (NodeJS.WritableStream & { destroy?: (e?: Error) => void }) | null = null;
  let failed: Error | null = null;
  let pending: string[] = [];
  let size = 0;
  const flush = async () => {
    if (!stream || !pending.length) return;
    stream.write(pending.join(''));
    pending = [];
    size = 0;
    // Keep parsing while the server works through what was sent: wait only when much is still queued.
    if ((stream as unknown as { writableLength: number }).writableLength > 16 * 1024 * 1024) {
      const s = stream as unknown as NodeJS.EventEmitter;
      await new Promise<void>((resolve, reject) => {
        const onErr = (e: Error) => reject(e);
        s.once('error', onErr);
        s.once('drain', () => {
          s.off('error', onErr);
          resolve();
        });
      });
    }
    if (failed) throw failed;
  };
  return {
    exec: async (text) => {
      await client.query(text);
    },
    copy: async (table, columns) => {
      stream = client.query(copyFrom(`COPY ${table} (${columns.map(qi).join(', ')}) FROM STDIN WITH (FREEZE)`) as any) as any;
      stream!.on('error', (e: Error) => (failed = e));
    },
    write: async (text) => {
      pending.push(text);
      size += text.length;
      if (size >= 256 * 1024) await flush();
    },
    endCopy: async () => {
      await flush();
      const s = stream!;
      const done = new Promise<void>((resolve, reject) => {
        s.on('finish', () => resolve());
        s.on('error', reject);
      });
      s.end();
      await done;
      stream = null;
    },
    commit: async () => {
      await client.query('COMMIT');
    },
    abort: async () => {
      if (stream) stream.destroy?.(new Error('aborted'));
      await client.query('ROLLBACK').catch(() => undefined);
    },
  };
}

interface PgliteLike {
  exec(q: string): Promise<unknown>;
  query(q: string, params?: unknown[], opts?: { blob?: Blob }): Promise<unknown>;
}

function pgliteSink(client: PgliteLike, created: string[]): Sink {
  let target = '';
  let pending: string[] = [];
  let size = 0;
  const flush = async () => {
    if (!pending.length) return;
    const blob = new Blob(pending);
    pending = [];
    size = 0;
    await client.query(`COPY ${target} FROM '/dev/blob'`, [], { blob });
  };
  return {
    exec: async (text) => {
      await client.exec(text);
    },
    copy: async (table, columns) => {
      target = `${table} (${columns.map(qi).join(', ')})`;
    },
    write: async (text) => {
      pending.push(text);
      size += text.length;
      if (size >= 8 * 1024 * 1024) await flush();
    },
    endCopy: flush,
    commit: async () => undefined,
    abort: async () => {
      for (const t of created) await client.exec(`DROP TABLE IF EXISTS ${t}`).catch(() => undefined);
    },
  };
}

function checkHeader(header: string[]): string[] {
  const names = header.map((h) => h.normalize('NFC').trim());
  if (names.length === 0 || names.every((n) => n === '')) throw E.noHeader();
  const seen = new Set<string>();
  names.forEach((n, i) => {
    const why = badFieldId(n);
    if (why) throw E.badHeader(`Tên cột thứ ${i + 1} không hợp lệ (${why === 'empty' ? 'để trống' : why})`, `Column ${i + 1}'s name is invalid (${why})`);
    if (seen.has(n)) throw E.badHeader(`Tên cột “${n}” bị trùng`, `Column name “${n}” appears twice`);
    seen.add(n);
  });
  return names;
}

function resolveFields(names: string[], inferred: DatastoreField['type'][], given: DatastoreField[] | undefined): DatastoreField[] {
  const byId = new Map((given ?? []).map((f) => [f.id, f]));
  for (const f of given ?? []) {
    if (!names.includes(f.id)) throw E.badFields(`Tệp không có cột “${f.id}”`, `The file has no column “${f.id}”`);
    if (!FIELD_TYPES.includes(f.type)) throw E.badFields(`Kiểu “${String(f.type)}” không hợp lệ`, `Unknown type “${String(f.type)}”`);
  }
  return names.map((id, i) => {
    const g = byId.get(id);
    return { id, type: g?.type ?? inferred[i]!, ...(g?.info ? { info: g.info } : {}) };
  });
}

export interface DatastoreCore {
  db: Db;
  kind: 'pglite' | 'postgres';
  load(resourceId: string, input: NodeJS.ReadableStream | Readable, format: 'csv' | 'xlsx', opts?: LoadOptions): Promise<DatastoreLoadResult>;
  drop(resourceId: string, actor?: Actor): Promise<void>;
  info(resourceId: string): Promise<{ fields: DatastoreField[]; total: number } | null>;
  /** Resolves when the full-text index of the last load of the resource is built (at once if it is). */
  whenIndexed(resourceId: string): Promise<void>;
  /** Runs a write in one transaction under the table's lock, appending the audit record and event. */
  write<T>(resourceId: string, actor: Actor, action: string, fn: (tx: Tx, meta: TableMeta | null) => Promise<{ result: T; after: unknown; event: string }>): Promise<T>;
}

/** Told, inside the transaction that loads or drops a resource's table, whether the resource now has data. */
export type DatastoreActiveHook = (tx: Tx, resourceId: string, active: boolean, at: Date) => Promise<void>;

export function createCore(db: Db, opts: { capBytes?: number; now?: () => Date; onActive?: DatastoreActiveHook }): DatastoreCore {
  const client = (db as unknown as { $client: unknown }).$client;
  const kind: 'pglite' | 'postgres' = typeof (client as { connect?: unknown }).connect === 'function' && 'totalCount' in (client as object) ? 'postgres' : 'pglite';
  const capBytes = opts.capBytes ?? DEFAULT_CAP_BYTES;
  const now = opts.now ?? (() => new Date());
  const indexing = new Map<string, Promise<void>>();

  async function swap(resourceId: string, staging: string, fields: DatastoreField[], rows: number, actor: Actor): Promise<void> {
    await db.transaction(async (tx) => {
      await lockTable(tx, resourceId);
      const before = await readMeta(tx, resourceId);
      await tx.execute(sql.raw(`DROP TABLE IF EXISTS ${tableOf(resourceId)}`));
      await tx.execute(sql.raw(`ALTER TABLE datastore.${qi(staging)} RENAME TO ${qi(resourceId)}`));
      const version = (before?.version ?? 0) + 1;
      await tx
        .insert(datastoreTables)
        .values({ resourceId, fields, primaryKey: [], rowCount: rows, version, updatedAt: now() })
        .onConflictDoUpdate({ target: datastoreTables.resourceId, set: { fields, primaryKey: [], rowCount: rows, version, updatedAt: now() } });
      const after = { rows, fields: fields.map((f) => `${f.id}:${f.type}`), version };
      await auditInsert(tx, actor, { action: 'datastore.load', targetType: 'datastore', targetId: resourceId, before: before ? { rows: before.rowCount, version: before.version } : null, after }, now());
      await enqueueEvent(tx, { type: 'datastore.loaded', aggregateType: 'datastore', aggregateId: resourceId, payload: { resourceId, rows, columns: fields.length, version } });
      await opts.onActive?.(tx, resourceId, true, now());
    });
  }

  async function load(resourceId: string, input: NodeJS.ReadableStream | Readable, format: 'csv' | 'xlsx', o: LoadOptions = {}): Promise<DatastoreLoadResult> {
    if (!UUID_RE.test(resourceId)) throw E.notFound();
    if (format !== 'csv' && format !== 'xlsx') throw E.badFormat();
    const batches: RecordBatches = format === 'csv' ? csvRecords(input as AsyncIterable<Buffer>, capBytes) : xlsxRecords(input, capBytes);
    // Header and a sample first (types are inferred from it), then everything streams through.
    const sample: CsvRecord[] = [];
    let header: CsvRecord | undefined;
    let rest: IteratorResult<CsvRecord[], void> | null = null;
    try {
      while (sample.length < SAMPLE_ROWS) {
        rest = await batches.next();
        if (rest.done) break;
        for (const r of rest.value) {
          if (!header) header = r;
          else sample.push(r);
        }
      }
    } catch (e) {
      await batches.return();
      throw e;
    }
    if (!header) throw E.noHeader();
    const names = checkHeader(header.fields);
    const width = names.length;
    const isBlank = (r: CsvRecord) => r.fields.length === 1 && r.fields[0] === '';
    const shape = (r: CsvRecord): string[] => {
      if (r.fields.length === width) return r.fields;
      if (format === 'xlsx' && r.fields.length < width) return [...r.fields, ...Array<string>(width - r.fields.length).fill('')];
      throw E.raggedRow(r.line, width, r.fields.length);
    };
    const rows0 = sample.slice(0, SAMPLE_ROWS).filter((r) => !isBlank(r) || width === 1);
    const fields = resolveFields(names, inferTypes(width, rows0.map(shape)), o.fields);
    const types = fields.map((f) => f.type);
    const maxLen = new Array<number>(width).fill(0);

    const staging = randomName('_load_');
    const stagingTable = `datastore.${qi(staging)}`;
    let sink: Sink;
    let pgClient: PoolClient | null = null;
    if (kind === 'postgres') {
      const { from: copyFrom } = await import('pg-copy-streams');
      pgClient = await (client as Pool).connect();
      sink = pgSink(pgClient, copyFrom as never);
      await sink.exec('BEGIN');
      await sink.exec(`SET LOCAL maintenance_work_mem = '512MB'`);
    } else {
      sink = pgliteSink(client as PgliteLike, [stagingTable]);
    }
    let rows = 0;
    try {
      // `_id` is written by the load (1, 2, …) and its primary key built once the rows are in.
      await sink.exec(createTableSql(stagingTable, fields, { primaryKey: false }));
      await sink.copy(stagingTable, ['_id', ...names, '_full_text']);
      const ftCols = fullTextColumns(fields);
      const ftCells: string[] = new Array<string>(ftCols.length);
      const ftNumeric = ftCols.map((c) => types[c] === 'int' || types[c] === 'numeric');
      const emit = async (recs: CsvRecord[]) => {
        let out = '';
        for (const r of recs) {
          if (isBlank(r) && width > 1) continue;
          const cells = shape(r);
          out += rows + 1;
          for (let c = 0; c < width; c++) {
            const v = cells[c]!;
            const cv = copyValue(types[c]!, v);
            if (cv === undefined) throw E.badValue(r.line, names[c]!, types[c]!);
            if (v.length > maxLen[c]!) maxLen[c] = v.length;
            out += '\t' + cv;
          }
          for (let k = 0; k < ftCols.length; k++) ftCells[k] = cells[ftCols[k]!]!;
          const ft = fullTextOf(ftCells, foldVi, ftNumeric);
          out += '\t' + (/[\\\t\n\r]/.test(ft) ? ft.replace(/[\\\t\n\r]/g, ' ') : ft) + '\n';
          rows++;
        }
        if (out) await sink.write(out);
      };
      await emit(sample);
      if (rest && !rest.done) {
        for (;;) {
          const next = await batches.next();
          if (next.done) break;
          await emit(next.value);
        }
      }
      await sink.endCopy();
      for (const q of addPrimaryKeySql(stagingTable, rows)) await sink.exec(q);
      const indexed = (o.indexes ?? names.slice(0, MAX_INDEXED)).filter((n) => names.includes(n));
      for (const n of indexed) {
        const c = names.indexOf(n);
        const method = types[c] === 'text' && maxLen[c]! > BTREE_MAX_CHARS ? 'hash' : 'btree';
        // (column, _id): a filter's first page in `_id` order is read straight from the index, and its total counted
        // by an index-only scan (COPY FREEZE left every page all-visible).
        await sink.exec(`CREATE INDEX ${qi(randomName('ix_'))} ON ${stagingTable} USING ${method} (${qi(n)}${method === 'btree' ? ', _id' : ''})`);
      }
      // On PGlite the full-text index is built here; on a server, after the swap, concurrently (see below).
      if (kind === 'pglite') await sink.exec(`CREATE INDEX ${qi(randomName('ft_'))} ON ${stagingTable} USING gin (_full_text)`);
      await sink.commit();
    } catch (e) {
      await batches.return().catch(() => undefined);
      await sink.abort();
      if (pgClient) {
        pgClient.release();
        pgClient = null;
      }
      throw mapLoadError(e);
    } finally {
      pgClient?.release();
    }
    try {
      await swap(resourceId, staging, fields, rows, o.actor ?? platformActor('datastore.load'));
    } catch (e) {
      await db.execute(sql.raw(`DROP TABLE IF EXISTS ${stagingTable}`)).catch(() => undefined);
      throw e;
    }
    // Statistics for the planner, and the visibility map for index-only counts (COPY FREEZE set it on a server).
    await db.execute(sql.raw(kind === 'postgres' ? `ANALYZE ${tableOf(resourceId)}` : `VACUUM ANALYZE ${tableOf(resourceId)}`)).catch(() => undefined);
    if (kind === 'postgres') {
      // The GIN index over `_full_text` is the slowest part of a load (about as long as the COPY): the table is
      // searchable by filters and sorts at once, and `q` (correct, by a scan meanwhile) gets its index a little later,
      // built concurrently on another connection. `whenIndexed()` waits for it.
      const job = (async () => {
        const c = await (client as Pool).connect();
        try {
          await c.query(`SET maintenance_work_mem = '512MB'`);
          await c.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS ${qi(randomName('ft_'))} ON ${tableOf(resourceId)} USING gin (_full_text)`);
        } finally {
          await c.query('RESET maintenance_work_mem').catch(() => undefined);
          c.release();
        }
      })()
        .catch(() => undefined) // the table was replaced or dropped meanwhile: its successor builds its own
        .finally(() => {
          if (indexing.get(resourceId) === job) indexing.delete(resourceId);
        });
      indexing.set(resourceId, job);
    }
    return { resourceId, rows, fields };
  }

  async function write<T>(resourceId: string, actor: Actor, action: string, fn: (tx: Tx, meta: TableMeta | null) => Promise<{ result: T; after: unknown; event: string }>): Promise<T> {
    return db.transaction(async (tx) => {
      await lockTable(tx, resourceId);
      const meta = await readMeta(tx, resourceId);
      const { result, after, event } = await fn(tx, meta);
      await auditInsert(tx, actor, { action, targetType: 'datastore', targetId: resourceId, before: meta ? { rows: meta.rowCount, version: meta.version } : null, after }, now());
      await enqueueEvent(tx, { type: event, aggregateType: 'datastore', aggregateId: resourceId, payload: { resourceId, ...(after && typeof after === 'object' ? (after as object) : {}) } });
      return result;
    });
  }

  async function drop(resourceId: string, actor: Actor = platformActor('datastore.drop')): Promise<void> {
    if (!UUID_RE.test(resourceId)) return;
    await write(resourceId, actor, 'datastore.delete', async (tx, meta) => {
      await tx.execute(sql.raw(`DROP TABLE IF EXISTS ${tableOf(resourceId)}`));
      if (meta) await tx.delete(datastoreTables).where(eq(datastoreTables.resourceId, resourceId));
      await opts.onActive?.(tx, resourceId, false, now());
      return { result: undefined, after: { dropped: true }, event: 'datastore.deleted' };
    });
  }

  async function info(resourceId: string) {
    const meta = await readMeta(db, resourceId);
    return meta ? { fields: meta.fields, total: meta.rowCount } : null;
  }

  return { db, kind, load, drop, info, write, whenIndexed: async (id) => { await indexing.get(id); } };
}

/** Errors of PostgreSQL during a load (a value COPY refused: a date out of range, an integer too large) as declared ones. */
function mapLoadError(e: unknown): unknown {
  const pg = pgErr(e);
  if (pg?.code?.startsWith('22')) {
    const m = /column (\S+?):/.exec(pg.where ?? '') ?? /column "?([^":]+)"?/.exec(pg.where ?? '');
    return E.badValue(null, m?.[1] ?? '?', 'value');
  }
  return e;
}

export function pgErr(err: unknown): { code?: string; message?: string; where?: string } | undefined {
  let e = err as { code?: unknown; message?: string; where?: string; cause?: unknown } | undefined;
  for (let i = 0; e && i < 3; i++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return { code: e.code, message: e.message, where: e.where };
    e = e.cause as typeof e;
  }
  return undefined;
}
