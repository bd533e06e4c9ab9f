import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import { platformActor } from '../../platform/auth/actor';
import { ajvErrorsToFields, validatorCompiler } from '../../platform/http/validation';
import { CatalogueDocumentSchema, type CatalogueDocument, type ProcedureVersionInput } from '../../shared/api/catalog';
import { CatalogService } from './catalog.service';

/**
 * Catalogue files: JSON documents in the import format (`{ "procedures": [ … ] }`, as `GET /api/admin/procedures/export`
 * answers and `POST /api/admin/procedures/import` takes). The demo catalogue is such a directory, one file per
 * procedure under its field: `seed/catalog/<field>/<key>.json`.
 */
export const DEMO_CATALOGUE_DIR = fileURLToPath(new URL('../../../seed/catalog', import.meta.url));

export interface CatalogueFile {
  /** Path relative to the directory read, e.g. `civil-status/birth-registration.json`. */
  file: string;
  procedures: ProcedureVersionInput[];
}

/** The same validator as the import route's body: a file that loads is a file the API would accept. */
type Check = ((data: unknown) => boolean) & { errors?: unknown };
let check: Check | undefined;

/**
 * Reads every `*.json` file under `dir` (in path order) and validates it against the import format; throws on the
 * first invalid file, naming it and every invalid field.
 */
export async function readCatalogueFiles(dir = DEMO_CATALOGUE_DIR): Promise<CatalogueFile[]> {
  const valid = (check ??= validatorCompiler({ schema: CatalogueDocumentSchema, httpPart: 'body', method: 'POST', url: '/api/admin/procedures/import' }) as unknown as Check);
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.json')).sort();
  const out: CatalogueFile[] = [];
  for (const file of files) {
    const rel = file.split(path.sep).join('/');
    let doc: unknown;
    try {
      doc = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
    } catch (e) {
      throw new Error(`catalogue file ${rel}: not JSON (${(e as Error).message})`);
    }
    if (!valid(doc)) {
      const fields = ajvErrorsToFields(valid.errors as never, 'body').map((f) => `${f.field}: ${f.message.en}`);
      throw new Error(`catalogue file ${rel} is not in the import format: ${fields.join('; ')}`);
    }
    out.push({ file: rel, procedures: (doc as CatalogueDocument).procedures });
  }
  return out;
}

/** The platform itself, publishing the demo catalogue at first start. */
const seeder: Principal = { accountId: '00000000-0000-0000-0000-000000000000', kind: 'system', displayName: 'seed', personalId: null, grants: [{ role: 'platform_admin', agencyId: '00000000-0000-0000-0000-000000000000', includeSubAgencies: true }], sessionId: 'seed', sessionKind: 'bearer', csrfToken: null } as Principal;

/** Imports and publishes the catalogue files of `dir` (the demo catalogue by default), all or none. */
export async function seedCatalogue(db: Db, now = new Date(), dir = DEMO_CATALOGUE_DIR) {
  const procedures = (await readCatalogueFiles(dir)).flatMap((f) => f.procedures);
  return new CatalogService(db).importAll(seeder, platformActor('seed:catalogue'), procedures, 'publish', now);
}

/** The demo catalogue: real procedures of Hải Phòng City and its communes (see seed/catalog/README.md). */
export const seedDemoCatalogue = (db: Db, now = new Date()) => seedCatalogue(db, now, DEMO_CATALOGUE_DIR);
