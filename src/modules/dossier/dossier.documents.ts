import { and, asc, eq, gte, inArray, isNotNull, lt, type SQL } from 'drizzle-orm';
import { Type } from 'typebox';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import type { Principal } from '../../platform/auth/policy';
import type { Role } from '../identity/identity.schema';
import { policy } from '../../platform/auth/policy';
import { AppError } from '../../platform/http/errors';
import { IdParams, IsoDate, Obj, Uuid } from '../../platform/http/schemas';
import { adminUnits } from '../geography/geography.schema';
import type { AgencyDirectory, AgencyRow } from '../geography/agency.directory';
import type { CatalogService } from '../catalog/index';
import { STATE_LABELS, isState, type State } from '../../shared/dossier';
import { fromLocalDateTime } from '../../shared/calendar';
import { dossierActions, dossierAttachments, dossiers } from './dossier.schema';
import { dossierErrors } from './dossier.errors';
import type { DossierService, DossierRow } from './dossier.service';
import { registerCsv, registerXlsx, renderFormHtml, renderFormPdf, type AgencyInfo, type ComponentForm, type DocumentForm, type DossierInfo, type FormDataMap, type RegisterRow } from './documents';

type ActionRow = typeof dossierActions.$inferSelect;

const notAvailable = (form: string) =>
  new AppError(404, 'dossier.document_not_available', { vi: 'Chưa có văn bản này', en: 'Document not available' }, { vi: `Hồ sơ chưa có mẫu số ${form}.`, en: `The dossier has no form ${form} (yet).` });

/** The action that produces each notice (Circular 03/2025, Annex I). */
const PRODUCED_BY: Record<Exclude<DocumentForm, '06'>, string> = { '01': 'receive', '02': 'request_supplement', '03': 'refuse_reception', '04': 'extend', '05': 'stop' };

const COMPONENT_FORM: Record<string, ComponentForm> = { original: 'original', copy: 'copy', 'certified-copy': 'certified_copy', 'present-original': 'original' };
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Forms 01–06 of a dossier as HTML or PDF, built from its history, and the dossier register (form 07) as CSV or XLSX.
 * Reading a form needs the same access as reading the dossier.
 */
export class DossierDocuments {
  constructor(
    private readonly ctx: AppContext,
    private readonly service: DossierService,
    private readonly catalog: CatalogService,
    private readonly directory: AgencyDirectory,
  ) {}

  private async agencyInfo(agency: AgencyRow): Promise<AgencyInfo> {
    const [unit] = await this.ctx.db.select().from(adminUnits).where(eq(adminUnits.code, agency.adminUnitCode)).limit(1);
    const [province] = unit ? await this.ctx.db.select().from(adminUnits).where(and(eq(adminUnits.code, unit.provinceCode), eq(adminUnits.level, 'province'))).limit(1) : [];
    return { name: agency.name, oneStopUnit: agency.oneStopUnit, province: province?.name ?? unit?.name ?? '' };
  }

  private dossierInfo(row: DossierRow): DossierInfo {
    const d = row.data ?? {};
    return {
      code: row.code ?? '',
      procedureName: row.procedureName.vi,
      applicantName: row.subjectName,
      applicantId: row.subjectId,
      applicantKind: row.subjectType === 'business' ? 'organisation' : 'person',
      applicantPhone: str(d.phone) ?? str(d.applicantPhone),
      applicantEmail: str(d.email) ?? str(d.applicantEmail),
      channel: row.channel === 'post' ? 'postal' : row.channel,
      receivedAt: row.receivedAt ?? row.submittedAt ?? row.createdAt,
      dueAt: row.dueAt ?? undefined,
    };
  }

