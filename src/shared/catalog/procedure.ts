import { Type, type Static } from 'typebox';
import type { EFormDefinition } from '../eform/eform.types';
import { FeeItemSchema } from './fees';
import { RequiredDocumentSchema } from './documents';
import { WorkflowStepSchema } from './workflow';
import { BilingualText, LegalTexts, Obj, oneOf, Text } from './primitives';
import { AGENCY_KINDS, APPLICANT_TYPES, CHANNELS, IMPLEMENTING_LEVELS, keysOf, LIFE_EVENTS, ONLINE_LEVELS, PROCEDURE_FIELDS, VERSION_STATUSES } from './taxonomy';

/**
 * One version of an administrative procedure (thủ tục hành chính): THE catalogue model. The schema validates the
 * admin API and the seed files, documents the API, and gives the types (`Static<…>`) of the server and the web.
 *
 * Published versions are immutable and stay readable (dossiers are filed under them), and answers are serialised
 * with this schema: change it compatibly (new fields optional, enumerations only growing), or migrate the stored
 * versions in the same change.
 */

export const ProcedureFieldSchema = oneOf(keysOf(PROCEDURE_FIELDS), { description: 'Field (lĩnh vực), for browsing' });
export const LifeEventSchema = oneOf(keysOf(LIFE_EVENTS), { description: 'Life event (sự kiện), for browsing by situation' });
export const AgencyKindSchema = oneOf(keysOf(AGENCY_KINDS), { description: 'Kind of implementing agency; with the level it names the agency of a commune or a province' });
export const ImplementingLevelSchema = oneOf(IMPLEMENTING_LEVELS);
export const ApplicantTypeSchema = oneOf(APPLICANT_TYPES);
export const OnlineLevelSchema = oneOf(ONLINE_LEVELS, { description: 'Decree 42/2022/NĐ-CP, Art. 11: full-process online (toàn trình) or partial (một phần)' });
export const ChannelSchema = oneOf(CHANNELS, { description: 'Submission channel (KenhThucHien)' });
export const VersionStatusSchema = oneOf(VERSION_STATUSES);

/**
 * Statutory processing time. `same-day`: by the close of the working day of receipt (a dossier received after the
 * procedure's cutoff counts as received the next working day). `calendar-days` is for the few texts that count
 * plain days ("30 ngày"); a period ending on a rest day then ends on the next working day.
 */
export const ProcessingTimeSchema = Type.Union(
  [
    Obj({ kind: Type.Literal('same-day') }),
    Obj({ kind: Type.Literal('working-days'), days: Type.Integer({ minimum: 0, maximum: 3650 }) }),
    Obj({ kind: Type.Literal('working-hours'), hours: Type.Integer({ minimum: 0, maximum: 10000 }) }),
    Obj({ kind: Type.Literal('calendar-days'), days: Type.Integer({ minimum: 0, maximum: 3650 }) }),
  ],
  { description: 'Statutory processing time (thời hạn giải quyết)' },
);

export const ProcedureResultSchema = Obj({
  name: BilingualText(300),
  documentType: Text(100, { description: 'Stable code of the result type in the result store, e.g. `birth-certificate`' }),
  electronic: Type.Boolean({ description: 'An electronic result (signed PDF) is issued' }),
  validityMonths: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'Validity in months; null = no expiry' }),
  validityNote: Type.Optional(BilingualText()),
  template: Type.Optional(
    Obj(
      {
        title: Type.Optional(Text(300, { description: 'The title printed on the result (upper case); the result name by default' })),
        symbol: Type.Optional(Type.String({ pattern: '^[A-Z0-9Đ-]{1,12}$', description: 'Number suffix, e.g. `GCN` in 12/2026/GCN' })),
        fields: Type.Array(Obj({ label: Text(200), bind: Type.String({ pattern: '^(\\$[a-z]+|[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*)$', maxLength: 200, description: 'An e-form field (dotted path) or `$code`, `$procedure`' }) }), { maxItems: 40 }),
      },
      { description: 'The result template built with the procedure: its lines, each bound to an answer of the e-form (the file templates of seed/result-templates win for their document type otherwise)' },
    ),
  ),
});

export const SubmissionSchema = Obj({ channels: Type.Array(ChannelSchema, { maxItems: 3 }), places: Type.Array(BilingualText(), { maxItems: 20 }) });

/** The e-form is checked in depth by the e-form engine (`parseDefinition`) when the version is published. */
export const EFormSchema = Type.Unsafe<EFormDefinition>(
  Obj({ schema: Type.Object({}, { additionalProperties: true }), ui: Type.Object({}, { additionalProperties: true }) }, { description: 'The electronic form: a JSON Schema 2020-12 subset and its layout (see src/shared/eform)' }),
);

