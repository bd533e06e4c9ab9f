/** Shapes of the API answers the web app reads (see /api/openapi.json). */
import type { LocalizedText } from './client';

export type { LocalizedText };

export interface Grant {
  role: string;
  agencyId: string;
  includeSubAgencies: boolean;
}

export interface Session {
  accountId: string;
  kind: 'citizen' | 'officer' | 'system' | string;
  displayName: string;
  personalId: string | null;
  assuranceLevel: 1 | 2 | null;
  grants: Grant[];
  csrfToken: string | null;
}

/** The catalogue's shapes, derived from the API's schemas (src/shared/api/catalog.ts). */
export type {
  ProcessingTime,
  ProcedureSummary,
  Taxonomy,
  FeeItem as Fee,
  RequiredDocument,
  WorkflowStep,
  ProcedureVersionInput,
  ProcedureVersion,
  ProcedureDetail,
} from '@shared/api/catalog';

export interface AdminUnit {
  code: string;
  level: string;
  provinceCode: string;
  name: string;
  nameEn: string | null;
  fullName: string;
  fullNameEn: string | null;
  unitType: string;
  validFrom: string;
  validTo: string | null;
}

export interface Agency {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  level: string;
  kind: string;
  parentId: string | null;
  adminUnitCode: string;
  oneStopUnit: string;
  oneStopUnitEn: string | null;
  address: string | null;
  active: boolean;
}

export interface Account {
  id: string;
  kind: string;
  username: string | null;
  displayName: string;
  email: string | null;
  active: boolean;
  lockedUntil: string | null;
  grants: Grant[];
}

export interface Reasoned {
  date: string;
  reasonVi: string;
  reasonEn: string;
  swappedWith?: string;
  legalBasis?: string;
}

export interface YearExceptions {
  tetDays?: string[];
  nationalDayAdjacent?: string;
  extraDaysOff?: Reasoned[];
  workingDays?: Reasoned[];
  notOff?: { date: string; reason: string; legalBasis?: string }[];
  sources?: string[];
}

export interface DayOff {
  date: string;
  kind: string;
  nameVi: string;
  nameEn: string;
  compensates?: string;
  onWeekend?: boolean;
  swappedWith?: string;
  legalBasis?: string;
}

export interface WorkingDaysOfYear {
  year: number;
  timeZone: string;
  daysOff: DayOff[];
  workingDays: Reasoned[];
}
