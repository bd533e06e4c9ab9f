import { Type } from 'typebox';
import { Obj } from '../../platform/http/schemas';
import { AGENCY_KINDS, LIFE_EVENTS, PROCEDURE_FIELDS } from './catalog.types';

/** Request/response schemas of the catalogue: the single source of validation, types and OpenAPI. */
const lit = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (max = 2000) => Type.String({ minLength: 1, maxLength: max });
export const BilingualText = (max = 2000) => Obj({ vi: Text(max), en: Text(max) });
const Money = Type.Integer({ minimum: 0, maximum: 10_000_000_000 });
const Legal = Type.Array(Text(500), { maxItems: 30 });

const ProcessingTime = Type.Union([
  Obj({ kind: Type.Literal('same-day') }),
  Obj({ kind: Type.Literal('working-days'), days: Type.Integer({ minimum: 0, maximum: 3650 }) }),
  Obj({ kind: Type.Literal('working-hours'), hours: Type.Integer({ minimum: 0, maximum: 10000 }) }),
  Obj({ kind: Type.Literal('calendar-days'), days: Type.Integer({ minimum: 0, maximum: 3650 }) }),
]);

const feeBase = { nature: lit(['le-phi', 'phi']), name: BilingualText(300), legalBasis: Legal, exemptions: Type.Optional(Type.Array(BilingualText(), { maxItems: 20 })), note: Type.Optional(BilingualText()) };
const Fee = Type.Union([
  Obj({ ...feeBase, type: Type.Literal('fixed'), amountVnd: Money, onlineAmountVnd: Type.Optional(Money), per: BilingualText(200) }),
  Obj({ ...feeBase, type: Type.Literal('tiered'), per: BilingualText(200), tiers: Type.Array(Obj({ id: Text(64), label: BilingualText(300), amountVnd: Money, onlineAmountVnd: Type.Optional(Money) }), { maxItems: 50 }) }),
  Obj({ ...feeBase, type: Type.Literal('banded'), unit: BilingualText(100), per: BilingualText(200), bands: Type.Array(Obj({ from: Type.Integer({ minimum: 0 }), to: Type.Optional(Type.Integer({ minimum: 0 })), amountVndPerUnit: Money }), { maxItems: 20 }), maxVnd: Type.Optional(Money) }),
  Obj({ ...feeBase, type: Type.Literal('exempt') }),
]);

const RequiredDocument = Obj({
  id: Text(64),
  name: BilingualText(500),
  form: lit(['original', 'copy', 'certified-copy', 'present-original']),
  copies: Type.Integer({ minimum: 0, maximum: 100 }),
  requirement: lit(['mandatory', 'conditional']),
  condition: Type.Optional(BilingualText()),
  template: Type.Optional(Text(500)),
  fromDataStore: Type.Boolean(),
  fromRegistry: Type.Boolean(),
  replacedByEForm: Type.Optional(Type.Boolean()),
});

const WorkflowStep = Obj({
  id: Text(64),
  kind: lit(['receive', 'process', 'consult', 'approve', 'return']),
  name: BilingualText(200),
  role: lit(['receiving_officer', 'specialist', 'approver', 'result_officer']),
  sharePercent: Type.Number({ minimum: 0, maximum: 100 }),
});

/** The e-form is checked in depth by the e-form engine when the version is published. */
const EForm = Obj({ schema: Type.Object({}, { additionalProperties: true }), ui: Type.Object({}, { additionalProperties: true }) });

export const ProcedureVersionInputSchema = Obj({
  key: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 120 }),
  nationalCode: Type.Union([Type.String({ pattern: '^\\d\\.\\d{6}$' }), Type.Null()]),
  codeNote: Type.Optional(Text()),
  name: BilingualText(500),
  field: lit(Object.keys(PROCEDURE_FIELDS)),
  lifeEvents: Type.Array(lit(Object.keys(LIFE_EVENTS)), { maxItems: 12 }),
  implementingLevel: lit(['ministry', 'province', 'commune']),
  agencyKind: lit(Object.keys(AGENCY_KINDS)),
  decidingAuthority: BilingualText(300),
  applicantTypes: Type.Array(lit(['citizen', 'business']), { maxItems: 2 }),
  onlineLevel: lit(['full', 'partial']),
  eIdLevel: Type.Union([Type.Literal(1), Type.Literal(2)]),
  processingTime: ProcessingTime,
  extendedProcessingTime: Type.Optional(Obj({ time: ProcessingTime, condition: BilingualText() })),
  cutoffTime: Type.Union([Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }), Type.Null()]),
  fees: Type.Array(Fee, { maxItems: 20 }),
  documents: Type.Array(RequiredDocument, { maxItems: 60 }),
  requirements: Type.Array(BilingualText(), { maxItems: 40 }),
  result: Obj({ name: BilingualText(300), documentType: Text(100), electronic: Type.Boolean(), validityMonths: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]), validityNote: Type.Optional(BilingualText()) }),
  steps: Type.Array(BilingualText(4000), { maxItems: 40 }),
  submission: Obj({ channels: Type.Array(lit(['in-person', 'online', 'postal']), { maxItems: 3 }), places: Type.Array(BilingualText(), { maxItems: 20 }) }),
  legalBases: Legal,
  sourceNote: Type.String({ maxLength: 4000 }),
  effectiveFrom: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  eform: EForm,
  workflow: Type.Array(WorkflowStep, { maxItems: 20 }),
  sampleData: Type.Object({}, { additionalProperties: true }),
});

const Highlight = Type.Object({ ranges: Type.Array(Type.Object({ start: Type.Integer(), end: Type.Integer() })), html: Type.String({ description: 'The Vietnamese name as safe HTML with <mark> around matches' }) });

export const ProcedureSummarySchema = Type.Object({
  id: Type.String(),
  key: Type.String(),
  versionId: Type.String(),
  version: Type.Integer(),
  nationalCode: Type.Union([Type.String(), Type.Null()]),
  name: Type.Object({ vi: Type.String(), en: Type.String() }),
  field: Type.String(),
  implementingLevel: Type.String(),
  agencyKind: Type.String(),
  onlineLevel: Type.String(),
  applicantTypes: Type.Array(Type.String()),
  lifeEvents: Type.Array(Type.String()),
  processingTime: Type.Unknown(),
  rank: Type.Optional(Type.Number()),
  highlight: Type.Optional(Highlight),
});

/** A full version in answers: its content is open-ended (the e-form and the fees carry nested structures). */
export const ProcedureVersionSchema = Type.Object(
  { id: Type.String(), procedureId: Type.String(), key: Type.String(), version: Type.Integer(), status: Type.String(), publishedAt: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: true },
);

export const CatalogFiltersSchema = {
  field: Type.Optional(lit(Object.keys(PROCEDURE_FIELDS))),
  agencyId: Type.Optional(Type.String({ format: 'uuid' })),
  level: Type.Optional(lit(['ministry', 'province', 'commune'])),
  onlineLevel: Type.Optional(lit(['full', 'partial'])),
  applicantType: Type.Optional(lit(['citizen', 'business'])),
  lifeEvent: Type.Optional(lit(Object.keys(LIFE_EVENTS))),
};