  async form(principal: Principal, id: string, form: DocumentForm): Promise<{ code: string; data: FormDataMap[DocumentForm] }> {
    const { row } = await this.service.readable(principal, id);
    if (!row.code) throw notAvailable(form);
    const actions = await this.ctx.db.select().from(dossierActions).where(eq(dossierActions.dossierId, id)).orderBy(asc(dossierActions.seq));
    const agency = await this.directory.get(row.agencyId);
    if (!agency) throw dossierErrors.notFound();
    const base = { agency: await this.agencyInfo(agency), dossier: this.dossierInfo(row) };
    const officer = (a: ActionRow) => ({ name: a.actorName ?? '' });

    if (form === '06') {
      if (!row.receivedAt) throw notAvailable(form);
      const handOffs = actions
        .filter((a) => a.seq > 0 && a.fromState !== a.toState)
        .map((a, i, list) => ({
          from: { unit: agency.oneStopUnit, person: (list[i - 1] ?? a).actorName ?? undefined },
          to: { unit: agency.name, person: a.actorName ?? undefined },
          at: a.at,
          stepDueAt: a.stepDueAt ?? undefined,
          result: a.handOff ?? undefined,
          comment: STATE_LABELS[a.toState as State]?.vi ?? a.toState,
        }));
      return { code: row.code, data: { ...base, issuedAt: this.ctx.clock.now(), handOffs } };
    }

    const action = [...actions].reverse().find((a) => a.type === PRODUCED_BY[form]);
    if (!action) throw notAvailable(form);
    const p = action.payload as Record<string, unknown>;
    const issued = { ...base, issuedAt: action.at };
    switch (form) {
      case '01': {
        const version = await this.catalog.getVersion(row.procedureVersionId);
        const files = await this.ctx.db.select({ documentId: dossierAttachments.documentId }).from(dossierAttachments).where(eq(dossierAttachments.dossierId, id));
        const components = version.documents
          .filter((d) => files.some((f) => f.documentId === d.id) || (d.requirement === 'mandatory' && row.channel !== 'online'))
          .map((d) => ({ name: d.name.vi, form: row.channel === 'online' ? ('electronic' as const) : COMPONENT_FORM[d.form], copies: Math.max(1, files.filter((f) => f.documentId === d.id).length || d.copies) }));
        const t = version.processingTime;
        const processingTime =
          t.kind === 'working-hours' ? { value: t.hours, unit: 'working_hours' as const } : t.kind === 'calendar-days' ? { value: t.days, unit: 'days' as const } : { value: t.kind === 'working-days' ? t.days : 1, unit: 'working_days' as const };
        const dueAt = row.originalDueAt ?? row.dueAt;
        if (!dueAt) throw notAvailable(form);
        return {
          code: row.code,
          data: {
            ...issued,
            dossier: { ...base.dossier, receivedAt: row.receivedAt ?? action.at, dueAt },
            components,
            processingTime,
            resultDelivery: row.channel === 'online' ? 'Trả kết quả điện tử vào kho dữ liệu của người yêu cầu hoặc tại bộ phận một cửa' : `Tại ${agency.oneStopUnit}`,
            lookupUrl: `${this.ctx.config.publicUrl}/tra-cuu/${encodeURIComponent(row.code)}`,
            officer: officer(action),
          },
        };
      }
      case '02': {
        const items = (Array.isArray(p.missingItems) ? p.missingItems : []).map((x) => ({ name: String(x) }));
        return { code: row.code, data: { ...issued, items, reason: String(p.reason ?? ''), officer: officer(action) } };
      }
      case '03':
        return { code: row.code, data: { ...issued, reason: String(p.reason ?? ''), officer: officer(action) } };
      case '04': {
        const newDueAt = new Date(String(p.newDueAt));
        const previousDue = row.originalDueAt ?? row.dueAt ?? newDueAt;
        return { code: row.code, data: { ...issued, dossier: { ...base.dossier, dueAt: previousDue }, reason: String(p.reason ?? ''), newDueAt, signer: officer(action) } };
      }
      case '05': {
        const asked = actions.find((a) => a.type === 'request_withdrawal');
        return { code: row.code, data: { ...issued, reason: String(p.reason ?? ''), withdrawalRequestedAt: asked?.at, signer: officer(action) } };
      }
    }
  }

