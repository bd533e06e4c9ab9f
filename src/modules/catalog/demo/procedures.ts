import { BUSINESS_PROCEDURES } from './procedures.business';
import { CERTIFICATION_PROCEDURES } from './procedures.certification';
import { CIVIL_STATUS_PROCEDURES } from './procedures.civil-status';
import { CONSTRUCTION_LAND_PROCEDURES } from './procedures.construction-land';
import { OTHER_PROCEDURES } from './procedures.other';
import { RESIDENCE_PROCEDURES } from './procedures.residence';
import { SOCIAL_PROCEDURES } from './procedures.social';
import type { ProcedureVersionInput } from './types';

export { DEMO_PROVINCE } from './common';

/**
 * Demo catalogue: real administrative procedures of Hải Phòng City and its communes under the two-level local
 * government (from 1 July 2025), with their e-forms, workflows and a valid sample filling for each.
 * Facts that could not be confirmed are marked in `codeNote` / `sourceNote`.
 */
export const DEMO_PROCEDURES: ProcedureVersionInput[] = [
  ...CIVIL_STATUS_PROCEDURES,
  ...RESIDENCE_PROCEDURES,
  ...CERTIFICATION_PROCEDURES,
  ...BUSINESS_PROCEDURES,
  ...CONSTRUCTION_LAND_PROCEDURES,
  ...SOCIAL_PROCEDURES,
  ...OTHER_PROCEDURES,
];
