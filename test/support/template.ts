/**
 * The test database template: migrated, with the reference and demo data, built ONCE per test run (vitest's
 * globalSetup) instead of in every test file. A file's platform then starts from a copy — PGlite from the dumped
 * cluster (no initdb, no migrations, no demo password hashing), PostgreSQL with `CREATE DATABASE … TEMPLATE`. The
 * seeds stay idempotent, so a platform started from the template runs them again as no-ops, exactly like the second
 * start of an installation. Built fresh at every run from the current migrations and seeds: it cannot go stale.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { migrateDatabase, openDatabase, type Database } from '../../src/platform/db/client';
import { seedDemo, seedReference } from '../../src/seed/seed';

import { PGLITE_TEMPLATE_ENV, PG_TEMPLATE_ENV } from './template-env';

const SERVER_URL = process.env.MOTCUA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

async function seed(database: Database): Promise<void> {
  await migrateDatabase(database);
  await seedReference(database.db);
  await seedDemo(database.db, loadConfig({ LOG_LEVEL: 'silent', SEED_DEMO: 'false' }));
}

async function pgAdmin(sqlText: string): Promise<void> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: `${SERVER_URL}/postgres` });
  await c.connect();
  try {
    await c.query(sqlText);
  } finally {
    await c.end();
  }
}

/** Builds the template of this run's database kind; returns what removes it. */
export async function buildTemplate(onPostgres: boolean): Promise<() => Promise<void>> {
  if (onPostgres) {
    const name = `motcua_tpl_${process.pid}_${randomBytes(3).toString('hex')}`;
    await pgAdmin(`create database ${name}`);
    const database = await openDatabase({ databaseUrl: `${SERVER_URL}/${name}`, poolSize: 2 });
    try {
      await seed(database);
    } finally {
      await database.close();
    }
    process.env[PG_TEMPLATE_ENV] = name;
    return () => pgAdmin(`drop database if exists ${name} with (force)`);
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  const file = path.join(os.tmpdir(), `motcua-test-template-${process.pid}-${randomBytes(3).toString('hex')}.tar`);
  try {
    await seed(database);
    fs.writeFileSync(file, Buffer.from(await (await database.dump!()).arrayBuffer()));
  } finally {
    await database.close();
  }
  process.env[PGLITE_TEMPLATE_ENV] = file;
  return async () => fs.rmSync(file, { force: true });
}
