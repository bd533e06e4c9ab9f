/** Shapes of the API answers the web app reads (see /api/openapi.json). */
import type { LocalizedText } from './client';

export type { LocalizedText };

// Identity, geography and calendar: derived from the API's schemas (src/shared/api), never written again here.
export type { Account, Grant, Session, SecondFactorStatus, TotpEnrolment } from '@shared/api/identity';
export type { AdminUnit, Agency } from '@shared/api/geography';
export type { DayOff, Reasoned, WorkingDaysOfYear, YearExceptions } from '@shared/api/calendar';

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
