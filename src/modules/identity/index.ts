/**
 * Identity (định danh): accounts, sessions and roles; officer password and OpenID Connect login; citizens' e-ID
 * login (VNeID or the built-in provider); organisation accounts and authorisations (ủy quyền). The only public face
 * of the module.
 */
export { IdentityService, checkPasswordStrength, insertAccount, type GrantInput, type VerifiedCitizen } from './identity.service';
export { registerIdentityRoutes } from './identity.routes';
export { registerElectronicIdentity, type ElectronicIdentity, type ElectronicIdentityDeps } from './electronic-identity';
export { requireAssuranceLevel, isAssuranceLevel, ASSURANCE_LEVELS, type AssuranceLevel } from './assurance';
export { identityErrors, eidErrors, organisationErrors, authorisationErrors } from './identity.errors';
export type { CitizenDirectory, CitizenRecord } from './eid/citizen-directory';
export type { BusinessDirectory, BusinessRecord } from './organisation/business-directory';
export { DemoCitizenDirectory, DEMO_CITIZENS, DEMO_EID_PASSWORD } from './eid/demo-citizens';
export { DemoBusinessDirectory, DEMO_BUSINESSES } from './organisation/demo-businesses';
export type { FilingIdentity, FilingRequest, OnBehalfOf } from './authorisation/authorisation.service';
export { ACCOUNT_KINDS, ROLES, type AccountKind, type Role } from '../../shared/auth/roles';
