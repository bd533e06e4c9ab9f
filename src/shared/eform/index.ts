export * from './eform.types';
export { parseDefinition, JSON_SCHEMA_2020_12 } from './eform.definition';
export { conditionHolds, todayInVietnam, validate, visibleFields } from './eform.validate';
export { OPTION_LISTS } from './eform.definition';
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
