/** Shapes of the API answers the web app reads (see /api/openapi.json). */
import type { EFormDefinition } from '@shared/eform/eform.types';
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

export type ProcessingTime =
  | { kind: 'same-day' }
  | { kind: 'working-days'; days: number }
  | { kind: 'working-hours'; hours: number }
  | { kind: 'calendar-days'; days: number };

export interface ProcedureSummary {
  id: string;
  key: string;
  versionId: string;
  version: number;
  nationalCode: string | null;
  name: LocalizedText;
  field: string;
  implementingLevel: string;
  agencyKind: string;
  onlineLevel: 'full' | 'partial' | string;
  applicantTypes: string[];
  lifeEvents: string[];
  processingTime: ProcessingTime;
  rank?: number;
  highlight?: { ranges: { start: number; end: number }[]; html: string };
}

export interface TaxonomyEntry {
  key: string;
  vi: string;
  en: string;
  count?: number;
}

export interface Taxonomy {
  fields: TaxonomyEntry[];
  lifeEvents: TaxonomyEntry[];
  agencyKinds: TaxonomyEntry[];
}

interface FeeBase {
  nature: 'le-phi' | 'phi';
  name: LocalizedText;
  legalBasis: string[];
  exemptions?: LocalizedText[];
  note?: LocalizedText;
}
export type Fee =
  | (FeeBase & { type: 'fixed'; amountVnd: number; onlineAmountVnd?: number; per: LocalizedText })
  | (FeeBase & { type: 'tiered'; per: LocalizedText; tiers: { id: string; label: LocalizedText; amountVnd: number; onlineAmountVnd?: number }[] })
  | (FeeBase & { type: 'banded'; unit: LocalizedText; per: LocalizedText; bands: { from: number; to?: number; amountVndPerUnit: number }[]; maxVnd?: number })
  | (FeeBase & { type: 'exempt' });

export interface RequiredDocument {
  id: string;
  name: LocalizedText;
  form: 'original' | 'copy' | 'certified-copy' | 'present-original';
  copies: number;
  requirement: 'mandatory' | 'conditional';
  condition?: LocalizedText;
  template?: string;
  fromDataStore: boolean;
  fromRegistry: boolean;
  replacedByEForm?: boolean;
}

export interface WorkflowStep {
  id: string;
  kind: string;
  name: LocalizedText;
  role: string;
  sharePercent: number;
}

/** The editable content of a procedure version (the admin API's input). */
export interface ProcedureContent {
  key: string;
  nationalCode: string | null;
  codeNote?: string;
  name: LocalizedText;
  field: string;
  lifeEvents: string[];
  implementingLevel: 'ministry' | 'province' | 'commune';
  agencyKind: string;
  decidingAuthority: LocalizedText;
  applicantTypes: ('citizen' | 'business')[];
  onlineLevel: 'full' | 'partial';
  eIdLevel: 1 | 2;
  processingTime: ProcessingTime;
  extendedProcessingTime?: { time: ProcessingTime; condition: LocalizedText };
  cutoffTime: string | null;
  fees: Fee[];
  documents: RequiredDocument[];
  requirements: LocalizedText[];
  result: { name: LocalizedText; documentType: string; electronic: boolean; validityMonths: number | null; validityNote?: LocalizedText };
  steps: LocalizedText[];
  submission: { channels: ('in-person' | 'online' | 'postal')[]; places: LocalizedText[] };
  legalBases: string[];
  sourceNote: string;
  effectiveFrom: string;
  eform: EFormDefinition;
  workflow: WorkflowStep[];
  sampleData: Record<string, unknown>;
}

export interface ProcedureVersion extends ProcedureContent {
  id: string;
  procedureId: string;
  version: number;
  status: 'draft' | 'published' | 'retired' | string;
  publishedAt: string | null;
}

export interface ProcedureDetail {
  id: string;
  key: string;
  nationalCode: string | null;
  current: ProcedureVersion;
  versions: { id: string; version: number; status: string }[];
}

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
