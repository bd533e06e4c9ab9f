import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import N3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { startTestPlatform, TestClock, type TestPlatform } from '../../../test/support/platform';
import { platformActor } from '../../platform/auth/actor';

/**
 * The DCAT-AP 3.0.1 output against the official SHACL shapes (copied under test/fixtures with their licence):
 * the demo catalogue has no violation; a dataset without its description is reported.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const SHAPES_DIR = path.resolve(here, '../../../test/fixtures/dcat-ap-3.0.1');
let p: TestPlatform;
let validator: SHACLValidator;

const parse = (ttl: string) => new N3.Store(new N3.Parser().parse(ttl));

async function violations(ttl: string) {
  const report = await validator.validate(parse(ttl));
  return report.results.filter((r) => r.severity?.value === 'http://www.w3.org/ns/shacl#Violation').map((r) => ({ focus: r.focusNode?.value, path: r.path?.value, message: r.message.map((m) => m.value).join(' ') }));
}

beforeAll(async () => {
  p = await startTestPlatform({ clock: new TestClock(new Date('2026-11-20T03:00:00Z')) });
  const shapes = ['dcat-ap-SHACL.ttl', 'ranges.ttl'].flatMap((f) => new N3.Parser().parse(fs.readFileSync(path.join(SHAPES_DIR, f), 'utf8')));
  validator = new SHACLValidator(new N3.Store(shapes));
});
afterAll(() => p?.close());

describe('DCAT-AP 3.0.1', () => {
  it('serves the demo catalogue as Turtle with 0 SHACL violations, its data services and Hydra paging', async () => {
    const res = await p.anonymous().get('/catalog.ttl');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/turtle/);
    expect(await violations(res.body)).toEqual([]);
    const store = parse(res.body);
    const DCAT = 'http://www.w3.org/ns/dcat#';
    const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
    expect(store.getSubjects(RDF_TYPE, `${DCAT}Dataset`, null).length).toBe(4);
    const services = store.getSubjects(RDF_TYPE, `${DCAT}DataService`, null).map((s) => s.value);
    expect(services).toEqual(expect.arrayContaining([`${p.config.publicUrl}/api/3/action`, `${p.config.publicUrl}/api/3/action/datastore_search`]));
    expect(store.getQuads(null, 'http://www.w3.org/ns/hydra/core#totalItems', null, null)[0].object.value).toBe('4');
  });

  it('serves the same triples as JSON-LD and RDF/XML, pages with q and modified_since, and one document per dataset', async () => {
    const ttl = parse((await p.anonymous().get('/catalog.ttl')).body);
    const jsonld = await p.anonymous().get('/catalog.jsonld');
    expect(jsonld.headers['content-type']).toMatch(/^application\/ld\+json/);
    const graph = jsonld.json()['@graph'] as Record<string, unknown>[];
    expect(graph.length).toBe(new Set(ttl.getSubjects(null, null, null).map((s) => s.value)).size);
    const rdf = await p.anonymous().get('/catalog.rdf');
    expect(rdf.headers['content-type']).toMatch(/^application\/rdf\+xml/);
    expect(rdf.body).toContain('<rdf:RDF');
    expect(rdf.body).toContain('<rdf:type rdf:resource="http://www.w3.org/ns/dcat#Dataset"/>');
    const q = parse((await p.anonymous().get('/catalog.ttl?q=don vi hanh chinh')).body);
    expect(q.getSubjects('http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'http://www.w3.org/ns/dcat#Dataset', null).length).toBe(1);
    const later = parse((await p.anonymous().get('/catalog.ttl?modified_since=2100-01-01T00:00:00Z')).body);
    expect(later.getSubjects('http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'http://www.w3.org/ns/dcat#Dataset', null).length).toBe(0);
    const one = await p.anonymous().get('/dataset/don-vi-hanh-chinh.ttl');
    expect(one.statusCode).toBe(200);
    expect(await violations(one.body)).toEqual([]);
    expect((await p.anonymous().get('/dataset/giay-phep-xay-dung.ttl')).statusCode).toBe(404); // in review
  });

  it('reports a published dataset without its description', async () => {
    const svc = p.services.opendata.service;
    const agency = (await svc.orgOf('000-00-01-h38'))!.id;
    const admin = { accountId: '', editAgencies: new Set<string>(), publishAgencies: new Set<string>(), admin: true };
    await p.ctx.db.transaction((tx) => svc.create(tx, admin, platformActor('test'), { name: 'khong-mo-ta', title: 'Bộ dữ liệu không có mô tả', owner_org: agency, state: 'active' }, p.clock.now()));
    const found = await violations((await p.anonymous().get('/dataset/khong-mo-ta.ttl')).body);
    expect(found).toEqual([expect.objectContaining({ path: 'http://purl.org/dc/terms/description' })]);
  });
});
