/**
 * DCAT-AP 3.0.1 (the European catalogue profile harvesters read): the catalogue, its datasets and distributions,
 * its publishers and its data services (the CKAN Action API, the DataStore API) as RDF triples, built once with
 * `n3` and written as Turtle (n3's writer), JSON-LD and RDF/XML (the small writers below, from the same triples).
 */
import N3 from 'n3';
import type { Quad, Term } from 'n3';
import { licenceOf, orgNameOfCode } from '../../../shared/opendata/licences';
import type { OpendataAgency } from '../opendata.ports';
import type { DatasetRow, GroupRow, ResourceRow } from '../opendata.service';

const { namedNode, literal, blankNode, quad } = N3.DataFactory;

export const PREFIXES: Record<string, string> = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  adms: 'http://www.w3.org/ns/adms#',
};
const ns = (p: string) => (local: string) => namedNode(PREFIXES[p] + local);
const rdf = ns('rdf');
const xsd = ns('xsd');
const dcat = ns('dcat');
const dct = ns('dct');
const foaf = ns('foaf');
const vcard = ns('vcard');
const hydra = ns('hydra');
const EU = 'http://publications.europa.eu/resource/authority/';

const FILE_TYPE: Record<string, { eu: string; media: string }> = {
  CSV: { eu: 'CSV', media: 'text/csv' },
  XLSX: { eu: 'XLSX', media: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  JSON: { eu: 'JSON', media: 'application/json' },
  GEOJSON: { eu: 'GEOJSON', media: 'application/geo+json' },
};

export interface CatalogueInfo {
  baseUrl: string;
  title: { vi: string; en: string };
  description: { vi: string; en: string };
  publisherName: string;
  modified: Date;
}

export interface DcatDataset {
  row: DatasetRow;
  resources: ResourceRow[];
  agency: OpendataAgency | undefined;
}

export interface Paging {
  page: number;
  perPage: number;
  total: number;
  /** The catalogue URL with the request's other parameters (q, modified_since), without `page`. */
  pageUrl(page: number): string;
}

class Graph {
  readonly quads: Quad[] = [];
  add(s: Quad['subject'], p: Quad['predicate'], o: Quad['object'] | null | undefined) {
    if (o) this.quads.push(quad(s, p, o));
  }
  text(s: Quad['subject'], p: Quad['predicate'], v: string | null | undefined, lang?: string) {
    if (v && v.trim()) this.add(s, p, lang ? literal(v, lang) : literal(v));
  }
}

const dateTime = (d: Date) => literal(d.toISOString(), xsd('dateTime'));

export const datasetIri = (base: string, d: DatasetRow) => `${base}/dataset/${d.id}`;
const agencyIri = (base: string, a: OpendataAgency) => `${base}/organization/${orgNameOfCode(a.code)}`;

function services(g: Graph, base: string): { ckan: Quad['subject']; datastore: Quad['subject'] } {
  const ckan = namedNode(`${base}/api/3/action`);
  g.add(ckan, rdf('type'), dcat('DataService'));
  g.text(ckan, dct('title'), 'API CKAN (Action API v3) của cổng dữ liệu mở', 'vi');
  g.text(ckan, dct('title'), 'CKAN Action API v3 of the open-data portal', 'en');
  g.text(ckan, dct('description'), 'Tìm kiếm và đọc siêu dữ liệu các bộ dữ liệu (package_search, package_show …).', 'vi');
  g.add(ckan, dcat('endpointURL'), namedNode(`${base}/api/3/action/`));
  g.add(ckan, dcat('endpointDescription'), namedNode(`${base}/api/openapi.json`));
  // The ranges of endpointURL and endpointDescription are rdfs:Resource (stated: validators do not infer it).
  for (const r of [`${base}/api/3/action/`, `${base}/api/openapi.json`, `${base}/api/3/action/datastore_search`]) g.add(namedNode(r), rdf('type'), namedNode(`${PREFIXES.rdfs}Resource`));
  const datastore = namedNode(`${base}/api/3/action/datastore_search`);
  g.add(datastore, rdf('type'), dcat('DataService'));
  g.text(datastore, dct('title'), 'API DataStore: truy vấn dữ liệu dạng bảng', 'vi');
  g.text(datastore, dct('title'), 'DataStore API: queries over tabular data', 'en');
  g.add(datastore, dcat('endpointURL'), namedNode(`${base}/api/3/action/datastore_search`));
  g.add(datastore, dcat('endpointDescription'), namedNode(`${base}/api/openapi.json`));
  return { ckan, datastore };
}

function agent(g: Graph, base: string, a: OpendataAgency | undefined, fallbackName: string): Quad['subject'] {
  const node = a ? namedNode(agencyIri(base, a)) : namedNode(`${base}/#publisher`);
  g.add(node, rdf('type'), foaf('Agent'));
  g.text(node, foaf('name'), a?.name ?? fallbackName, 'vi');
  if (a?.nameEn) g.text(node, foaf('name'), a.nameEn, 'en');
  return node;
}

function addDataset(g: Graph, base: string, ds: DcatDataset, groups: GroupRow[], svc: { ckan: Quad['subject']; datastore: Quad['subject'] }): Quad['subject'] {
  const d = ds.row;
  const s = namedNode(datasetIri(base, d));
  g.add(s, rdf('type'), dcat('Dataset'));
  g.text(s, dct('identifier'), d.id);
  g.text(s, dct('title'), d.titleVi, 'vi');
  g.text(s, dct('title'), d.titleEn, 'en');
  g.text(s, dct('description'), d.notesVi, 'vi');
  g.text(s, dct('description'), d.notesEn, 'en');
  for (const t of d.tags) g.text(s, dcat('keyword'), t, 'vi');
  for (const name of d.groups) {
    const group = groups.find((x) => x.name === name);
    if (!group?.theme) continue;
    const c = namedNode(`${EU}data-theme/${group.theme}`);
    g.add(s, dcat('theme'), c);
    g.add(c, rdf('type'), namedNode(`${PREFIXES.skos}Concept`));
    g.text(c, namedNode(`${PREFIXES.skos}prefLabel`), group.titleVi, 'vi');
    g.text(c, namedNode(`${PREFIXES.skos}prefLabel`), group.titleEn, 'en');
  }
  g.add(s, dct('publisher'), agent(g, base, ds.agency, ''));
  g.add(s, dct('issued'), dateTime(d.publishedAt ?? d.metadataCreated));
  g.add(s, dct('modified'), dateTime(d.metadataModified));
  g.text(s, dcat('version'), d.version);
  g.add(s, dcat('landingPage'), namedNode(`${base}/du-lieu-mo/${d.name}`));
  g.add(namedNode(`${base}/du-lieu-mo/${d.name}`), rdf('type'), foaf('Document'));
  g.add(s, dct('language'), namedNode(`${EU}language/VIE`));
  g.add(namedNode(`${EU}language/VIE`), rdf('type'), dct('LinguisticSystem'));
  if (d.contactName || d.contactEmail) {
    const c = blankNode();
    g.add(s, dcat('contactPoint'), c);
    g.add(c, rdf('type'), vcard('Kind'));
    g.text(c, vcard('fn'), d.contactName ?? ds.agency?.name);
    if (d.contactEmail) g.add(c, vcard('hasEmail'), namedNode(`mailto:${d.contactEmail}`));
  }
  if (d.temporalStart || d.temporalEnd) {
    const t = blankNode();
    g.add(s, dct('temporal'), t);
    g.add(t, rdf('type'), dct('PeriodOfTime'));
    if (d.temporalStart) g.add(t, dcat('startDate'), literal(d.temporalStart, xsd('date')));
    if (d.temporalEnd) g.add(t, dcat('endDate'), literal(d.temporalEnd, xsd('date')));
  }
  for (const code of d.spatial) {
    const loc = namedNode(`${base}/api/admin-units/${encodeURIComponent(code)}`);
    g.add(s, dct('spatial'), loc);
    g.add(loc, rdf('type'), dct('Location'));
  }
  if (d.updateFrequency) {
    const f = namedNode(`${EU}frequency/${d.updateFrequency}`);
    g.add(s, dct('accrualPeriodicity'), f);
    g.add(f, rdf('type'), dct('Frequency'));
  }
  const lic = licenceOf(d.licenseId);
  for (const r of ds.resources) {
    const dist = namedNode(`${datasetIri(base, d)}/resource/${r.id}`);
    g.add(s, dcat('distribution'), dist);
    g.add(dist, rdf('type'), dcat('Distribution'));
    g.text(dist, dct('title'), r.name, 'vi');
    g.text(dist, dct('description'), r.description, 'vi');
    const url = r.url ?? `${base}/dataset/${d.name}/resource/${r.id}/download`;
    g.add(dist, dcat('accessURL'), namedNode(url));
    const ft = FILE_TYPE[r.format.toUpperCase()];
    if (ft) {
      g.add(dist, dcat('downloadURL'), namedNode(url));
      const f = namedNode(`${EU}file-type/${ft.eu}`);
      g.add(dist, dct('format'), f);
      g.add(f, rdf('type'), dct('MediaTypeOrExtent'));
      const m = namedNode(`https://www.iana.org/assignments/media-types/${r.mimetype ?? ft.media}`);
      g.add(dist, dcat('mediaType'), m);
      g.add(m, rdf('type'), dct('MediaType'));
    } else {
      g.add(dist, dcat('accessService'), svc.ckan);
    }
    if (r.datastoreActive) g.add(dist, dcat('accessService'), svc.datastore);
    if (r.size !== null && r.size !== undefined) g.add(dist, dcat('byteSize'), literal(String(r.size), xsd('nonNegativeInteger')));
    g.add(dist, dct('modified'), dateTime(r.lastModified));
    if (lic) {
      const l = namedNode(lic.url);
      g.add(dist, dct('license'), l);
      g.add(l, rdf('type'), dct('LicenseDocument'));
    }
  }
  if (lic) {
    const l = namedNode(lic.url);
    g.add(s, dct('license'), l);
    g.add(l, rdf('type'), dct('LicenseDocument'));
  }
  return s;
}

/** The catalogue page (Hydra paging) or, with `paging` null, one dataset's document with the catalogue around it. */
export function catalogueQuads(info: CatalogueInfo, datasets: DcatDataset[], groups: GroupRow[], paging: Paging | null): Quad[] {
  const g = new Graph();
  const base = info.baseUrl;
  const cat = namedNode(`${base}/catalog`);
  g.add(cat, rdf('type'), dcat('Catalog'));
  g.text(cat, dct('title'), info.title.vi, 'vi');
  g.text(cat, dct('title'), info.title.en, 'en');
  g.text(cat, dct('description'), info.description.vi, 'vi');
  g.text(cat, dct('description'), info.description.en, 'en');
  g.add(cat, dct('publisher'), agent(g, base, undefined, info.publisherName));
  g.add(cat, foaf('homepage'), namedNode(`${base}/du-lieu-mo`));
  g.add(namedNode(`${base}/du-lieu-mo`), rdf('type'), foaf('Document'));
  g.add(cat, dct('language'), namedNode(`${EU}language/VIE`));
  g.add(namedNode(`${EU}language/VIE`), rdf('type'), dct('LinguisticSystem'));
  g.add(cat, dct('modified'), dateTime(info.modified));
  const svc = services(g, base);
  g.add(cat, dcat('service'), svc.ckan);
  g.add(cat, dcat('service'), svc.datastore);
  for (const ds of datasets) {
    const s = addDataset(g, base, ds, groups, svc);
    g.add(cat, dcat('dataset'), s);
    g.add(svc.ckan, dcat('servesDataset'), s);
    if (ds.resources.some((r) => r.datastoreActive)) g.add(svc.datastore, dcat('servesDataset'), s);
  }
  if (paging) {
    const last = Math.max(1, Math.ceil(paging.total / paging.perPage));
    const page = namedNode(paging.pageUrl(paging.page));
    g.add(page, rdf('type'), hydra('PagedCollection'));
    g.add(page, hydra('totalItems'), literal(String(paging.total), xsd('integer')));
    g.add(page, hydra('itemsPerPage'), literal(String(paging.perPage), xsd('integer')));
    g.add(page, hydra('firstPage'), literal(paging.pageUrl(1)));
    g.add(page, hydra('lastPage'), literal(paging.pageUrl(last)));
    if (paging.page < last) g.add(page, hydra('nextPage'), literal(paging.pageUrl(paging.page + 1)));
    if (paging.page > 1) g.add(page, hydra('previousPage'), literal(paging.pageUrl(Math.min(paging.page - 1, last))));
  }
  return g.quads;
}

// --- writers ---------------------------------------------------------------------------------------------------

export function toTurtle(quads: Quad[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const w = new N3.Writer({ prefixes: PREFIXES });
    w.addQuads(quads);
    w.end((err, out) => (err ? reject(err) : resolve(out)));
  });
}

