/**
 * The DataStore actions of the CKAN Action API v3 (datastore_search, datastore_search_sql, datastore_create,
 * datastore_upsert, datastore_delete, datastore_info), against the shared contract (../ckan/action.ts): parameters
 * in (a GET query string gives strings, JSON parameters arrive as JSON text), results and CkanErrors out as CKAN
 * gives them. SQL sent by callers is never logged nor put into an error message.
 */
import { sql, type SQL } from 'drizzle-orm';
import { Type, type TSchema } from 'typebox';
import { foldVi } from '../../../shared/text/fold';
import type { Actor } from '../../../platform/auth/actor';
import type { Tx, DbOrTx } from '../../../platform/db/client';
import { CkanError, type CkanActionContext, type CkanActionDef, type CkanCaller } from '../ckan/action';
import { datastoreTables } from './datastore.schema';
import { FIELD_TYPES, SQL_TYPE, UUID_RE, badFieldId, createTableSql, fromText, fullTextColumns, fullTextOf, paramOf, qi, selectExpr, tableOf, typeOfOid, type DatastoreField, type DatastoreFieldType } from './fields';
import { pgErr, randomName, readMeta, type DatastoreCore, type TableMeta } from './datastore.service';

export type ResourceAccess = (resourceId: string, caller: CkanCaller | null, write: boolean) => Promise<'ok' | 'not_found' | 'forbidden'>;

export interface ActionOptions {
  resourceAccess: ResourceAccess;
  statementTimeoutMs: number;
  rowCap: number;
  /** The role `datastore_search_sql` runs as (migration 0022). */
  readerRole: string;
}

const MAX_LIMIT = 32_000;
const DEFAULT_LIMIT = 100;

const validation = (field: string, msg: string) => new CkanError('Validation Error', `${field}: ${msg}`, { [field]: [msg] });

/** A parameter that may come as JSON text (GET) or as JSON (POST). */
function jsonParam(params: Record<string, unknown>, name: string): unknown {
  const v = params[name];
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (!(s.startsWith('{') || s.startsWith('['))) return v;
  try {
    return JSON.parse(s);
  } catch {
    throw validation(name, 'Invalid JSON');
  }
}

function intParam(params: Record<string, unknown>, name: string, dflt: number, max?: number): number {
  const v = params[name];
  if (v === undefined || v === null || v === '') return dflt;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n) || n < 0) throw validation(name, 'Must be a natural number');
  return max !== undefined ? Math.min(n, max) : n;
}

function boolParam(params: Record<string, unknown>, name: string, dflt: boolean): boolean {
  const v = params[name];
  if (v === undefined || v === null || v === '') return dflt;
  if (typeof v === 'boolean') return v;
  const s = String(v).toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(s)) return true;
  if (['false', '0', 'no', 'off'].includes(s)) return false;
  throw validation(name, 'Must be true or false');
}

function listParam(params: Record<string, unknown>, name: string): string[] | undefined {
  const v = jsonParam(params, name);
  if (v === undefined || v === null || v === '') return undefined;
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return v.split(',').map((s) => s.trim().replace(/^"(.*)"$/, '$1')).filter(Boolean);
  throw validation(name, 'Must be a list of names');
}

function resourceIdOf(params: Record<string, unknown>): string {
  const id = params.resource_id ?? params.id;
  if (typeof id !== 'string' || id === '') throw validation('resource_id', 'Missing value');
  return id;
}

const notFound = (id: string) => new CkanError('Not Found Error', `Không tìm thấy tài nguyên / Resource "${id}" was not found.`);

async function access(o: ActionOptions, id: string, ctx: CkanActionContext, write: boolean): Promise<void> {
  if (!UUID_RE.test(id)) throw notFound(id);
  const a = await o.resourceAccess(id, ctx.caller, write);
  if (a === 'not_found') throw notFound(id);
  if (a === 'forbidden') throw new CkanError('Authorization Error', `Không có quyền với tài nguyên / Access denied: not authorized to ${write ? 'change' : 'read'} resource ${id}`);
}

async function metaOrNotFound(db: DbOrTx, id: string): Promise<TableMeta> {
  const meta = await readMeta(db, id);
  if (!meta) throw notFound(id);
  return meta;
}

