import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import type { IdentityService } from './identity.service';
import type { CitizenDirectory } from './eid/citizen-directory';
import { DEMO_CITIZENS, DEMO_EID_PASSWORD, DemoCitizenDirectory } from './eid/demo-citizens';
import { BUILTIN_ACR, createBuiltinProvider, type BuiltinEidProvider, type EidCredentialVerifier } from './eid/provider';
import { registerBuiltinProviderRoutes } from './eid/provider.routes';
import type { BusinessDirectory } from './organisation/business-directory';
import { DemoBusinessDirectory } from './organisation/demo-businesses';
import { OrganisationService } from './organisation/organisation.service';
import { registerOrganisationRoutes } from './organisation/organisation.routes';
import { AuthorisationService, type FilingIdentity, type FilingRequest } from './authorisation/authorisation.service';
import { registerAuthorisationRoutes } from './authorisation/authorisation.routes';
import { RelyingParty } from './oidc/relying-party';
import { inProcessFetch } from './oidc/in-process-fetch';
import { OidcLoginService, type CitizenLogin, type OfficerLogin } from './oidc/oidc-login.service';
import { registerOidcLoginRoutes } from './oidc/oidc.routes';

/** The demo citizens shown on the built-in provider's login page: a few of each level. */
const DEMO_SHOWN = 6;

export interface ElectronicIdentity {
  citizens: CitizenDirectory;
  businesses: BusinessDirectory;
  organisations: OrganisationService;
  authorisations: AuthorisationService;
  logins: OidcLoginService;
  /** The built-in e-ID provider, when it runs. */
  builtinProvider: BuiltinEidProvider | null;
  /** For the dossier module: whose name a dossier is filed in, and by which agent. See AuthorisationService. */
  resolveFilingIdentity(db: DbOrTx, principal: Principal, request: FilingRequest): Promise<FilingIdentity>;
}

export interface ElectronicIdentityDeps {
  /** The population registry; the demo list by default. */
  citizens?: CitizenDirectory;
  /** Checks passwords on the built-in provider's login page; the demo list by default. */
  credentials?: EidCredentialVerifier;
  /** The business registry; the demo list by default. */
  businesses?: BusinessDirectory;
}

/**
 * Electronic identity: the built-in e-ID provider (when on), OpenID Connect login for citizens and officers,
 * organisation accounts and authorisations, with their routes.
 */
export async function registerElectronicIdentity(app: App, ctx: AppContext, identity: IdentityService, deps: ElectronicIdentityDeps = {}): Promise<ElectronicIdentity> {
  const { config, db, clock } = ctx;
  const demo = new DemoCitizenDirectory();
  const citizens = deps.citizens ?? demo;
  const credentials = deps.credentials ?? demo;
  const businesses = deps.businesses ?? new DemoBusinessDirectory();

  let builtinProvider: BuiltinEidProvider | null = null;
  if (config.eid.builtin) {
    // Same rule as the HTTP server: forwarded headers are trusted only behind a declared proxy.
    builtinProvider = await createBuiltinProvider({ db, publicUrl: config.publicUrl, citizens, trustProxy: process.env.TRUST_PROXY === 'true', log: app.log });
    const shown = [...DEMO_CITIZENS.filter((c) => c.assuranceLevel === 2).slice(0, DEMO_SHOWN - 1), ...DEMO_CITIZENS.filter((c) => c.assuranceLevel === 1).slice(0, 1)];
    await registerBuiltinProviderRoutes(app, ctx, builtinProvider, { citizens, credentials, demo: credentials === demo ? { citizens: shown, password: DEMO_EID_PASSWORD } : null });
  }

  const citizenRedirect = `${config.publicUrl}/api/auth/eid/callback`;
  const postLogout = `${config.publicUrl}/`;
  let citizenLogin: CitizenLogin | null = null;
  if (config.eid.provider) {
    const p = config.eid.provider;
    citizenLogin = {
      rp: new RelyingParty({ issuer: p.issuer, clientId: p.clientId, clientSecret: p.clientSecret, scopes: p.scopes, redirectUri: citizenRedirect, postLogoutRedirectUri: postLogout }),
      claims: config.eid.claims,
      levels: config.eid.levelValues,
    };
  } else if (builtinProvider) {
    const c = builtinProvider.portalClient;
    citizenLogin = {
      rp: new RelyingParty({
        issuer: builtinProvider.issuer,
        clientId: c.clientId,
        clientSecret: c.clientSecret,
        scopes: 'openid profile',
        redirectUri: c.redirectUri,
        postLogoutRedirectUri: c.postLogoutRedirectUri,
        fetch: inProcessFetch(builtinProvider.handle, builtinProvider.issuer),
      }),
      claims: { personalId: 'personal_id', name: 'name', birthdate: 'birthdate', level: 'acr' },
      levels: { 1: [BUILTIN_ACR[1]], 2: [BUILTIN_ACR[2]] },
    };
  }
  const o = config.officerOidc;
  const officerLogin: OfficerLogin | null = o
    ? {
        rp: new RelyingParty({ issuer: o.issuer, clientId: o.clientId, clientSecret: o.clientSecret, scopes: o.scopes, redirectUri: `${config.publicUrl}/api/auth/officer/oidc/callback`, postLogoutRedirectUri: postLogout }),
        claim: o.claim,
        mfaAmr: o.mfaAmr,
        mfaAcr: o.mfaAcr,
      }
    : null;

  const logins = new OidcLoginService(db, clock, identity, { citizen: citizenLogin, officer: officerLogin }, config.publicUrl, app.log);
  const organisations = new OrganisationService(businesses, citizens, clock);
  const authorisations = new AuthorisationService(citizens, organisations, clock);

  registerOidcLoginRoutes(app, ctx, logins);
  registerOrganisationRoutes(app, ctx, organisations);
  registerAuthorisationRoutes(app, ctx, authorisations);

  return {
    citizens,
    businesses,
    organisations,
    authorisations,
    logins,
    builtinProvider,
    resolveFilingIdentity: (tx, principal, request) => authorisations.resolveFilingIdentity(tx, principal, request),
  };
}
