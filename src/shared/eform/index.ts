export * from './eform.types';
export { parseDefinition, JSON_SCHEMA_2020_12 } from './eform.definition';
export { validate, visibleFields } from './eform.validate';
export {
  decodePersonalId,
  formatDateVi,
  isAdminUnitCode,
  isEmail,
  isEnterpriseCode,
  isIsoDate,
  isPersonalId,
  isPhoneVn,
  normalizeEnterpriseCode,
  normalizePersonalId,
  normalizePhoneVn,
  parseDateVi,
  type PersonalIdParts,
} from './eform.formats';