const actorOfCaller = (caller: CkanCaller | null): Actor => ({ accountId: caller?.accountId ?? null, kind: caller ? 'officer' : 'anonymous', role: null, agencyId: caller?.agencyIds[0] ?? null, requestId: null });

const publicFields = (meta: TableMeta) => [{ id: '_id', type: 'int' }, ...meta.fields.map((f) => ({ id: f.id, type: f.type, ...(f.info ? { info: f.info } : {}) }))];

/** `q` as a prefix tsquery over the folded words (`'ha':* & 'noi':*`), or null when it has no word. */
function tsQuery(q: string): string | null {
  const words = foldVi(q).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (!words.length) return null;
  return words.map((w) => `'${w.replace(/'/g, "''")}':*`).join(' & ');
}

function whereOf(meta: TableMeta, params: Record<string, unknown>): SQL[] {
  const known = new Map(meta.fields.map((f) => [f.id, f]));
  const conds: SQL[] = [];
  const filters = jsonParam(params, 'filters');
  if (filters !== undefined && filters !== null && filters !== '') {
    if (typeof filters !== 'object' || Array.isArray(filters)) throw validation('filters', 'Must be a dictionary of column: value');
    for (const [col, val] of Object.entries(filters as Record<string, unknown>)) {
      if (col !== '_id' && !known.has(col)) throw validation('filters', `field "${col}" not in table`);
      const c = sql.raw(qi(col));
      const values = Array.isArray(val) ? val : [val];
      if (values.length === 0) {
        conds.push(sql`false`);
        continue;
      }
      const nonNull = values.map(paramOf).filter((v): v is string => v !== null);
      const parts: SQL[] = [];
      if (nonNull.length === 1) parts.push(sql`${c} = ${nonNull[0]}`);
      else if (nonNull.length > 1) parts.push(sql`${c} in (${sql.join(nonNull.map((v) => sql`${v}`), sql`, `)})`);
      if (nonNull.length < values.length) parts.push(sql`${c} is null`);
      conds.push(parts.length === 1 ? parts[0]! : sql`(${sql.join(parts, sql` or `)})`);
    }
  }
  const q = jsonParam(params, 'q');
  if (typeof q === 'string' && q.trim()) {
    const tq = tsQuery(q);
    if (tq) conds.push(sql`_full_text @@ to_tsquery('simple', ${tq})`);
  } else if (q && typeof q === 'object' && !Array.isArray(q)) {
    for (const [col, text] of Object.entries(q as Record<string, unknown>)) {
      if (!known.has(col)) throw validation('q', `field "${col}" not in table`);
      const tq = tsQuery(String(text ?? ''));
      if (tq) conds.push(sql`to_tsvector('simple', public.vn_fold(${sql.raw(qi(col))}::text)) @@ to_tsquery('simple', ${tq})`);
    }
  } else if (q !== undefined && q !== null && q !== '') {
    throw validation('q', 'Must be a string or a dictionary');
  }
  return conds;
}

function sortOf(meta: TableMeta, params: Record<string, unknown>): string {
  const raw = jsonParam(params, 'sort');
  if (raw === undefined || raw === null || raw === '') return '_id';
  const items = Array.isArray(raw) ? raw.map(String) : String(raw).split(',');
  const known = new Set(['_id', ...meta.fields.map((f) => f.id)]);
  return items
    .map((item) => {
      const m = /^\s*(?:"((?:[^"]|"")+)"|([^\s"]+))\s*(asc|desc)?\s*$/i.exec(item);
      const col = m ? (m[1]?.replace(/""/g, '"') ?? m[2]!) : null;
      if (!col || !known.has(col)) throw validation('sort', `field "${item.trim()}" not in table`);
      return `${qi(col)} ${(m![3] ?? 'asc').toLowerCase()}`;
    })
    .join(', ');
}

function linkOf(params: Record<string, unknown>, offset: number | null): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (k === 'offset' || v === undefined || v === null) continue;
    q.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  if (offset !== null) q.set('offset', String(offset));
  return `/api/3/action/datastore_search?${q.toString()}`;
}

