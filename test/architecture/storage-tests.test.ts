/** The selection of CI's PostgreSQL pass (scripts/storage-tests.ts): every test that reaches storage is in it. */
import { describe, expect, it } from 'vitest';
import { splitTests, valueImports } from '../../scripts/storage-tests';

describe('tests that touch storage', () => {
  it('reads value imports, re-exports and dynamic imports, not type-only imports', () => {
    const src = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "export { c } from '../c';",
      "import './side-effect';",
      "const m = await import('./lazy');",
      "import { x } from 'vitest';",
    ].join('\n');
    expect(valueImports(src).sort()).toEqual(['../c', './a', './lazy', './side-effect']);
  });

  it('puts the API and module tests and the marked browser test on the PostgreSQL pass and leaves the pure ones out', () => {
    const { storage, others } = splitTests();
    expect(storage).toContain('src/modules/dossier/dossier.api.test.ts');
    // Of the browser tests only the one marked @postgres-pass (the whole journey) runs twice.
    expect(storage).toContain('test/e2e/journey.test.ts');
    expect(others).toContain('test/e2e/voice.test.ts');
    expect(storage.filter((t) => t.startsWith('test/e2e/'))).toEqual(['test/e2e/journey.test.ts']);
    expect(storage).toContain('src/modules/notify/notify.crash.test.ts');
    expect(others).toContain('src/shared/calendar/holidays.test.ts');
    expect(others).toContain('src/shared/dossier/machine.test.ts');
    // Every test file is in exactly one of the two lists.
    expect(new Set([...storage, ...others]).size).toBe(storage.length + others.length);
    // Most tests outside the browser ones reach storage.
    expect(storage.length).toBeGreaterThan(others.filter((t) => !t.startsWith('test/e2e/')).length);
  });
});
