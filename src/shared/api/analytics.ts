/** The analytics module's API schemas (Decision 766 index, explanations, dashboards), shared with the web. */
import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Obj, OneOf, Uuid } from './schema';
import { GROUPS, INDICATORS } from '../analytics/formulas';

const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM (Asia/Ho_Chi_Minh)' });
const Text = Obj({ vi: Type.String(), en: Type.String() });

export const IndexQuerySchema = Obj({
  agency: Type.Optional(Uuid),
  period: Type.Optional(OneOf(['month', 'quarter', 'year'] as const, { description: 'The month `at`, its quarter or its year (default month)' })),
  at: Type.Optional(Month),
  procedure: Type.Optional(Type.String({ maxLength: 120, description: 'A procedure key' })),
  channel: Type.Optional(OneOf(['online', 'in_person', 'post'] as const, { description: 'The dossier channel: filed online, in person at the desk, or by post (petitions have no channel and are left out)' })),
});
export type IndexQuery = Static<typeof IndexQuerySchema>;

export const ExplainQuerySchema = Obj({
  ...IndexQuerySchema.properties,
  indicator: OneOf(INDICATORS),
  page: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
});
export type ExplainQuery = Static<typeof ExplainQuerySchema>;

export const ExportQuerySchema = Obj({ ...IndexQuerySchema.properties, format: OneOf(['csv', 'xlsx'] as const) });
export const ReportQuerySchema = IndexQuerySchema;
export type ExportQuery = Static<typeof ExportQuerySchema>;

const IndicatorSchema = Obj({
  id: OneOf(INDICATORS),
  group: OneOf(GROUPS),
  label: Text,
  formula: Text,
  max: Type.Number(),
  score: Type.Number(),
  rate: Nullable(Type.Number()),
  inputs: Type.Record(Type.String(), Type.Number()),
});
const GroupSchema = Obj({ id: OneOf(GROUPS), label: Text, max: Type.Number(), score: Type.Number() });

export const IndexSchema = Obj({
  scope: Obj({ agencies: Type.Integer(), months: Type.Array(Month), procedure: Nullable(Type.String()) }),
  score: Type.Number(),
  max: Type.Number(),
  groups: Type.Array(Obj({ ...GroupSchema.properties, indicators: Type.Array(IndicatorSchema) })),
});

export const ExplainSchema = Obj({
  indicator: IndicatorSchema,
  kind: OneOf(['dossier', 'procedure', 'petition'] as const, { description: 'What the items are' }),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(Obj({ id: Type.String(), code: Nullable(Type.String()), state: Nullable(Type.String()), appointedAt: Nullable(DateTime), finishedAt: Nullable(DateTime) })),
});

const Share = Nullable(Type.Number({ description: '0–1, null when nothing was counted' }));
const ProcRow = Obj({ key: Type.String(), name: Type.String(), received: Type.Integer(), finished: Type.Integer(), onTime: Type.Integer(), late: Type.Integer(), lateShare: Type.Number() });
export const DashboardSchema = Obj({
  index: Obj({ score: Type.Number(), max: Type.Number(), groups: Type.Array(GroupSchema) }),
  trend: Type.Array(Obj({ month: Month, score: Type.Number({ description: 'Progress group score of the month' }), received: Type.Integer(), onTime: Type.Integer(), late: Type.Integer() })),
  status: Obj({ received: Type.Integer(), finished: Type.Integer(), onTime: Type.Integer(), late: Type.Integer(), open: Type.Integer(), overdueNow: Type.Integer() }),
  backlogByStep: Type.Array(Obj({ state: Type.String(), open: Type.Integer(), overdue: Type.Integer() })),
  backlogByOfficer: Type.Array(Obj({ officerId: Nullable(Type.String()), open: Type.Integer(), overdue: Type.Integer() })),
  processingDays: Type.Array(Obj({ upToDays: Nullable(Type.Number()), dossiers: Type.Integer() })),
  averageDays: Nullable(Type.Number()),
  shares: Obj({ online: Share, filedOnline: Share, cashless: Share, electronicResult: Share }),
  topByVolume: Type.Array(ProcRow),
  topByLateness: Type.Array(ProcRow),
  communes: Type.Array(
    Obj({ agencyId: Uuid, code: Type.String(), name: Type.String(), received: Type.Integer(), finished: Type.Integer(), onTime: Type.Integer(), late: Type.Integer(), onTimeRate: Share }),
    { description: 'Every agency of the scope (the chosen agency’s sub-agencies, e.g. its communes) with its volume and on-time rate' },
  ),
});

export const PublicIndexParamsSchema = Obj({ code: Type.String({ maxLength: 40, description: 'Agency electronic identifier, e.g. 000.00.00.H38' }) });
export const PublicIndexQuerySchema = Obj({ period: IndexQuerySchema.properties.period, at: Type.Optional(Month) });
export const PublicIndexSchema = Obj({
  agency: Obj({ code: Type.String(), name: Type.String() }),
  months: Type.Array(Month),
  score: Type.Number(),
  max: Type.Number(),
  groups: Type.Array(GroupSchema),
  received: Type.Integer(),
  finished: Type.Integer(),
  onTime: Type.Integer(),
  onTimeRate: Share,
});