const rowsOf = (res: unknown) => (res as { rows: Record<string, unknown>[] }).rows;

async function search(core: DatastoreCore, o: ActionOptions, params: Record<string, unknown>, ctx: CkanActionContext) {
  const id = resourceIdOf(params);
  await access(o, id, ctx, false);
  const meta = await metaOrNotFound(core.db, id);
  const limit = intParam(params, 'limit', DEFAULT_LIMIT, MAX_LIMIT);
  const offset = intParam(params, 'offset', 0);
  const includeTotal = boolParam(params, 'include_total', true);
  const distinct = boolParam(params, 'distinct', false);
  const format = String(params.records_format ?? 'objects');
  if (format !== 'objects' && format !== 'lists') throw validation('records_format', 'Must be objects or lists');
  const byId = new Map(meta.fields.map((f) => [f.id, f]));
  const requested = listParam(params, 'fields');
  const cols = requested ?? [...(distinct ? [] : ['_id']), ...meta.fields.map((f) => f.id)];
  for (const c of cols) if (c !== '_id' && !byId.has(c)) throw validation('fields', `field "${c}" not in table`);
  const conds = whereOf(meta, params);
  const where = conds.length ? sql` where ${sql.join(conds, sql` and `)}` : sql``;
  const order = sortOf(meta, params);
  // Aliases c0, c1…: ORDER BY "col" then means the column itself, not its text form.
  const selectList = sql.raw(cols.map((c, i) => `${selectExpr(c)} as c${i}`).join(', '));
  const table = sql.raw(tableOf(id));
  const body = sql`select ${sql.raw(distinct ? 'distinct ' : '')}${selectList} from ${table}${where}`;
  // SELECT DISTINCT may only sort by what it selects (the text forms).
  const ordered = distinct
    ? sql.raw(order.split(', ').map((s) => { const i = cols.findIndex((c) => s.startsWith(qi(c) + ' ')); return i < 0 ? null : `c${i} ${s.slice(qi(cols[i]!).length + 1)}`; }).filter(Boolean).join(', ') || '1')
    : sql.raw(order);
  let records: unknown[];
  let total: number | undefined;
  try {
    const res = await core.db.execute(sql`${body} order by ${ordered} limit ${limit} offset ${offset}`);
    const typeOf = (c: string): DatastoreFieldType | '_id' => (c === '_id' ? '_id' : byId.get(c)!.type);
    const types = cols.map(typeOf);
    records = rowsOf(res).map((r) => (format === 'lists' ? cols.map((_c, i) => fromText(types[i]!, r[`c${i}`] as string | null)) : Object.fromEntries(cols.map((c, i) => [c, fromText(types[i]!, r[`c${i}`] as string | null)]))));
    if (includeTotal) {
      if (!conds.length && !distinct) total = meta.rowCount;
      else {
        const cnt = distinct ? await core.db.execute(sql`select count(*)::text as n from (${body}) s`) : await core.db.execute(sql`select count(*)::text as n from ${table}${where}`);
        total = Number(rowsOf(cnt)[0]!.n);
      }
    }
  } catch (e) {
    const pg = pgErr(e);
    if (pg?.code?.startsWith('22')) throw validation('filters', 'A value does not match its column type');
    throw e;
  }
  const fields = publicFields(meta).filter((f) => cols.includes(f.id));
  fields.sort((a, b) => cols.indexOf(a.id) - cols.indexOf(b.id));
  return {
    include_total: includeTotal,
    limit,
    offset,
    records_format: format,
    resource_id: id,
    fields,
    records,
    ...(includeTotal ? { total, total_was_estimated: false } : {}),
    _links: { start: linkOf(params, null), next: linkOf(params, offset + limit) },
  };
}

const SAFE_TABLE_FUNCTIONS = new Set(['generate_series', 'unnest', 'json_each', 'jsonb_each', 'json_each_text', 'jsonb_each_text', 'json_array_elements', 'jsonb_array_elements', 'json_array_elements_text', 'jsonb_array_elements_text', 'json_to_recordset', 'jsonb_to_recordset', 'regexp_matches', 'regexp_split_to_table', 'string_to_table']);