const AnyObject = (description: string) => Type.Unsafe<Record<string, unknown>>(Type.Object({}, { additionalProperties: true, description }));

/** What a version holds, apart from the catalogue key (which belongs to the procedure). */
const contentProperties = {
  nationalCode: Type.Union([Type.String({ pattern: '^\\d\\.\\d{6}$' }), Type.Null()], { description: 'National procedure code (mã TTHC, e.g. `1.001193`); null when not known for certain (see `codeNote`)' }),
  codeNote: Type.Optional(Text()),
  name: BilingualText(500),
  field: ProcedureFieldSchema,
  lifeEvents: Type.Array(LifeEventSchema, { maxItems: 12 }),
  implementingLevel: ImplementingLevelSchema,
  agencyKind: AgencyKindSchema,
  decidingAuthority: BilingualText(300, { description: 'Who signs the decision (cơ quan/người có thẩm quyền quyết định)' }),
  applicantTypes: Type.Array(ApplicantTypeSchema, { maxItems: 2 }),
  onlineLevel: OnlineLevelSchema,
  eIdLevel: Type.Union([Type.Literal(1), Type.Literal(2)], { description: 'VNeID account level needed to file online (Decree 69/2024/NĐ-CP): 1 basic, 2 full identity' }),
  processingTime: ProcessingTimeSchema,
  extendedProcessingTime: Type.Optional(Obj({ time: ProcessingTimeSchema, condition: BilingualText() }, { description: 'A longer statutory time that applies in some cases (e.g. when facts must be verified)' })),
  cutoffTime: Type.Union([Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' }), Type.Null()], { description: '`HH:MM` local time; a dossier received later counts as received the next working day. null = no cutoff' }),
  fees: Type.Array(FeeItemSchema, { maxItems: 20, description: 'At least one item; a free procedure has an `exempt` item stating the basis' }),
  paymentClock: Type.Optional(Type.Union([Type.Literal('stops'), Type.Literal('runs')], { description: 'While the applicant pays a requested obligation: the processing clock stops (default) or runs on' })),
  documents: Type.Array(RequiredDocumentSchema, { maxItems: 60 }),
  requirements: Type.Array(BilingualText(), { maxItems: 40, description: 'Conditions to be met (yêu cầu, điều kiện)' }),
  result: ProcedureResultSchema,
  steps: Type.Array(BilingualText(4000), { maxItems: 40, description: 'Procedure steps as published (trình tự thực hiện)' }),
  submission: SubmissionSchema,
  legalBases: LegalTexts('Legal texts the procedure rests on, by number'),
  sourceNote: Type.String({ maxLength: 4000, description: 'Where the content of this version was taken from, and what is uncertain' }),
  effectiveFrom: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'ISO date from which this version applies' }),
  eform: EFormSchema,
  workflow: Type.Array(WorkflowStepSchema, { maxItems: 20 }),
};

const ProcedureKey = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 120, description: 'Stable key in this catalogue, kebab-case, unique' });
const SampleData = AnyObject('A valid filled-in form, used by tests, benchmarks and the completeness checks');

/** A version as it is written: the admin API's body, one item of the import/export format and of a seed file. */
export const ProcedureVersionInputSchema = Obj({ key: ProcedureKey, ...contentProperties, sampleData: SampleData });

/** What a version stores (the `content` column): the input without the key. */
export const ProcedureContentSchema = Obj({ ...contentProperties, sampleData: Type.Optional(SampleData) });

/** A version as the API answers it and the rest of the platform reads it (the dossier module files under it). */
export const ProcedureVersionSchema = Obj({
  id: Type.String({ format: 'uuid' }),
  procedureId: Type.String({ format: 'uuid' }),
  key: ProcedureKey,
  version: Type.Integer({ minimum: 1 }),
  status: VersionStatusSchema,
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  ...contentProperties,
  sampleData: Type.Optional(SampleData),
});

export type ProcessingTime = Static<typeof ProcessingTimeSchema>;
export type ExtendedProcessingTime = NonNullable<ProcedureContent['extendedProcessingTime']>;
export type ProcedureResult = Static<typeof ProcedureResultSchema>;
export type ProcedureVersionInput = Static<typeof ProcedureVersionInputSchema>;
export type ProcedureContent = Static<typeof ProcedureContentSchema>;
export type ProcedureVersion = Static<typeof ProcedureVersionSchema>;
