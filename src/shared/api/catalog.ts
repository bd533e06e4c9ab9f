import { Type, type Static } from 'typebox';
import {
  AgencyKindSchema,
  ApplicantTypeSchema,
  ImplementingLevelSchema,
  LifeEventSchema,
  OnlineLevelSchema,
  ProcedureFieldSchema,
  ProcedureVersionInputSchema,
  ProcedureVersionSchema,
  ProcessingTimeSchema,
  VersionStatusSchema,
} from '../catalog';
import { Obj } from '../catalog/primitives';

/**
 * Requests and answers of the catalogue API (`/api/procedures`, `/api/catalog`, `/api/procedure-versions`,
 * `/api/admin/procedures`): the routes declare these schemas, the web app imports the types derived from them.
 * The procedure model itself is in `src/shared/catalog`.
 */

export { ProcedureVersionInputSchema, ProcedureVersionSchema };
export type { ProcedureVersion, ProcedureVersionInput, ProcedureContent, FeeItem, RequiredDocument, WorkflowStep, ProcessingTime } from '../catalog';

const Uuid = Type.String({ format: 'uuid' });

/** Filters shared by the list and the search: "offered by agency X" means procedures of X's kind at X's level. */
const filterProperties = {
  field: Type.Optional(ProcedureFieldSchema),
  agencyId: Type.Optional(Type.String({ format: 'uuid', description: "Procedures this agency offers (its kind, at its level)" })),
  level: Type.Optional(ImplementingLevelSchema),
  onlineLevel: Type.Optional(OnlineLevelSchema),
  applicantType: Type.Optional(ApplicantTypeSchema),
  lifeEvent: Type.Optional(LifeEventSchema),
};

export const ProcedureListQuerySchema = Obj({
  ...filterProperties,
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words to search for, with or without diacritics; ranks the answer', examples: ['dang ky khai sinh'] })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0, description: 'Ignored with q' })),
});

export const ProcedureSearchQuerySchema = Obj({
  ...filterProperties,
  q: Type.String({ minLength: 1, maxLength: 200, description: 'What the citizen typed; the last word matches as a prefix', examples: ['cap giay phep xay d'] }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
});

export const HighlightRangeSchema = Obj({ start: Type.Integer({ minimum: 0 }), end: Type.Integer({ minimum: 0 }) });
export const HighlightSchema = Obj({
  ranges: Type.Array(HighlightRangeSchema, { description: 'Where the words matched, as offsets in the Vietnamese name' }),
  html: Type.String({ description: 'The Vietnamese name as safe HTML with <mark> around matches' }),
});

/** A procedure in lists and search answers: its current version's identity and browsing facts. */
export const ProcedureSummarySchema = Obj({
  id: Uuid,
  key: Type.String(),
  versionId: Uuid,
  version: Type.Integer(),
  nationalCode: Type.Union([Type.String(), Type.Null()]),
  name: Obj({ vi: Type.String(), en: Type.String() }),
  field: ProcedureFieldSchema,
  implementingLevel: ImplementingLevelSchema,
  agencyKind: AgencyKindSchema,
  onlineLevel: OnlineLevelSchema,
  applicantTypes: Type.Array(ApplicantTypeSchema),
  lifeEvents: Type.Array(LifeEventSchema),
  processingTime: ProcessingTimeSchema,
  rank: Type.Optional(Type.Number({ description: 'Relevance, with q only' })),
  highlight: Type.Optional(HighlightSchema),
});

export const ProcedureListSchema = Obj({ total: Type.Integer(), items: Type.Array(ProcedureSummarySchema) });
export const ProcedureSearchResultSchema = Obj({ terms: Type.Array(Type.String(), { description: 'The folded words searched for' }), items: Type.Array(ProcedureSummarySchema) });

const taxonomyEntry = { key: Type.String(), vi: Type.String(), en: Type.String() };
export const TaxonomySchema = Obj({
  fields: Type.Array(Obj({ ...taxonomyEntry, count: Type.Integer({ description: 'Published procedures in this field' }) })),
  lifeEvents: Type.Array(Obj({ ...taxonomyEntry, count: Type.Integer({ description: 'Published procedures for this life event' }) })),
  agencyKinds: Type.Array(Obj(taxonomyEntry)),
});

export const ProcedureRefParamsSchema = Obj({ ref: Type.String({ minLength: 1, maxLength: 120, pattern: '^[A-Za-z0-9.-]+$', description: 'The procedure id, its catalogue key or its national code', examples: ['birth-registration', '1.001193'] }) });
export const VersionParamsSchema = Obj({ versionId: Uuid });
export const ProcedureIdParamsSchema = Obj({ id: Uuid });

export const VersionRefSchema = Obj({ id: Uuid, version: Type.Integer(), status: VersionStatusSchema });

/** The procedure page: the procedure with its current version and the earlier versions still readable. */
export const ProcedureDetailSchema = Obj({ id: Uuid, key: Type.String(), nationalCode: Type.Union([Type.String(), Type.Null()]), current: ProcedureVersionSchema, versions: Type.Array(VersionRefSchema) });

export const ValidateDataBodySchema = Obj({ data: Type.Object({}, { additionalProperties: true, description: 'The form data, keyed by field name' }) });
export const FieldProblemSchema = Obj({ field: Type.String(), code: Type.String(), message: Obj({ vi: Type.String(), en: Type.String() }) });
export const ValidateDataResultSchema = Obj({
  ok: Type.Boolean(),
  data: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'The data as it will be stored (normalised), when ok' })),
  errors: Type.Optional(Type.Array(FieldProblemSchema, { description: 'Every problem, one per field, when not ok' })),
});

