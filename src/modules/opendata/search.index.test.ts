import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../../platform/db/client';
import { enqueueEvent } from '../../platform/events/outbox';
import { onPostgres } from '../../../test/support/platform';
import { pgliteTemplate, pgTemplate } from '../../../test/support/template-env';
import { opendataDatasets, opendataResources } from './opendata.schema';
import { DatasetSearchIndex, firstInOrder } from './search.index';

/**
 * The in-memory view package_search reads: built from the published datasets of the demo catalogue, then kept in
 * step with writes it is not told about (another process's: seen through the outbox within FOLLOW_EVERY_MS) and with
 * this process's (at once after `touch`), including a DataStore load that marks its dataset modified.
 */
let database: Database;
let drop: (() => Promise<void>) | null = null;

beforeAll(async () => {
  if (onPostgres) {
    const { default: pg } = await import('pg');
    const server = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
    const name = `motcua_t_odidx_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: `${server}/postgres` });
    await admin.connect();
    await admin.query(`create database ${name} template ${pgTemplate()}`);
    await admin.end();
    database = await openDatabase({ databaseUrl: `${server}/${name}`, poolSize: 4 });
    drop = async () => {
      const c = new pg.Client({ connectionString: `${server}/postgres` });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    database = await openDatabase({ dataDir: 'memory://', loadDataDir: pgliteTemplate()! });
  }
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

const names = async (index: DatasetSearchIndex) => [...(await index.current())].map((e) => e.name).sort();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('firstInOrder', () => {
  it('gives the first k of the sorted list, whatever k', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const xs = Array.from({ length: 500 }, (_, i) => ({ v: Math.floor(rnd() * 50), i }));
    const cmp = (a: { v: number; i: number }, b: { v: number; i: number }) => a.v - b.v || a.i - b.i;
    const sorted = xs.slice().sort(cmp);
    for (const k of [0, 1, 10, 37, 62, 63, 100, 499, 500, 800]) expect(firstInOrder(xs, k, cmp)).toEqual(sorted.slice(0, k));
    expect(xs).toHaveLength(500); // the input is left as it was
  });
});

describe('the search index', () => {
  it('holds the published datasets and follows writes through the outbox', async () => {
    const index = new DatasetSearchIndex(database.db);
    const before = await names(index);
    expect(before).toEqual(expect.arrayContaining(['danh-muc-thu-tuc-hanh-chinh', 'don-vi-hanh-chinh']));
    expect(before).not.toContain('giay-phep-xay-dung'); // in review
    const [demo] = await database.db.select().from(opendataDatasets).where(eq(opendataDatasets.name, 'don-vi-hanh-chinh'));
    const at = new Date();

    // Another process publishes a dataset: its event shows it within FOLLOW_EVERY_MS.
    const id = randomUUID();
    await database.db.transaction(async (tx) => {
      await tx.insert(opendataDatasets).values({ id, name: 'chi-so-tu-tien-trinh-khac', titleVi: 'Chỉ số từ tiến trình khác', agencyId: demo!.agencyId, state: 'published', searchText: 'chi so tu tien trinh khac', metadataCreated: at, metadataModified: at, publishedAt: at });
      await enqueueEvent(tx, { type: 'opendata.package.create', aggregateType: 'opendata_dataset', aggregateId: id, payload: {} });
    });
    await sleep(150);
    expect(await names(index)).toContain('chi-so-tu-tien-trinh-khac');

    // This process retires it: after `touch`, the next search already reads the change.
    await database.db.transaction(async (tx) => {
      index.touch();
      await tx.update(opendataDatasets).set({ state: 'retired', metadataModified: new Date(at.getTime() + 1000) }).where(eq(opendataDatasets.id, id));
      await enqueueEvent(tx, { type: 'opendata.package.retire', aggregateType: 'opendata_dataset', aggregateId: id, payload: {} });
    });
    expect(await names(index)).toEqual(before);

    // A DataStore load (its event names the resource) marks its dataset modified, and the resource comes along.
    const resourceId = randomUUID();
    const modified = new Date(at.getTime() + 5000);
    await database.db.transaction(async (tx) => {
      index.touch();
      await tx.insert(opendataResources).values({ id: resourceId, datasetId: demo!.id, name: 'Bảng mới', format: 'CSV', position: 99, created: modified, lastModified: modified, datastoreActive: true });
      await tx.update(opendataDatasets).set({ metadataModified: modified }).where(eq(opendataDatasets.id, demo!.id));
      await enqueueEvent(tx, { type: 'datastore.loaded', aggregateType: 'datastore', aggregateId: resourceId, payload: {} });
    });
    const entry = [...(await index.current())].find((e) => e.id === demo!.id)!;
    expect(entry.modified).toBe(modified.getTime());
    expect(entry.resources.map((r) => r.id)).toContain(resourceId);
  });
});
