import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../config';

describe('e-ID configuration', () => {
  it('runs the built-in provider on PGlite and not on PostgreSQL, unless told', () => {
    expect(loadConfig({}).eid.builtin).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db' }).eid.builtin).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db', EID_BUILTIN: 'true' }).eid.builtin).toBe(true);
    expect(loadConfig({}).eid.provider).toBeNull();
  });

  it('reads an external provider with its claim mapping', () => {
    const c = loadConfig({ EID_ISSUER: 'https://vneid.example.gov.vn', EID_CLIENT_ID: 'motcua', EID_CLAIM_PERSONAL_ID: 'so_dinh_danh', EID_LEVEL2_VALUES: 'MUC_2, 2' });
    expect(c.eid.provider).toEqual({ issuer: 'https://vneid.example.gov.vn', clientId: 'motcua', clientSecret: undefined, scopes: 'openid profile' });
    expect(c.eid.claims).toEqual({ personalId: 'so_dinh_danh', name: 'name', birthdate: 'birthdate', level: 'acr' });
    expect(c.eid.levelValues[2]).toEqual(['MUC_2', '2']);
  });

  it('reads the officers’ provider', () => {
    const c = loadConfig({ OFFICER_OIDC_ISSUER: 'https://sso.example.gov.vn/realms/hp', OFFICER_OIDC_CLIENT_ID: 'motcua', OFFICER_OIDC_CLIENT_SECRET: 's', OFFICER_OIDC_CLAIM: 'email' });
    expect(c.officerOidc).toMatchObject({ issuer: 'https://sso.example.gov.vn/realms/hp', clientId: 'motcua', clientSecret: 's', claim: 'email', scopes: 'openid profile email' });
    expect(loadConfig({}).officerOidc).toBeNull();
  });

  it('refuses plain http away from this machine, a missing client id and scopes without openid', () => {
    expect(() => loadConfig({ EID_ISSUER: 'http://127.0.0.1:9000', EID_CLIENT_ID: 'x' })).not.toThrow();
    try {
      loadConfig({ EID_ISSUER: 'http://vneid.example.gov.vn', OFFICER_OIDC_ISSUER: 'https://sso.example', OFFICER_OIDC_CLIENT_ID: 'x', OFFICER_OIDC_SCOPES: 'profile' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toContain('EID_ISSUER');
      expect(msg).toContain('EID_CLIENT_ID');
      expect(msg).toContain('OFFICER_OIDC_SCOPES');
    }
  });
});
