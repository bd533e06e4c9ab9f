import { TestClient, type TestPlatform } from '../platform';
import { DEMO_CITIZENS } from '../../../src/modules/identity/eid/demo-citizens';
import type { AssuranceLevel } from '../../../src/modules/identity/assurance';

/**
 * A demo citizen signed in as after an e-ID login (IdentityService.loginCitizen, the service the callback uses),
 * without going through a provider: for tests of what citizens do once signed in.
 */
export async function citizenClient(p: TestPlatform, personalId: string, level?: AssuranceLevel): Promise<TestClient> {
  const person = DEMO_CITIZENS.find((c) => c.personalId === personalId);
  if (!person) throw new Error(`no demo citizen ${personalId}`);
  const s = await p.services.identity.loginCitizen({ personalId, fullName: person.fullName, birthdate: person.birthdate, assuranceLevel: level ?? person.assuranceLevel }, 'eid', 'test');
  return new TestClient(p, { cookie: `motcua_session=${s.token}`, csrf: s.csrfToken });
}

/** The principal behind a test client's session. */
export async function principalOf(p: TestPlatform, client: TestClient) {
  const token = client.creds.cookie!.replace(/^motcua_session=/, '');
  const principal = await p.services.identity.resolve(token, 'web');
  if (!principal) throw new Error('session not found');
  return principal;
}

/** The demo citizens (for tests outside the modules, which may not import them). */
export { DEMO_CITIZENS };
