import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('has working defaults: PGlite in ./data, port 3000, demo data on', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir).toMatch(/data$/);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.seedDemo).toBe(true);
  });
  it('uses a PostgreSQL server when DATABASE_URL is set, without demo data by default', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/motcua' });
    expect(c.databaseUrl).toContain('postgres://');
    expect(c.seedDemo).toBe(false);
  });
  it('stops with a clear message naming every wrong value', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SEED_DEMO: 'maybe' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toContain('PORT="eighty"');
      expect(msg).toContain('DATABASE_URL');
      expect(msg).toContain('LOG_LEVEL');
      expect(msg).toContain('SEED_DEMO');
    }
  });
});

describe('README', () => {
  it('documents every configuration variable', async () => {
    const fs = await import('node:fs');
    const { CONFIG_DOC } = await import('./config');
    const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const [name] of CONFIG_DOC) expect(readme, `${name} (run: node --import tsx scripts/readme-config.ts)`).toContain(`\`${name}\``);
  });
});
