/**
 * The analytics module over HTTP: the Decision 766 index of an agency (within the officer's jurisdiction), each
 * indicator's explanation with the dossiers behind it, the dashboard data, CSV / XLSX exports, and the public index
 * of an agency. Reads only; thin: the service holds the queries.
 */
import ExcelJS from 'exceljs';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../platform/http/app';
import { policy, type Principal } from '../../platform/auth/policy';
import { Binary } from '../../platform/http/schemas';
import { DashboardSchema, ExplainQuerySchema, ReportQuerySchema, ExplainSchema, ExportQuerySchema, IndexQuerySchema, IndexSchema, PublicIndexParamsSchema, PublicIndexQuerySchema, PublicIndexSchema, type IndexQuery } from '../../shared/api/analytics';
import type { IndexResult } from '../../shared/analytics';
import { analyticsErrors as E } from './analytics.errors';
import type { AgencyRef, AnalyticsService, Scope } from './analytics.service';
import { reportInput, type TextPdfPort } from './analytics.report';

const principalOf = (req: FastifyRequest): Principal => req.principal!;
const SCOPE_ERRORS = [E.outOfJurisdiction];

export interface AnalyticsRouteDeps {
  service: AnalyticsService;
  agencyByCode(code: string): Promise<AgencyRef | undefined>;
  publicRateLimitPerMinute: number;
  textPdf: TextPdfPort;
  agency(id: string): Promise<AgencyRef | undefined>;
  now(): Date;
}

/** The rows of an index export: one per indicator. */
export function indexRows(r: IndexResult): Array<Array<string | number>> {
  const head = ['Nhóm / Group', 'Chỉ số', 'Indicator', 'Điểm tối đa / Max', 'Điểm / Score', 'Tỷ lệ / Rate', 'Công thức', 'Formula', 'Số liệu / Inputs'];
  const rows: Array<Array<string | number>> = [head];
  for (const g of r.groups) for (const i of g.indicators) rows.push([g.label.vi, i.label.vi, i.label.en, i.max, i.score, i.rate ?? '', i.formula.vi, i.formula.en, Object.entries(i.inputs).map(([k, v]) => `${k}=${v}`).join('; ')]);
  rows.push(['Tổng / Total', '', '', r.max, r.score, '', '', '', '']);
  return rows;
}

