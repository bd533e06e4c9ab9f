/**
 * DataStore over HTTP besides the CKAN actions: downloads of a resource's table (CSV UTF-8 with BOM and formula
 * cells neutralised, JSON, XLSX), streamed in `_id` order by keyset pages, and the upload of a CSV or XLSX file
 * into the table (the request body streams into `load()`).
 */
import { PassThrough, Readable } from 'node:stream';
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { App } from '../../../platform/http/app';
import { policy } from '../../../platform/auth/policy';
import { Redirect } from '../../../platform/http/schemas';
import { actorOf } from '../../../platform/auth/actor';
import { csvField, neutraliseFormula } from '../../../shared/text/csv';
import type { CkanCaller } from '../ckan/action';
import { datastoreErrors as E, DATASTORE_LOAD_ERRORS } from './datastore.errors';
import { fromText, qi, selectExpr, tableOf, UUID_RE, type DatastoreField } from './fields';
import { readMeta } from './datastore.service';
import type { Datastore, ResourceAccess } from './index';

const PAGE = 5000;

const ResourceParams = Type.Object({ resourceId: Type.String({ description: 'The resource id (UUID)' }) });
const DumpQuery = Type.Object({ format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('json'), Type.Literal('xlsx')], { default: 'csv' })) });
const LoadQuery = Type.Object({ format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' })) });
const LoadResult = Type.Object({
  resourceId: Type.String(),
  rows: Type.Integer(),
  fields: Type.Array(Type.Object({ id: Type.String(), type: Type.String(), info: Type.Optional(Type.Object({ label: Type.Optional(Type.String()), notes: Type.Optional(Type.String()) })) })),
});

export interface DatastoreRouteOptions {
  /** Who is calling (an API token's owner, a signed-in publisher), or null: anonymous. Default: anonymous. */
  callerOf?: (req: FastifyRequest) => Promise<CkanCaller | null>;
  /** The catalogue's resource (its dataset's name, its link if it has one): the CKAN download URLs need it. */
  resourceOf?: (resourceId: string) => Promise<{ datasetName: string; name: string; url: string | null } | null>;
}

const DownloadParams = Type.Object({
  name: Type.String({ description: 'The dataset’s name' }),
  resourceId: Type.String({ description: 'The resource id (UUID)' }),
});
const DownloadFileParams = Type.Object({
  name: Type.String({ description: 'The dataset’s name' }),
  resourceId: Type.String({ description: 'The resource id (UUID)' }),
  filename: Type.String({ description: 'Any file name (CKAN puts the upload’s name here); .json or .xlsx choose that format, anything else CSV' }),
});

/** A file name safe in a Content-Disposition header (letters, digits, . _ -), or null. */
const safeFilename = (f: string | undefined) => {
  const s = (f ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '').slice(0, 120);
  return s || null;
};

async function* pages(ds: Datastore, resourceId: string, fields: DatastoreField[]): AsyncGenerator<Record<string, unknown>[]> {
  const cols = ['_id', ...fields.map((f) => f.id)];
  const list = sql.raw(cols.map((c) => `${selectExpr(c)} as ${qi(c)}`).join(', '));
  let last = 0;
  for (;;) {
    const res = await ds.db.execute(sql`select ${list} from ${sql.raw(tableOf(resourceId))} where _id > ${last} order by _id limit ${PAGE}`);
    const rows = (res as unknown as { rows: Record<string, string | null>[] }).rows;
    if (!rows.length) return;
    last = Number(rows[rows.length - 1]!._id);
    yield rows.map((r) => Object.fromEntries(fields.map((f) => [f.id, fromText(f.type, r[f.id] ?? null)])));
    if (rows.length < PAGE) return;
  }
}

async function* csvDump(ds: Datastore, id: string, fields: DatastoreField[]): AsyncGenerator<string> {
  yield '\uFEFF' + fields.map((f) => csvField(neutraliseFormula(f.id))).join(',') + '\r\n';
  for await (const rows of pages(ds, id, fields)) {
    let out = '';
    for (const r of rows) out += fields.map((f) => { const v = r[f.id]; return v === null ? '' : f.type === 'text' ? csvField(neutraliseFormula(String(v))) : csvField(String(v)); }).join(',') + '\r\n';
    yield out;
  }
}

async function* jsonDump(ds: Datastore, id: string, fields: DatastoreField[]): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const rows of pages(ds, id, fields)) {
    let out = '';
    for (const r of rows) {
      out += (first ? '\n' : ',\n') + JSON.stringify(r);
      first = false;
    }
    yield out;
  }
  yield '\n]\n';
}

