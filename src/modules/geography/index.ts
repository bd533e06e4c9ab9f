/**
 * Geography (địa giới hành chính, cơ quan): administrative units with their validity, and the agency tree. The only
 * public face of the module: other modules and main.ts import from here, never from the files behind it.
 */
export { AgencyDirectory, type AgencyRow } from './agency.directory';
export { AgencyService, insertAgency, rootAgencies, type AgencyInput, type AgencyInsert } from './agency.service';
export { CurrentUnits, currentUnitCount, importAdminUnitFile, importAdminUnits, parseUnitFile, UnitFileError, type CurrentUnit, type ImportResult, type UnitRecord } from './geography.import';
export { registerGeographyRoutes } from './geography.routes';
export { AGENCY_LEVELS } from './geography.schema';
export { geographyErrors } from './geography.errors';
export { AGENCY_CODE_PATTERN, AGENCY_CODE_RE, codeExtendsParent, isAgencyCode } from '../../shared/geography/agency-code';