const csvCell = (v: string | number) => {
  const s = String(v);
  // A leading = + - @ would be a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function registerAnalyticsRoutes(app: App, d: AnalyticsRouteDeps): void {
  const { service } = d;
  const leaders = policy.roles('approver', 'agency_admin', 'inspector', 'platform_admin');
  const scopeOf = async (req: FastifyRequest, q: IndexQuery): Promise<Scope> => ({
    agencyIds: await service.scopeOf(principalOf(req), q.agency),
    months: service.monthsOf(q.period ?? 'month', q.at),
    ...(q.procedure !== undefined ? { procedureKey: q.procedure } : {}),
    ...(q.channel !== undefined ? { channel: q.channel } : {}),
  });

  app.get(
    '/api/analytics/index',
    {
      config: { policy: leaders, errors: SCOPE_ERRORS },
      schema: {
        operationId: 'getServiceIndex',
        tags: ['analytics'],
        summary: 'The Decision 766 service-quality index (Bộ chỉ số phục vụ người dân, doanh nghiệp)',
        description: 'The six groups and every indicator for an agency and its sub-agencies (default: every agency of the caller’s jurisdiction), for the month `at`, its quarter or its year; each indicator with its formula and inputs. Computed from the rollups.',
        querystring: IndexQuerySchema,
        response: { 200: IndexSchema },
      },
    },
    async (req) => {
      const s = await scopeOf(req, req.query);
      const { index } = await service.index(s);
      return { scope: { agencies: s.agencyIds.length, months: s.months, procedure: s.procedureKey ?? null }, score: index.score, max: index.max, groups: index.groups.map((g) => ({ ...g, indicators: g.indicators.map(({ against: _a, ...i }) => i) })) };
    },
  );

  app.get(
    '/api/analytics/index/explain',
    {
      config: { policy: leaders, errors: SCOPE_ERRORS },
      schema: {
        operationId: 'explainServiceIndicator',
        tags: ['analytics'],
        summary: 'One indicator explained: formula, inputs and what counts against it',
        description: 'The dossiers (or procedures, or petitions) that count against the indicator in the scope, paged.',
        querystring: ExplainQuerySchema,
        response: { 200: ExplainSchema },
      },
    },
    async (req) => {
      const q = req.query;
      return service.explain(await scopeOf(req, q), q.indicator, q.page ?? 0, q.limit ?? 50);
    },
  );

  app.get(
    '/api/analytics/dashboard',
    {
      config: { policy: leaders, errors: SCOPE_ERRORS },
      schema: {
        operationId: 'getAnalyticsDashboard',
        tags: ['analytics'],
        summary: 'Dashboard data for leaders (thống kê)',
        description: 'Index and groups, 12-month trend, on time / late / overdue now, backlog by step and officer, processing-time distribution, online and cashless shares, top procedures by volume and lateness.',
        querystring: IndexQuerySchema,
        response: { 200: DashboardSchema },
      },
    },
    async (req) => service.dashboard(await scopeOf(req, req.query)),
  );

  app.get(
    '/api/analytics/index/export',
    {
      config: { policy: leaders, errors: SCOPE_ERRORS },
      schema: {
        operationId: 'exportServiceIndex',
        tags: ['analytics'],
        summary: 'The index as CSV or XLSX',
        description: 'One row per indicator (group, labels, max, score, rate, formula, inputs) and the total.',
        querystring: ExportQuerySchema,
        response: { 200: Binary(['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], 'The index') },
      },
    },
    async (req, reply) => {
      const s = await scopeOf(req, req.query);
      const { index } = await service.index(s);
      const rows = indexRows(index);
      const name = `chi-so-766-${s.months[0]}${s.months.length > 1 ? `_${s.months[s.months.length - 1]}` : ''}`;
      if (req.query.format === 'csv') {
        const body = '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(body);
      }
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Chỉ số 766');
      for (const r of rows) ws.addRow(r);
      ws.getRow(1).font = { bold: true };
      const dash = await service.dashboard(s);
      const ps = wb.addWorksheet('Thủ tục');
      ps.addRow(['Thủ tục / Procedure', 'Mã / Key', 'Tiếp nhận / Received', 'Đã giải quyết / Finished', 'Đúng hạn / On time', 'Trễ hạn / Late']);
      for (const p of dash.topByVolume) ps.addRow([p.name, p.key, p.received, p.finished, p.onTime, p.late]);
      ps.getRow(1).font = { bold: true };
      const buf = Buffer.from(await wb.xlsx.writeBuffer());
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${name}.xlsx"`).send(buf);
    },
  );

  app.get(
    '/api/analytics/report.pdf',
    {
      config: { policy: leaders, errors: SCOPE_ERRORS },
      schema: {
        operationId: 'getAnalyticsReportPdf',
        tags: ['analytics'],
        summary: 'The dashboard as a printable PDF report (báo cáo in)',
        description: 'The dashboard figures for the chosen filters (period, agency, procedure, channel): the index and its groups, on time / late / overdue now, shares, the sub-agencies and the top procedures, on one A4 page.',
        querystring: ReportQuerySchema,
        response: { 200: Binary(['application/pdf'], 'The report') },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const s = await scopeOf(req, q);
      const dash = await service.dashboard(s);
      const agency = q.agency ? ((await d.agency(q.agency)) ?? null) : null;
      const parent = agency?.parentId ? ((await d.agency(agency.parentId)) ?? null) : null;
      const procedureName = q.procedure !== undefined ? (dash.topByVolume.find((p) => p.key === q.procedure)?.name ?? q.procedure) : null;
      const now = d.now();
      const pdf = d.textPdf(reportInput({ scope: s, agency, parent, procedureName, d: dash, now }), now);
      const name = `bao-cao-thong-ke-${s.months[0]}${s.months.length > 1 ? `_${s.months[s.months.length - 1]}` : ''}`;
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}.pdf"`).send(pdf);
    },
  );

  app.get(
    '/api/public/agencies/:code/index',
    {
      config: { policy: policy.public(), errors: [E.agencyNotFound], rateLimit: { max: d.publicRateLimitPerMinute, timeWindow: '1 minute' } },
      schema: {
        operationId: 'getPublicAgencyIndex',
        tags: ['analytics'],
        summary: 'An agency’s service-quality index and on-time rate (public)',
        description: 'The index groups of the agency and its sub-agencies and its on-time rate, for the month `at` (default the current one), its quarter or its year. Open data: no dossier is listed.',
        params: PublicIndexParamsSchema,
        querystring: PublicIndexQuerySchema,
        response: { 200: PublicIndexSchema },
      },
    },
    async (req) => {
      const agency = await d.agencyByCode(req.params.code);
      if (!agency) throw E.agencyNotFound();
      const months = service.monthsOf(req.query.period ?? 'month', req.query.at);
      return { agency: { code: agency.code, name: agency.name }, months, ...(await service.publicIndex(agency.id, months)) };
    },
  );
}