  /** The register (sổ theo dõi hồ sơ) of the agencies the officer works for, by receipt date (local days). */
  async register(principal: Principal, roles: Role[], q: { agencyId?: string; from?: string; to?: string }): Promise<RegisterRow[]> {
    let agencyIds = [...(await this.directory.agenciesFor(principal, roles))];
    if (q.agencyId) {
      if (!agencyIds.includes(q.agencyId)) throw dossierErrors.outOfJurisdiction();
      agencyIds = [q.agencyId];
    }
    if (!agencyIds.length) return [];
    const conds: SQL[] = [inArray(dossiers.agencyId, agencyIds), isNotNull(dossiers.code)];
    if (q.from) conds.push(gte(dossiers.submittedAt, fromLocalDateTime(q.from, '00:00')));
    if (q.to) conds.push(lt(dossiers.submittedAt, new Date(fromLocalDateTime(q.to, '00:00').getTime() + 86_400_000)));
    const rows = await this.ctx.db.select().from(dossiers).where(and(...conds)).orderBy(asc(dossiers.submittedAt)).limit(50_000);
    const out: RegisterRow[] = [];
    for (const r of rows) {
      const agency = await this.directory.get(r.agencyId);
      const returned = r.projection?.timestamps?.returnedAt;
      out.push({
        code: r.code!,
        receivedAt: r.receivedAt ?? r.submittedAt ?? r.createdAt,
        applicantName: r.subjectName,
        procedureName: r.procedureName.vi,
        agencyName: agency?.name ?? r.agencyCode,
        dueAt: r.dueAt ?? r.submittedAt ?? r.createdAt,
        finishedAt: r.finishedAt ?? undefined,
        returnedAt: returned ? new Date(returned) : undefined,
        status: isState(r.state) ? STATE_LABELS[r.state].vi : r.state,
        onTime: r.finishedAt && r.dueAt ? (r.finishedAt <= r.dueAt ? 'on_time' : 'late') : undefined,
      });
    }
    return out;
  }
}

export function registerDossierDocumentRoutes(app: App, docs: DossierDocuments, officerRoles: Role[]) {
  const tags = ['dossiers'];
  app.get(
    '/api/dossiers/:id/documents/:form',
    {
      config: { policy: policy.authenticated('citizen', 'officer', 'system') },
      schema: {
        tags,
        summary: 'A form of the dossier (Circular 03/2025 Annex I): 01 receipt, 02 supplement request, 03 refusal, 04 apology and new date, 05 stop notice, 06 process control sheet — HTML or PDF',
        params: Obj({ id: IdParams.properties.id, form: Type.Union(['01', '02', '03', '04', '05', '06'].map((f) => Type.Literal(f))) }),
        querystring: Obj({ format: Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('pdf')])) }),
      },
    },
    async (req, reply) => {
      const form = req.params.form as DocumentForm;
      const { code, data } = await docs.form(req.principal!, req.params.id, form);
      const name = `${code}-mau-${form}`;
      if (req.query.format === 'pdf') {
        const pdf = await renderFormPdf(form, data as never);
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}.pdf"`).send(pdf);
      }
      // The form page embeds its QR code as an image and its own styles.
      reply.header('content-security-policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'");
      return reply.type('text/html; charset=utf-8').send(renderFormHtml(form, data as never));
    },
  );

  app.get(
    '/api/officer/register',
    {
      config: { policy: policy.roles(...officerRoles) },
      schema: {
        tags,
        summary: 'The dossier register (form 07) of my agencies as CSV (UTF-8 with BOM) or XLSX, by receipt date',
        querystring: Obj({ format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])), agencyId: Type.Optional(Uuid), from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) }),
      },
    },
    async (req, reply) => {
      const rows = await docs.register(req.principal!, officerRoles, req.query);
      const stamp = new Date().toISOString().slice(0, 10);
      if (req.query.format === 'xlsx') {
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="so-theo-doi-ho-so-${stamp}.xlsx"`)
          .send(await registerXlsx(rows));
      }
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="so-theo-doi-ho-so-${stamp}.csv"`).send(registerCsv(rows));
    },
  );
}