/** Names and schemas of the relations a plan reads (EXPLAIN VERBOSE, JSON), and the functions it calls. */
function planRelations(plan: unknown, out: { schema: string; name: string }[] = []): { schema: string; name: string }[] {
  if (Array.isArray(plan)) plan.forEach((p) => planRelations(p, out));
  else if (plan && typeof plan === 'object') {
    const o = plan as Record<string, unknown>;
    if (typeof o['Relation Name'] === 'string') out.push({ schema: String(o.Schema ?? ''), name: o['Relation Name'] });
    // A set-returning function read as a table (FROM f(…)): only the harmless ones (no catalogue or activity views).
    if (o['Node Type'] === 'Function Scan' && typeof o['Function Name'] === 'string' && !SAFE_TABLE_FUNCTIONS.has(o['Function Name'])) out.push({ schema: String(o.Schema ?? 'pg_catalog'), name: o['Function Name'] });
    for (const v of Object.values(o)) if (v && typeof v === 'object') planRelations(v, out);
  }
  return out;
}

/** PGlite cannot interrupt a running query (no statement_timeout): the sleeping functions are refused up front. */
const SLEEP_FN = /\bpg_sleep(_for|_until)?\s*\(/i;

async function searchSql(core: DatastoreCore, o: ActionOptions, params: Record<string, unknown>, ctx: CkanActionContext) {
  const raw = params.sql;
  if (typeof raw !== 'string' || raw.trim() === '') throw validation('sql', 'Missing value');
  const text = raw.replace(/[\s;]+$/u, '');
  const wrapped = `SELECT * FROM (\n${text}\n) AS _q`;
  const guard = async (tx: Tx) => {
    await tx.execute(sql.raw('SET TRANSACTION READ ONLY'));
    await tx.execute(sql.raw(`SET LOCAL ROLE ${qi(o.readerRole)}`));
    await tx.execute(sql.raw(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(o.statementTimeoutMs))}`));
    await tx.execute(sql.raw(`SET LOCAL search_path = datastore, pg_catalog`));
  };
  const fail = (e: unknown): never => {
    if (e instanceof CkanError) throw e;
    const pg = pgErr(e);
    if (pg?.code === '57014') throw validation('query', 'Query took too long');
    if (pg?.code === '42501' || pg?.code === '25006') throw new CkanError('Authorization Error', 'Không có quyền / Not authorized to read resource.', { permissions: ['Not authorized to read resource.'] });
    if (pg?.code?.startsWith('42') || pg?.code?.startsWith('22') || pg?.code?.startsWith('0A')) throw validation('query', pg.message ?? 'Invalid query');
    if (pg) throw validation('query', 'Invalid query');
    throw e;
  };
  // 1. The plan: which relations the query reads (only DataStore tables of resources the caller may read).
  let relations: { schema: string; name: string }[];
  try {
    relations = await core.db.transaction(async (tx) => {
      await guard(tx);
      const res = await tx.execute(sql.raw(`EXPLAIN (VERBOSE, FORMAT JSON) ${wrapped}`));
      const planText = JSON.stringify(rowsOf(res));
      if (core.kind === 'pglite' && SLEEP_FN.test(planText)) throw validation('query', 'Query took too long');
      const row = rowsOf(res)[0] ?? {};
      const plan = Object.values(row)[0];
      return planRelations(typeof plan === 'string' ? JSON.parse(plan) : plan);
    });
  } catch (e) {
    return fail(e);
  }
  const ids = new Set<string>();
  for (const r of relations) {
    if (r.schema !== 'datastore' || !UUID_RE.test(r.name)) throw new CkanError('Authorization Error', 'Không được truy cập bảng hệ thống / Not authorized to access system tables', { permissions: ['Not authorized to access system tables'] });
    ids.add(r.name);
  }
  for (const id of ids) await access(o, id, ctx, false);
  // 2. The query itself, under the same guard, capped.
  try {
    const res = await core.db.transaction(async (tx) => {
      await guard(tx);
      return tx.execute(sql.raw(`${wrapped} LIMIT ${o.rowCap + 1}`));
    });
    const all = rowsOf(res);
    const truncated = all.length > o.rowCap;
    const rows = truncated ? all.slice(0, o.rowCap) : all;
    const resFields = (res as { fields?: { name: string; dataTypeID: number }[] }).fields ?? [];
    const fields = resFields.length ? resFields.map((f) => ({ id: f.name, type: typeOfOid(f.dataTypeID) })) : Object.keys(rows[0] ?? {}).map((k) => ({ id: k, type: 'text' as DatastoreFieldType }));
    const typeByName = new Map(fields.map((f) => [f.id, f.type]));
    const records = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, jsonSafe(v, typeByName.get(k))])));
    return { sql: raw, fields, records, ...(truncated ? { records_truncated: true } : {}) };
  } catch (e) {
    return fail(e);
  }
}

function jsonSafe(v: unknown, type?: DatastoreFieldType): unknown {
  if (typeof v === 'string' && (type === 'int' || type === 'numeric')) return fromText(type, v);
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return v;
}

function fieldsParam(params: Record<string, unknown>): DatastoreField[] | undefined {
  const v = jsonParam(params, 'fields');
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw validation('fields', 'Must be a list of {id, type}');
  return v.map((f, i) => {
    const o = f as { id?: unknown; type?: unknown; info?: unknown };
    if (typeof o?.id !== 'string') throw validation('fields', `field ${i + 1}: missing id`);
    const why = badFieldId(o.id);
    if (why) throw validation('fields', `"${o.id}" is not a valid field name (${why})`);
    const type = (o.type ?? 'text') as DatastoreFieldType;
    if (!FIELD_TYPES.includes(type)) throw validation('fields', `"${String(o.type)}" is not a valid field type`);
    const info = o.info && typeof o.info === 'object' ? (o.info as DatastoreField['info']) : undefined;
    return { id: o.id, type, ...(info ? { info } : {}) };
  });
}

function recordsParam(params: Record<string, unknown>): Record<string, unknown>[] {
  const v = jsonParam(params, 'records');
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((r) => !r || typeof r !== 'object' || Array.isArray(r))) throw validation('records', 'Must be a list of dictionaries');
  return v as Record<string, unknown>[];
}

/** Inserts (or upserts on the primary key) records in batches; returns how many rows are new. */
async function insertRecords(tx: Tx, meta: TableMeta, records: Record<string, unknown>[], conflict: 'none' | 'upsert'): Promise<number> {
  if (!records.length) return 0;
  const known = new Set(meta.fields.map((f) => f.id));
  for (const r of records) for (const k of Object.keys(r)) if (k !== '_id' && !known.has(k)) throw validation('records', `field "${k}" not in table`);
  const cols = meta.fields.map((f) => f.id);
  const key = meta.primaryKey;
  const perBatch = Math.max(1, Math.floor(30_000 / Math.max(1, cols.length)));
  let inserted = 0;
  for (let i = 0; i < records.length; i += perBatch) {
    const part = records.slice(i, i + perBatch);
    const values = sql.join(part.map((r) => sql`(${sql.join(cols.map((c) => sql`${paramOf(r[c])}`), sql`, `)})`), sql`, `);
    const onConflict = conflict === 'upsert' ? sql.raw(` on conflict (${key.map(qi).join(', ')}) do update set ${cols.filter((c) => !key.includes(c)).map((c) => `${qi(c)} = excluded.${qi(c)}`).join(', ') || `${qi(key[0]!)} = excluded.${qi(key[0]!)}`}`) : sql``;
    const res = await tx.execute(sql`insert into ${sql.raw(tableOf(meta.resourceId))} (${sql.raw(cols.map(qi).join(', '))}) values ${values}${onConflict} returning _id::text as id, (xmax = 0) as inserted`);
    inserted += rowsOf(res).filter((r) => r.inserted === true || r.inserted === 't').length;
    await refreshFullText(tx, meta, rowsOf(res).map((r) => String(r.id)));
  }
  return inserted;
}

async function updateRecords(tx: Tx, meta: TableMeta, records: Record<string, unknown>[], key: string[]): Promise<void> {
  const cols = meta.fields.map((f) => f.id);
  for (const r of records) {
    const missing = key.filter((k) => r[k] === undefined);
    if (missing.length) throw validation('key', `fields "${missing.join(', ')}" are missing but needed as key`);
    const sets = cols.filter((c) => !key.includes(c) && c in r).map((c) => sql`${sql.raw(qi(c))} = ${paramOf(r[c])}`);
    if (!sets.length) continue;
    const match = sql.join(key.map((k) => sql`${sql.raw(qi(k))} = ${paramOf(r[k])}`), sql` and `);
    const res = await tx.execute(sql`update ${sql.raw(tableOf(meta.resourceId))} set ${sql.join(sets, sql`, `)} where ${match} returning _id::text as id`);
    if (rowsOf(res).length === 0) throw validation('key', `key "${JSON.stringify(key.map((k) => r[k]))}" not found`);
    await refreshFullText(tx, meta, rowsOf(res).map((x) => String(x.id)));
  }
}

/** Recomputes `_full_text` of rows written through the API, as `load()` computes it (foldVi over the cells' text). */
async function refreshFullText(tx: Tx, meta: TableMeta, ids: string[]): Promise<void> {
  const ft = fullTextColumns(meta.fields).map((i) => meta.fields[i]!.id);
  if (!ids.length || !ft.length) return;
  const table = sql.raw(tableOf(meta.resourceId));
  const res = await tx.execute(sql`select _id::text as id, ${sql.raw(ft.map((c, i) => `${qi(c)}::text as c${i}`).join(', '))} from ${table} where _id in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
  const rows = rowsOf(res);
  const values = sql.join(rows.map((r) => sql`(${String(r.id)}::bigint, ${fullTextOf(ft.map((_c, i) => r[`c${i}`] as string | null), foldVi)}::tsvector)`), sql`, `);
  await tx.execute(sql`update ${table} as t set _full_text = v.ft from (values ${values}) as v(id, ft) where t._id = v.id`);
}

const dbError = (e: unknown): never => {
  if (e instanceof CkanError) throw e;
  const pg = pgErr(e);
  if (pg?.code === '23505') throw new CkanError('Validation Error', 'records: duplicate key', { records: ['Duplicate key value violates the primary key'] });
  if (pg?.code?.startsWith('22') || pg?.code?.startsWith('23')) throw validation('records', 'A value does not match its column type');
  if (pg?.code === '42P10') throw validation('primary_key', 'The primary key has no unique index');
  throw e;
};

async function create(core: DatastoreCore, o: ActionOptions, params: Record<string, unknown>, ctx: CkanActionContext) {
  const id = resourceIdOf(params);
  await access(o, id, ctx, true);
  const given = fieldsParam(params);
  const records = recordsParam(params);
  const pkRaw = jsonParam(params, 'primary_key');
  const primaryKey = pkRaw === undefined || pkRaw === null || pkRaw === '' ? undefined : Array.isArray(pkRaw) ? pkRaw.map(String) : String(pkRaw).split(',').map((s) => s.trim());
  const indexes = listParam(params, 'indexes');
  try {
    return await core.write(id, actorOfCaller(ctx.caller), 'datastore.create', async (tx, meta) => {
      const table = tableOf(id);
      let fields = meta?.fields ?? [];
      const fromRecords = given ?? (meta ? [] : [...new Set(records.flatMap((r) => Object.keys(r)))].map((k) => ({ id: k, type: 'text' as DatastoreFieldType })));
      const added = fromRecords.filter((f) => !fields.some((g) => g.id === f.id));
      for (const f of fromRecords) {
        const old = fields.find((g) => g.id === f.id);
        if (old && old.type !== f.type) throw validation('fields', `field "${f.id}" already exists with type ${old.type}`);
      }
      if (!meta) {
        if (!fromRecords.length) throw validation('fields', 'Missing value');
        fields = fromRecords;
        await tx.execute(sql.raw(createTableSql(table, fields)));
        await tx.execute(sql.raw(`CREATE INDEX ${qi(randomName('ft_'))} ON ${table} USING gin (_full_text)`));
      } else if (added.length) {
        fields = [...fields, ...added];
        await tx.execute(sql.raw(`ALTER TABLE ${table} ${added.map((f) => `ADD COLUMN ${qi(f.id)} ${SQL_TYPE[f.type]}`).join(', ')}`));
      } else if (given) {
        // Labels may change.
        fields = fields.map((f) => ({ ...f, ...(given.find((g) => g.id === f.id)?.info ? { info: given.find((g) => g.id === f.id)!.info } : {}) }));
      }
      const pk = primaryKey ?? meta?.primaryKey ?? [];
      for (const k of pk) if (!fields.some((f) => f.id === k)) throw validation('primary_key', `field "${k}" not in table`);
      if (primaryKey && primaryKey.join() !== (meta?.primaryKey ?? []).join()) {
        await tx.execute(sql.raw(`CREATE UNIQUE INDEX ${qi(randomName('pk_'))} ON ${table} (${pk.map(qi).join(', ')})`));
      }
      for (const n of indexes ?? []) {
        if (!fields.some((f) => f.id === n)) throw validation('indexes', `field "${n}" not in table`);
        await tx.execute(sql.raw(`CREATE INDEX ${qi(randomName('ix_'))} ON ${table} (${qi(n)}, _id)`));
      }
      const m: TableMeta = { resourceId: id, fields, primaryKey: pk, rowCount: meta?.rowCount ?? 0, version: (meta?.version ?? 0) + 1 };
      const inserted = await insertRecords(tx, m, records, 'none');
      m.rowCount += inserted;
      await upsertMeta(tx, m);
      return {
        result: { resource_id: id, fields: fields.map((f) => ({ id: f.id, type: f.type, ...(f.info ? { info: f.info } : {}) })), method: 'insert', ...(pk.length ? { primary_key: pk } : {}), ...(records.length ? { records } : {}) },
        after: { rows: m.rowCount, version: m.version, added: added.length, inserted },
        event: 'datastore.changed',
      };
    });
  } catch (e) {
    return dbError(e);
  }
}

async function upsertMeta(tx: Tx, m: TableMeta): Promise<void> {
  await tx
    .insert(datastoreTables)
    .values({ resourceId: m.resourceId, fields: m.fields, primaryKey: m.primaryKey, rowCount: m.rowCount, version: m.version, updatedAt: new Date() })
    .onConflictDoUpdate({ target: datastoreTables.resourceId, set: { fields: m.fields, primaryKey: m.primaryKey, rowCount: m.rowCount, version: m.version, updatedAt: new Date() } });
}

async function upsert(core: DatastoreCore, o: ActionOptions, params: Record<string, unknown>, ctx: CkanActionContext) {
  const id = resourceIdOf(params);
  await access(o, id, ctx, true);
  const records = recordsParam(params);
  const method = String(params.method ?? 'upsert');
  if (!['upsert', 'insert', 'update'].includes(method)) throw validation('method', 'Must be upsert, insert or update');
  try {
    return await core.write(id, actorOfCaller(ctx.caller), 'datastore.upsert', async (tx, meta) => {
      if (!meta) throw notFound(id);
      const m = { ...meta, version: meta.version + 1 };
      if (method === 'insert') m.rowCount += await insertRecords(tx, m, records, 'none');
      else {
        const key = meta.primaryKey.length ? meta.primaryKey : records.every((r) => r._id !== undefined) ? ['_id'] : null;
        if (!key) throw validation('key', 'The table has no primary key: give one with datastore_create, or send _id');
        if (method === 'update' || key[0] === '_id') await updateRecords(tx, m, records, key);
        else m.rowCount += await insertRecords(tx, m, records, 'upsert');
      }
      await upsertMeta(tx, m);
      return { result: { resource_id: id, method, records }, after: { rows: m.rowCount, version: m.version, records: records.length }, event: 'datastore.changed' };
    });
  } catch (e) {
    return dbError(e);
  }
}

async function remove(core: DatastoreCore, o: ActionOptions, params: Record<string, unknown>, ctx: CkanActionContext) {
  const id = resourceIdOf(params);
  await access(o, id, ctx, true);
  const filters = jsonParam(params, 'filters');
  if (filters === undefined || filters === null || filters === '') {
    const meta = await metaOrNotFound(core.db, id);
    await core.drop(meta.resourceId, actorOfCaller(ctx.caller));
    return { resource_id: id };
  }
  try {
    return await core.write(id, actorOfCaller(ctx.caller), 'datastore.delete', async (tx, meta) => {
      if (!meta) throw notFound(id);
      const conds = whereOf(meta, { filters });
      const res = await tx.execute(sql`delete from ${sql.raw(tableOf(id))}${conds.length ? sql` where ${sql.join(conds, sql` and `)}` : sql``}`);
      const n = (res as { rowCount?: number }).rowCount ?? (res as { affectedRows?: number }).affectedRows ?? 0;
      const m = { ...meta, rowCount: Math.max(0, meta.rowCount - n), version: meta.version + 1 };
      await upsertMeta(tx, m);
      return { result: { resource_id: id, filters }, after: { rows: m.rowCount, version: m.version, deleted: n }, event: 'datastore.changed' };
    });
  } catch (e) {
    return dbError(e);
  }
}

async function infoAction(core: DatastoreCore, o: ActionOptions, params: Record<string, unknown>, ctx: CkanActionContext) {
  const id = resourceIdOf(params);
  await access(o, id, ctx, false);
  const meta = await metaOrNotFound(core.db, id);
  return {
    meta: { id, count: meta.rowCount, table_type: 'BASE TABLE', aliases: [] as string[] },
    fields: meta.fields.map((f) => ({ id: f.id, type: f.type, ...(f.info ? { info: f.info } : {}), schema: { native_type: SQL_TYPE[f.type], is_index: meta.primaryKey.includes(f.id) } })),
  };
}

const P = (props: Record<string, TSchema>) => Type.Object(props, { additionalProperties: true });

export function datastoreActions(core: DatastoreCore, o: ActionOptions): CkanActionDef[] {
  type Handler = (core: DatastoreCore, o: ActionOptions, params: Record<string, unknown>, ctx: CkanActionContext) => Promise<unknown>;
  const bind = (fn: Handler) => (params: Record<string, unknown>, ctx: CkanActionContext) => fn(core, o, params, ctx);
  return [
    {
      name: 'datastore_search',
      write: false,
      help: 'Search a DataStore resource. The datastore_search action allows you to search data in a resource (filters, q, fields, sort, limit, offset, include_total, distinct, records_format).',
      params: P({ resource_id: Type.String(), filters: Type.Unknown(), q: Type.Unknown(), fields: Type.Unknown(), sort: Type.Unknown(), limit: Type.Unknown(), offset: Type.Unknown(), include_total: Type.Unknown(), distinct: Type.Unknown(), records_format: Type.Unknown() }),
      handler: bind(search),
    },
    {
      name: 'datastore_search_sql',
      write: false,
      help: 'Execute SQL queries on the DataStore. Only a single SELECT over DataStore tables is allowed; it runs read-only, with a time limit and a row cap.',
      params: P({ sql: Type.String() }),
      handler: bind(searchSql),
    },
    {
      name: 'datastore_create',
      write: true,
      help: 'Adds a new table to the DataStore (or new fields and records to an existing one): resource_id, fields [{id, type}], records, primary_key, indexes.',
      params: P({ resource_id: Type.String(), fields: Type.Unknown(), records: Type.Unknown(), primary_key: Type.Unknown(), indexes: Type.Unknown() }),
      handler: bind(create),
    },
    {
      name: 'datastore_upsert',
      write: true,
      help: 'Updates or inserts into a table in the DataStore: method upsert (default, on the primary key), insert or update.',
      params: P({ resource_id: Type.String(), records: Type.Unknown(), method: Type.Unknown() }),
      handler: bind(upsert),
    },
    {
      name: 'datastore_delete',
      write: true,
      help: 'Deletes a table or a set of records from the DataStore: without filters the whole table goes; with filters, the matching records.',
      params: P({ resource_id: Type.String(), filters: Type.Unknown() }),
      handler: bind(remove),
    },
    {
      name: 'datastore_info',
      write: false,
      help: 'Returns detailed metadata about a DataStore resource: its row count and its fields with their types.',
      params: P({ resource_id: Type.String() }),
      handler: bind(infoAction),
    },
  ];
}
