/** The supervision module's API schemas (reporting obligations, deliveries, receipts, the dashboard), shared with the web. */
import { Type, type Static } from 'typebox';
import { DateTime, MultilineText, Nullable, Obj, OneOf, Uuid } from './schema';
import { EnterpriseCodeSchema } from './dossier';
import { CHANNELS, FIELD_TYPES, FORMATS, FREQUENCIES, RULES } from '../supervision';

const Key = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', description: 'Field key (mã chỉ tiêu)' });
const Period = Type.String({ pattern: '^\\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$', description: 'Reporting period: YYYY-MM (monthly), YYYY-Qn (quarterly) or YYYY (yearly)' });

export const ReportFieldSchema = Obj({
  key: Key,
  label: Type.String({ minLength: 1, maxLength: 200, description: 'What the field is called (Vietnamese)' }),
  type: OneOf(FIELD_TYPES),
  unit: Type.Optional(Nullable(Type.String({ maxLength: 40, description: 'Unit (đơn vị tính), e.g. tấn, m³' }))),
  required: Type.Boolean(),
  min: Type.Optional(Nullable(Type.Number({ description: 'Smallest allowed value' }))),
  max: Type.Optional(Nullable(Type.Number({ description: 'Largest allowed value' }))),
  maxChangePct: Type.Optional(Nullable(Type.Number({ description: 'Largest change of the total against the last period, per cent' }))),
  maxLength: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2000 }))),
});

export const SubjectsSchema = Obj(
  {
    enterpriseCodes: Type.Array(EnterpriseCodeSchema, { maxItems: 2000, uniqueItems: true, description: 'Listed enterprises (by tax code)' }),
    businessLine: Type.Optional(Nullable(Type.String({ pattern: '^\\d{2,4}$', description: 'A class from the business registry: VSIC code or its prefix of the main line' }))),
    communePrefix: Type.Optional(Nullable(Type.String({ pattern: '^\\d{1,5}$', description: 'With the class: commune code prefix of the registered address' }))),
  },
  { description: 'Who must report: listed enterprises and/or a class of active enterprises from the business registry' },
);

export const ObligationBodySchema = Obj({
  agencyId: Uuid,
  title: Type.String({ minLength: 3, maxLength: 300, description: 'Name of the report (tên báo cáo)' }),
  description: Type.Optional(MultilineText({ maxLength: 3000 })),
  legalBasis: MultilineText({ minLength: 3, maxLength: 2000, description: 'Legal basis (căn cứ pháp lý)' }),
  frequency: OneOf(FREQUENCIES),
  dueDay: Type.Integer({ minimum: 1, maximum: 28, description: 'Day of the month after the period by which the report is due' }),
  format: OneOf(FORMATS, { description: 'json: records as JSON objects; csv: a header of field keys and one row per record' }),
  fields: Type.Array(ReportFieldSchema, { minItems: 1, maxItems: 60 }),
  subjects: SubjectsSchema,
  startPeriod: Period,
});
export type ObligationBody = Static<typeof ObligationBodySchema>;

export const ObligationSchema = Obj({
  id: Uuid,
  agencyId: Uuid,
  agencyName: Type.String(),
  title: Type.String(),
  description: Nullable(Type.String()),
  legalBasis: Type.String(),
  frequency: OneOf(FREQUENCIES),
  dueDay: Type.Integer(),
  format: OneOf(FORMATS),
  fields: Type.Array(ReportFieldSchema),
  subjects: SubjectsSchema,
  subjectCount: Type.Integer({ description: 'Enterprises bound (the list and the class as resolved when defined)' }),
  startPeriod: Type.String(),
  createdAt: DateTime,
});
export type Obligation = Static<typeof ObligationSchema>;
export const ObligationListSchema = Type.Array(ObligationSchema);

export const DeliveryBodySchema = Obj({
  enterpriseCode: EnterpriseCodeSchema,
  period: Period,
  content: Type.String({ minLength: 1, maxLength: 2_000_000, 'x-multiline': true, description: 'The report: JSON text or CSV text, as the obligation’s format says' }),
});
export type DeliveryBody = Static<typeof DeliveryBodySchema>;
export const ApiDeliveryBodySchema = Obj({
  period: Period,
  content: Type.String({ minLength: 1, maxLength: 2_000_000, 'x-multiline': true, description: 'The report: JSON text or CSV text, as the obligation’s format says' }),
});
export type ApiDeliveryBody = Static<typeof ApiDeliveryBodySchema>;

export const FindingSchema = Obj({
  rule: OneOf(RULES),
  row: Nullable(Type.Integer()),
  field: Nullable(Type.String()),
  value: Nullable(Type.Number()),
  min: Type.Optional(Nullable(Type.Number())),
  max: Type.Optional(Nullable(Type.Number())),
  previous: Type.Optional(Nullable(Type.Number())),
  changePct: Type.Optional(Nullable(Type.Number())),
  dueDay: Type.Optional(Type.String()),
});

