/**
 * The DataStore of the open-data portal (kho dữ liệu mở): one table per CSV/XLSX resource, loaded while the file
 * streams in, searched through the CKAN DataStore actions, downloaded as CSV, JSON or XLSX.
 */
import type { Readable } from 'node:stream';
import type { Db } from '../../../platform/db/client';
import type { CkanActionDef, CkanCaller } from '../ckan/action';
import { createCore, DEFAULT_CAP_BYTES, type DatastoreActiveHook, type DatastoreLoadResult, type LoadOptions } from './datastore.service';
import { datastoreActions } from './datastore.actions';
import type { DatastoreField } from './fields';
import type { Actor } from '../../../platform/auth/actor';

export type { DatastoreField, DatastoreFieldType } from './fields';
export type { DatastoreLoadResult, LoadOptions } from './datastore.service';
export { datastoreErrors, DATASTORE_LOAD_ERRORS } from './datastore.errors';
export { registerDatastoreRoutes, type DatastoreRouteOptions } from './datastore.routes';

export type ResourceAccess = (resourceId: string, caller: CkanCaller | null, write: boolean) => Promise<'ok' | 'not_found' | 'forbidden'>;

export interface Datastore {
  db: Db;
  /** Streams a CSV or XLSX file into the resource's table (replacing it), all or nothing. */
  load(resourceId: string, input: NodeJS.ReadableStream | Readable, format: 'csv' | 'xlsx', opts?: LoadOptions): Promise<DatastoreLoadResult>;
  /** Drops the resource's table (with its audit record and event). */
  drop(resourceId: string, actor?: Actor): Promise<void>;
  info(resourceId: string): Promise<{ fields: DatastoreField[]; total: number } | null>;
  /** PostgreSQL: resolves when the full-text index of the last load is built (built concurrently after the swap). */
  whenIndexed(resourceId: string): Promise<void>;
  /** datastore_search, datastore_search_sql, datastore_create, datastore_upsert, datastore_delete, datastore_info. */
  actions: CkanActionDef[];
}

export interface DatastoreOptions {
  resourceAccess: ResourceAccess;
  /** datastore_search_sql: time limit of a query (default 5 s; PGlite cannot interrupt a query: sleeps are refused). */
  statementTimeoutMs?: number;
  /** datastore_search_sql: most records returned (default 32,000; more sets `records_truncated`). */
  rowCap?: number;
  /** Largest file `load()` accepts (default 2 GiB), refused while streaming once passed. */
  maxFileBytes?: number;
  now?: () => Date;
  /** Called in the transaction that loads (true) or drops (false) a resource's table: the catalogue marks it. */
  onActive?: DatastoreActiveHook;
}

export function createDatastore(db: Db, opts: DatastoreOptions): Datastore {
  const core = createCore(db, { capBytes: opts.maxFileBytes ?? DEFAULT_CAP_BYTES, ...(opts.now ? { now: opts.now } : {}), ...(opts.onActive ? { onActive: opts.onActive } : {}) });
  const actions = datastoreActions(core, {
    resourceAccess: opts.resourceAccess,
    statementTimeoutMs: opts.statementTimeoutMs ?? 5_000,
    rowCap: opts.rowCap ?? 32_000,
    readerRole: 'motcua_datastore_reader',
  });
  return { db, load: core.load, drop: core.drop, info: core.info, whenIndexed: core.whenIndexed, actions };
}
