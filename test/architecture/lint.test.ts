import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The boundary rules of `npm run lint`, run through ESLint's Node API on deliberately wrong code (in memory: the
 * text is linted as if it were the file named, so nothing wrong is ever in the tree).
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function problems(file: string, code: string): Promise<{ rule: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}
const rules = async (file: string, code: string) => (await problems(file, code)).map((p) => p.rule);

describe('module boundaries (motcua/module-boundaries)', () => {
  it("refuses another module's schema file, from a module and from outside the modules", async () => {
    const code = "import { agencies } from '../geography/geography.schema';\nexport const t = agencies;\n";
    const found = await problems('src/modules/vault/wrong.ts', code);
    expect(found).toEqual([expect.objectContaining({ rule: 'motcua/module-boundaries', message: expect.stringContaining('private') })]);
    expect(await rules('src/seed/wrong.ts', "export { accounts } from '../modules/identity/identity.schema';\n")).toEqual(['motcua/module-boundaries']);
    expect(await rules('test/e2e/wrong.test.ts', "const m = await import('../../src/modules/registry/registry.schema');\nexport { m };\n")).toEqual(['motcua/module-boundaries']);
  });

  it("refuses a deep import past another module's index.ts, and allows the index and the module's own files", async () => {
    expect(await rules('src/modules/registry/wrong.ts', "import { AgencyDirectory } from '../geography/agency.directory';\nexport const d = AgencyDirectory;\n")).toEqual(['motcua/module-boundaries']);
    expect(await rules('src/modules/identity/eid/wrong.ts', "export * from '../../vault/store.service';\n")).toEqual(['motcua/module-boundaries']);
    expect(await rules('src/modules/registry/right.ts', "import { AgencyDirectory } from '../geography';\nimport { registryErrors } from './registry.errors';\nimport { registryPeople } from './registry.schema';\nexport const d = [AgencyDirectory, registryErrors, registryPeople];\n")).toEqual([]);
    expect(await rules('src/modules/registry/right2.ts', "import { hasConsent } from '../vault/index';\nexport const h = hasConsent;\n")).toEqual([]);
  });

  it('refuses the platform importing a module', async () => {
    const found = await problems('src/platform/auth/wrong.ts', "import type { Role } from '../../modules/identity';\nexport type R = Role;\n");
    expect(found).toEqual([expect.objectContaining({ rule: 'motcua/module-boundaries', message: expect.stringContaining('src/platform never imports') })]);
  });
});

describe('declared errors (no-restricted-syntax)', () => {
  const wrong = "import { AppError, errors } from '../../platform/http/errors';\nexport const a = () => new AppError(400, 'x.y', { vi: 'a', en: 'b' });\nexport const b = () => errors.conflict('x.z', { vi: 'a', en: 'b' });\n";

  it('refuses new AppError and the deprecated helpers outside the errors files', async () => {
    expect(await rules('src/modules/vault/wrong.ts', wrong)).toEqual(['no-restricted-syntax', 'no-restricted-syntax']);
    expect(await rules('src/platform/calendar/wrong.ts', wrong)).toEqual(['no-restricted-syntax', 'no-restricted-syntax']);
  });

  it('allows them in an errors file, where codes are declared', async () => {
    expect(await rules('src/modules/vault/wrong.errors.ts', wrong)).toEqual([]);
  });
});