export const ReceiptSchema = Obj(
  {
    type: Type.Literal('motcua.supervision.receipt/v1'),
    deliveryId: Uuid,
    obligationId: Uuid,
    agencyId: Uuid,
    enterpriseCode: Type.String(),
    period: Type.String(),
    version: Type.Integer(),
    supersedes: Nullable(Uuid),
    contentSha256: Type.String(),
    channel: OneOf(CHANNELS),
    receivedAt: DateTime,
    dueDay: Type.String(),
    late: Type.Boolean(),
    findings: Type.Integer({ description: 'Number of rule findings' }),
    keyId: Type.String(),
  },
  { description: 'The receipt (biên nhận): canonical JSON signed with the installation’s Ed25519 receipt key' },
);
export type Receipt = Static<typeof ReceiptSchema>;

export const DeliverySchema = Obj({
  id: Uuid,
  obligationId: Uuid,
  obligationTitle: Type.String(),
  enterpriseCode: Type.String(),
  enterpriseName: Type.String(),
  period: Type.String(),
  version: Type.Integer(),
  current: Type.Boolean({ description: 'False once a corrected delivery superseded it' }),
  supersedes: Nullable(Uuid),
  supersededBy: Nullable(Uuid),
  channel: OneOf(CHANNELS),
  contentSha256: Type.String(),
  receivedAt: DateTime,
  dueDay: Type.String(),
  late: Type.Boolean(),
  findings: Type.Array(FindingSchema),
  records: Type.Integer(),
  receipt: ReceiptSchema,
  signature: Type.String({ description: 'Ed25519 signature of the receipt’s canonical JSON, base64url' }),
  duplicate: Type.Boolean({ description: 'True when this answer is an earlier delivery of the same content for the period' }),
});
export type Delivery = Static<typeof DeliverySchema>;
export const DeliveryListSchema = Type.Array(DeliverySchema);

export const DashboardRowSchema = Obj({
  enterpriseCode: Type.String(),
  enterpriseName: Type.String(),
  period: Type.String(),
  status: OneOf(['on_time', 'late', 'missing', 'not_due'] as const),
  deliveryId: Nullable(Uuid),
  rules: Type.Array(OneOf(RULES)),
});
export const DashboardSchema = Obj({
  obligation: ObligationSchema,
  periods: Type.Array(Type.String()),
  summary: Obj({
    subjects: Type.Integer(),
    duePeriods: Type.Integer({ description: 'Periods whose due date has passed, in the range' }),
    expected: Type.Integer({ description: 'Reports due (subjects × due periods)' }),
    delivered: Type.Integer({ description: 'Reports delivered (current versions)' }),
    late: Type.Integer(),
    missing: Type.Integer(),
    outOfRange: Type.Integer(),
    inconsistent: Type.Integer(),
    lateShare: Type.Number({ description: 'Late deliveries over delivered, 0–1' }),
  }),
  rows: Type.Array(DashboardRowSchema),
});
export type Dashboard = Static<typeof DashboardSchema>;
export const DashboardQuerySchema = Obj({ from: Type.Optional(Period), to: Type.Optional(Period) });

export const MyObligationSchema = Obj({
  obligation: ObligationSchema,
  enterpriseCode: Type.String(),
  enterpriseName: Type.String(),
  nextPeriod: Type.String({ description: 'The earliest period not yet delivered' }),
  nextDueDay: Type.String(),
  deliveries: DeliveryListSchema,
});
export const MyObligationsSchema = Type.Array(MyObligationSchema);
export const EnterpriseQuerySchema = Obj({ enterpriseCode: EnterpriseCodeSchema });

export const ApiKeyBodySchema = Obj({ enterpriseCode: EnterpriseCodeSchema, label: Type.String({ minLength: 1, maxLength: 100, description: 'Which system uses the key' }) });
export const ApiKeySchema = Obj({ id: Uuid, enterpriseCode: Type.String(), label: Type.String(), createdAt: DateTime, lastUsedAt: Nullable(DateTime), revokedAt: Nullable(DateTime) });
export const NewApiKeySchema = Obj({ id: Uuid, enterpriseCode: Type.String(), label: Type.String(), key: Type.String({ description: 'Shown once; send as Authorization: Bearer <key>' }) });
export const ApiKeyListSchema = Type.Array(ApiKeySchema);

export const ReceiptKeySchema = Obj({ keyId: Type.String(), algorithm: Type.Literal('Ed25519'), publicKeyPem: Type.String(), howToVerify: Type.String() });

export const AggregateSchema = Obj({
  obligationId: Uuid,
  title: Type.String(),
  minCell: Type.Integer({ description: 'A figure from fewer entities is suppressed (null)' }),
  fields: Type.Array(Obj({ key: Type.String(), label: Type.String(), unit: Nullable(Type.String()) })),
  periods: Type.Array(Obj({ period: Type.String(), entities: Nullable(Type.Integer()), suppressed: Type.Boolean(), totals: Type.Record(Type.String(), Nullable(Type.Number())) })),
});

export const AlertSchema = Obj({ id: Uuid, obligationId: Uuid, enterpriseCode: Type.String(), period: Type.String(), rule: OneOf(RULES), deliveryId: Nullable(Uuid), createdAt: DateTime });
export const AlertListSchema = Type.Array(AlertSchema);

/** Web paths. */
export const supervisionPaths = {
  officer: '/can-bo/giam-sat',
  obligation: (id: string) => `/can-bo/giam-sat/${id}`,
  business: '/doanh-nghiep/bao-cao',
  delivery: (id: string) => `/doanh-nghiep/bao-cao/bien-nhan/${id}`,
};
