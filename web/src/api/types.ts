/** Shapes of the API answers the web app reads (see /api/openapi.json). */
import type { EFormDefinition } from '@shared/eform/eform.types';
import type { LocalizedText } from './client';

export type { LocalizedText };

// Identity, geography and calendar: derived from the API's schemas (src/shared/api), never written again here.
export type { Account, Grant, Session } from '@shared/api/identity';
export type { AdminUnit, Agency } from '@shared/api/geography';
export type { DayOff, Reasoned, WorkingDaysOfYear, YearExceptions } from '@shared/api/calendar';

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
