import { Type, type Static } from 'typebox';
import { BUILDER_PARTS } from '../catalog/diff';
import { BilingualText, Obj, oneOf } from '../catalog/primitives';

/**
 * Requests and answers of the procedure builder's API (`/api/admin/procedure-versions/:versionId/{checks,review,…}`,
 * `/api/admin/procedures/:id/copy`, the spreadsheet template and import). Shared with the web app.
 */

const Uuid = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time' });
const Bilingual = Obj({ vi: Type.String(), en: Type.String() });
const Part = oneOf(BUILDER_PARTS, { description: 'The part of the builder to open to fix or read it' });

export const CopyProcedureBodySchema = Obj({
  key: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 120, description: 'Catalogue key of the new procedure' }),
  name: Type.Optional(BilingualText(500)),
  nationalCode: Type.Optional(Type.Union([Type.String({ pattern: '^\\d\\.\\d{6}$' }), Type.Null()])),
});

export const BuilderChecksSchema = Obj({
  ready: Type.Boolean({ description: 'No problem: the version can be sent for approval and published' }),
  problems: Type.Array(Obj({ field: Type.String(), code: Type.String(), message: Bilingual, part: Part })),
});

export const ReviewStatusSchema = Obj({
  versionId: Uuid,
  status: oneOf(['editing', 'submitted', 'approved', 'published'] as const),
  submittedBy: Type.Union([Uuid, Type.Null()]),
  submittedAt: Type.Union([Timestamp, Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  approvedBy: Type.Union([Uuid, Type.Null()]),
  approvedAt: Type.Union([Timestamp, Type.Null()]),
  publishAt: Type.Union([Timestamp, Type.Null()], { description: 'The publication date of an approved version; null = at approval' }),
});

export const SubmitReviewBodySchema = Obj({ note: Type.Optional(Type.String({ maxLength: 2000, description: 'A note for the reviewer' })) });
export const ApproveReviewBodySchema = Obj({ publishAt: Type.Optional(Type.String({ format: 'date-time', description: 'Publish at this time; absent or past = now' })) });
export const ReturnReviewBodySchema = Obj({ reason: Type.String({ minLength: 1, maxLength: 2000 }) });

export const DiffQuerySchema = Obj({ from: Type.Optional(Uuid) });
export const VersionDiffSchema = Obj({
  from: Obj({ id: Uuid, version: Type.Integer() }),
  to: Obj({ id: Uuid, version: Type.Integer() }),
  changes: Type.Array(Obj({ part: Part, path: Type.String(), kind: oneOf(['added', 'removed', 'changed'] as const), before: Type.Optional(Type.Unknown()), after: Type.Optional(Type.Unknown()) })),
});

export const SheetReportSchema = Obj({
  imported: Type.Integer(),
  rejected: Type.Integer(),
  procedures: Type.Array(Obj({ key: Type.String(), versionId: Uuid })),
  problems: Type.Array(Obj({ sheet: Type.String(), row: Type.Integer(), cell: Type.String({ description: 'A1 reference, e.g. `C7`' }), key: Type.String(), reason: Bilingual })),
});

export type BuilderChecks = Static<typeof BuilderChecksSchema>;
export type ReviewStatus = Static<typeof ReviewStatusSchema>;
export type VersionDiff = Static<typeof VersionDiffSchema>;
export type SheetReport = Static<typeof SheetReportSchema>;
