/**
 * The DCAT-AP 3.0.1 endpoints harvesters call (as ckanext-dcat serves them): `/catalog.{ttl,jsonld,rdf}` with Hydra
 * paging (`page`, `modified_since`, `q`) and one document per dataset, `/dataset/{name}.{ttl,jsonld,rdf}`.
 */
import { Type } from 'typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../platform/http/app';
import { policy } from '../../../platform/auth/policy';
import { opendataErrors as E } from '../opendata.errors';
import type { OpendataService } from '../opendata.service';
import { catalogueQuads, toJsonLd, toRdfXml, toTurtle, type CatalogueInfo, type DcatDataset } from './dcat';

const FORMATS = {
  ttl: 'text/turtle; charset=utf-8',
  jsonld: 'application/ld+json; charset=utf-8',
  rdf: 'application/rdf+xml; charset=utf-8',
} as const;
type Format = keyof typeof FORMATS;

export const DCAT_PAGE_SIZE = 100;

const CatalogQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    modified_since: Type.Optional(Type.String({ format: 'date-time', description: 'Only datasets changed since (ISO 8601).' })),
    q: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
const FileParams = Type.Object({ file: Type.String({ pattern: '^[a-z0-9_-]{2,100}\\.(ttl|jsonld|rdf)$', description: 'The dataset name and the format: name.ttl, name.jsonld or name.rdf.' }) }, { additionalProperties: false });

export function registerDcatRoutes(app: App, d: { svc: OpendataService; info: () => Omit<CatalogueInfo, 'modified'>; now: () => Date }): void {
  const { svc } = d;

  async function render(reply: FastifyReply, format: Format, datasets: DcatDataset[], paging: Parameters<typeof catalogueQuads>[3]) {
    const groups = await svc.groups();
    const modified = datasets.reduce((m, x) => (x.row.metadataModified > m ? x.row.metadataModified : m), new Date(0));
    const quads = catalogueQuads({ ...d.info(), modified: modified.getTime() ? modified : d.now() }, datasets, groups, paging);
    const body = format === 'ttl' ? await toTurtle(quads) : format === 'jsonld' ? JSON.stringify(toJsonLd(quads)) : toRdfXml(quads);
    return reply.header('content-type', FORMATS[format]).send(body);
  }

  async function withResources(rows: DcatDataset['row'][]): Promise<DcatDataset[]> {
    const res = await svc.resourcesOf(rows.map((r) => r.id));
    const agencies = await svc.allAgencies();
    return rows.map((row) => ({ row, resources: res.filter((r) => r.datasetId === row.id), agency: agencies.find((a) => a.id === row.agencyId) }));
  }

  for (const format of Object.keys(FORMATS) as Format[]) {
    app.get(
      `/catalog.${format}`,
      {
        config: { policy: policy.public(), errors: [] },
        schema: {
          operationId: `dcatCatalog${format === 'ttl' ? 'Turtle' : format === 'jsonld' ? 'JsonLd' : 'RdfXml'}`,
          tags: ['opendata'],
          summary: `The DCAT-AP 3.0.1 catalogue (${format})`,
          description: `The open-data catalogue in DCAT-AP 3.0.1 (${FORMATS[format].split(';')[0]}): the catalogue, its data services (the CKAN Action API, the DataStore API) and ${DCAT_PAGE_SIZE} datasets per page, newest change first, with Hydra paging (hydra:PagedCollection, nextPage …). modified_since and q narrow it, as ckanext-dcat does.`,
          querystring: CatalogQuery,
          response: { 200: Type.String({ description: 'The RDF document.' }) },
        },
      },
      async (req: FastifyRequest<{ Querystring: { page?: number; modified_since?: string; q?: string } }>, reply) => {
        const page = req.query.page ?? 1;
        const since = req.query.modified_since ? new Date(req.query.modified_since) : null;
        const q = req.query.q ?? '';
        const { total, rows } = await svc.publicPage({ page, perPage: DCAT_PAGE_SIZE, modifiedSince: since, q });
        const base = d.info().baseUrl;
        const pageUrl = (n: number) => {
          const u = new URLSearchParams();
          if (q) u.set('q', q);
          if (req.query.modified_since) u.set('modified_since', req.query.modified_since);
          u.set('page', String(n));
          return `${base}/catalog.${format}?${u}`;
        };
        return render(reply, format, await withResources(rows), { page, perPage: DCAT_PAGE_SIZE, total, pageUrl });
      },
    );
  }

  app.get(
    '/dataset/:file',
    {
      config: { policy: policy.public(), errors: [E.datasetNotFound] },
      schema: {
        operationId: 'dcatDataset',
        tags: ['opendata'],
        summary: 'One dataset in DCAT-AP 3.0.1 (ttl, jsonld, rdf)',
        description: 'A published dataset as DCAT-AP 3.0.1, with its distributions, publisher and the catalogue’s data services: /dataset/{name}.ttl, .jsonld or .rdf.',
        params: FileParams,
        response: { 200: Type.String({ description: 'The RDF document.' }) },
      },
    },
    async (req: FastifyRequest<{ Params: { file: string } }>, reply) => {
      const [, name, format] = /^(.+)\.(ttl|jsonld|rdf)$/.exec(req.params.file)!;
      const row = await svc.publicDataset(name);
      if (!row) throw E.datasetNotFound();
      return render(reply, format as Format, await withResources([row]), null);
    },
  );
}