const termId = (t: Term) => (t.termType === 'BlankNode' ? `_:${t.value}` : t.value);

/** JSON-LD (flattened: one node per subject in `@graph`, full IRIs, no remote context). */
export function toJsonLd(quads: Quad[]): Record<string, unknown> {
  const nodes = new Map<string, Record<string, unknown>>();
  for (const q of quads) {
    const id = termId(q.subject);
    let node = nodes.get(id);
    if (!node) nodes.set(id, (node = { '@id': id }));
    if (q.predicate.value === PREFIXES.rdf + 'type') {
      ((node['@type'] ??= []) as string[]).push(q.object.value);
      continue;
    }
    const o = q.object;
    const value =
      o.termType === 'Literal'
        ? o.language
          ? { '@value': o.value, '@language': o.language }
          : o.datatype.value === PREFIXES.xsd + 'string'
            ? { '@value': o.value }
            : { '@value': o.value, '@type': o.datatype.value }
        : { '@id': termId(o) };
    ((node[q.predicate.value] ??= []) as unknown[]).push(value);
  }
  return { '@graph': [...nodes.values()] };
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** RDF/XML: one rdf:Description per subject, properties as qualified names of the known prefixes. */
export function toRdfXml(quads: Quad[]): string {
  const extra = new Map<string, string>();
  const qname = (iri: string) => {
    for (const [p, uri] of Object.entries(PREFIXES)) if (iri.startsWith(uri) && /^[A-Za-z_][\w.-]*$/.test(iri.slice(uri.length))) return `${p}:${iri.slice(uri.length)}`;
    const cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1;
    let p = extra.get(iri.slice(0, cut));
    if (!p) extra.set(iri.slice(0, cut), (p = `ns${extra.size}`));
    return `${p}:${iri.slice(cut)}`;
  };
  const bySubject = new Map<string, Quad[]>();
  for (const q of quads) {
    const k = termId(q.subject);
    if (!bySubject.has(k)) bySubject.set(k, []);
    bySubject.get(k)!.push(q);
  }
  const body: string[] = [];
  for (const [, qs] of bySubject) {
    const s = qs[0].subject;
    body.push(s.termType === 'BlankNode' ? `  <rdf:Description rdf:nodeID="${xmlEscape(s.value)}">` : `  <rdf:Description rdf:about="${xmlEscape(s.value)}">`);
    for (const q of qs) {
      const p = qname(q.predicate.value);
      const o = q.object;
      if (o.termType === 'NamedNode') body.push(`    <${p} rdf:resource="${xmlEscape(o.value)}"/>`);
      else if (o.termType === 'BlankNode') body.push(`    <${p} rdf:nodeID="${xmlEscape(o.value)}"/>`);
      else if (o.termType === 'Literal') {
        const attr = o.language ? ` xml:lang="${o.language}"` : o.datatype.value !== PREFIXES.xsd + 'string' ? ` rdf:datatype="${xmlEscape(o.datatype.value)}"` : '';
        body.push(`    <${p}${attr}>${xmlEscape(o.value)}</${p}>`);
      }
    }
    body.push('  </rdf:Description>');
  }
  const xmlns = [...Object.entries(PREFIXES), ...[...extra].map(([uri, p]) => [p, uri])].map(([p, uri]) => `xmlns:${p}="${xmlEscape(uri)}"`).join(' ');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF ${xmlns}>\n${body.join('\n')}\n</rdf:RDF>\n`;
}