const Timestamp = Type.String({ format: 'date-time' });
export const AdminVersionListSchema = Type.Array(Obj({ id: Uuid, version: Type.Integer(), status: VersionStatusSchema, createdAt: Timestamp, publishedAt: Type.Union([Timestamp, Type.Null()]), retiredAt: Type.Union([Timestamp, Type.Null()]) }));

/** The catalogue's exchange format: the export answer, the import body and every seed file (`seed/catalog/`). */
const Procedures = Type.Array(ProcedureVersionInputSchema, { minItems: 1, maxItems: 2000 });
export const CatalogueDocumentSchema = Obj({ procedures: Procedures });
export const ImportBodySchema = Obj({
  procedures: Procedures,
  submitForReview: Type.Optional(Type.Boolean({ description: 'Send every imported draft for approval by another administrator, all or none (each must pass the completeness checks)' })),
});
export const ImportResultSchema = Obj({
  created: Type.Integer(),
  updated: Type.Integer(),
  submitted: Type.Integer({ description: 'Drafts sent for approval' }),
  published: Type.Integer({ description: 'Versions published by the import: always 0 for an administrator, whose drafts are published by their approval' }),
});
export const ExportSchema = Obj({ procedures: Type.Array(ProcedureVersionInputSchema) });

export type ProcedureListQuery = Static<typeof ProcedureListQuerySchema>;
export type ProcedureSearchQuery = Static<typeof ProcedureSearchQuerySchema>;
export type HighlightRange = Static<typeof HighlightRangeSchema>;
export type Highlight = Static<typeof HighlightSchema>;
export type ProcedureSummary = Static<typeof ProcedureSummarySchema>;
export type ProcedureList = Static<typeof ProcedureListSchema>;
export type ProcedureSearchResult = Static<typeof ProcedureSearchResultSchema>;
export type Taxonomy = Static<typeof TaxonomySchema>;
export type ProcedureDetail = Static<typeof ProcedureDetailSchema>;
export type ValidateDataResult = Static<typeof ValidateDataResultSchema>;
export type AdminVersionList = Static<typeof AdminVersionListSchema>;
export type CatalogueDocument = Static<typeof CatalogueDocumentSchema>;
export type ImportBody = Static<typeof ImportBodySchema>;
export type ImportResult = Static<typeof ImportResultSchema>;