function xlsxDump(ds: Datastore, id: string, fields: DatastoreField[]): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = wb.addWorksheet('data');
  void (async () => {
    sheet.addRow(fields.map((f) => f.id)).commit();
    for await (const rows of pages(ds, id, fields)) {
      for (const r of rows) sheet.addRow(fields.map((f) => { const v = r[f.id]; return f.type === 'date' && typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : v; })).commit();
    }
    sheet.commit();
    await wb.commit();
  })().catch((e: Error) => out.destroy(e));
  return out;
}

const CONTENT_TYPE = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export function registerDatastoreRoutes(app: App, ds: Datastore, resourceAccess: ResourceAccess, opts: DatastoreRouteOptions = {}): void {
  const callerOf = opts.callerOf ?? (async () => null);
  const check = async (req: FastifyRequest, id: string, write: boolean) => {
    if (!UUID_RE.test(id)) throw E.notFound();
    const a = await resourceAccess(id, await callerOf(req), write);
    if (a === 'not_found') throw E.notFound();
    if (a === 'forbidden') throw E.forbidden();
  };

  app.get(
    '/api/opendata/datastore/:resourceId/dump',
    {
      config: { policy: policy.public(), errors: [E.notFound, E.forbidden] },
      schema: {
        operationId: 'datastoreDump',
        tags: ['opendata'],
        summary: 'Download a DataStore table (tải dữ liệu) as CSV, JSON or XLSX',
        description: 'The whole table of a resource, streamed in `_id` order: CSV in UTF-8 with a BOM (cells starting with = + - @ or a tab/CR are prefixed with \' so spreadsheets do not run them), a JSON array of records, or an XLSX workbook. Private resources need a token of their agency.',
        params: ResourceParams,
        querystring: DumpQuery,
        response: { 200: Type.String({ description: 'text/csv, application/json or XLSX' }) },
      },
    },
    async (req: FastifyRequest<{ Params: { resourceId: string }; Querystring: { format?: 'csv' | 'json' | 'xlsx' } }>, reply) => {
      const id = req.params.resourceId;
      await check(req, id, false);
      const meta = await readMeta(ds.db, id);
      if (!meta) throw E.notFound();
      const format = req.query.format ?? 'csv';
      const body = format === 'xlsx' ? xlsxDump(ds, id, meta.fields) : Readable.from(format === 'csv' ? csvDump(ds, id, meta.fields) : jsonDump(ds, id, meta.fields));
      return reply.type(CONTENT_TYPE[format]).header('content-disposition', `attachment; filename="${id}.${format}"`).send(body);
    },
  );

  // CKAN's download URLs (`resources[].url` of a stored or DataStore resource points here): what harvesters and
  // ckanapi's `resource download` follow. The DataStore table as CSV (.json/.xlsx names choose those formats); a
  // resource that is only a link is redirected to it.
  const resourceOf = opts.resourceOf;
  if (resourceOf) {
    const download = async (req: FastifyRequest<{ Params: { name: string; resourceId: string; filename?: string } }>, reply: FastifyReply) => {
      const { name, resourceId: id, filename } = req.params;
      if (!UUID_RE.test(id)) throw E.resourceNotFound();
      const r = await resourceOf(id);
      if (!r || r.datasetName !== name) throw E.resourceNotFound();
      const a = await resourceAccess(id, await callerOf(req), false);
      if (a === 'not_found') throw E.resourceNotFound();
      if (a === 'forbidden') throw E.forbidden();
      const meta = await readMeta(ds.db, id);
      if (!meta) {
        if (r.url) return reply.redirect(r.url, 302);
        throw E.notFound();
      }
      const ext = /\.(json|xlsx)$/i.exec(filename ?? '')?.[1]?.toLowerCase() as 'json' | 'xlsx' | undefined;
      const format = ext ?? 'csv';
      const file = safeFilename(filename) ?? `${safeFilename(r.name)?.replace(/\.(csv|json|xlsx)$/i, '') ?? id}.${format}`;
      const body = format === 'xlsx' ? xlsxDump(ds, id, meta.fields) : Readable.from(format === 'csv' ? csvDump(ds, id, meta.fields) : jsonDump(ds, id, meta.fields));
      return reply.type(CONTENT_TYPE[format]).header('content-disposition', `attachment; filename="${file}"`).send(body);
    };
    const describe = 'The file of a resource at the address CKAN gives it (`resources[].url` of package_show and resource_show): its DataStore table as CSV (UTF-8 with BOM, formula cells neutralised; a file name ending in .json or .xlsx gives that format), a resource that is only a link redirected to it (302). Private resources need a token of their agency.';
    app.get(
      '/dataset/:name/resource/:resourceId/download',
      {
        config: { policy: policy.public(), errors: [E.resourceNotFound, E.notFound, E.forbidden] },
        schema: { operationId: 'resourceDownload', tags: ['opendata'], summary: 'Download a resource (tải tệp của tài nguyên), CKAN’s address', description: describe, params: DownloadParams, response: { 200: Type.String({ description: 'text/csv' }), 302: Redirect } },
      },
      download,
    );
    app.get(
      '/dataset/:name/resource/:resourceId/download/:filename',
      {
        config: { policy: policy.public(), errors: [E.resourceNotFound, E.notFound, E.forbidden] },
        schema: { operationId: 'resourceDownloadFile', tags: ['opendata'], summary: 'Download a resource under a file name, CKAN’s address', description: describe, params: DownloadFileParams, response: { 200: Type.String({ description: 'text/csv, application/json or XLSX' }), 302: Redirect } },
      },
      download,
    );
  }

  app.register(async (scope) => {
    for (const type of ['text/csv', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']) {
      scope.addContentTypeParser(type, (_req, payload, done) => done(null, payload));
    }
    scope.put(
      '/api/opendata/datastore/:resourceId',
      {
        config: { policy: policy.public(), errors: DATASTORE_LOAD_ERRORS, streamedBody: true, idempotency: { exempt: 'replaces the whole table with the file sent: sending the same file again gives the same table' } },
        schema: {
          operationId: 'datastoreLoad',
          tags: ['opendata'],
          summary: 'Load a CSV or XLSX file into a resource’s DataStore table (nạp dữ liệu)',
          description: 'The request body is the file (text/csv or the XLSX type), read while it streams in: types are inferred from the first 1,000 rows, the file goes into a new table which replaces the old one at the end, all or nothing. Ragged rows, a non-UTF-8 file, a missing or bad header row and files over the size cap are refused with the line concerned. Needs a token of the resource’s agency.',
          params: ResourceParams,
          querystring: LoadQuery,
          response: { 200: LoadResult },
        },
      },
      async (req: FastifyRequest<{ Params: { resourceId: string }; Querystring: { format?: 'csv' | 'xlsx' } }>) => {
        const id = req.params.resourceId;
        await check(req, id, true);
        // Only the file types parsed as a stream above: a JSON or form body is not a file.
        if (typeof (req.body as { pipe?: unknown } | null)?.pipe !== 'function') throw E.badFormat();
        const ct = String(req.headers['content-type'] ?? '');
        const format = req.query.format ?? (ct.includes('spreadsheetml') ? 'xlsx' : 'csv');
        return ds.load(id, req.body as Readable, format, { actor: actorOf(req) });
      },
    );
  });
}
