/**
 * Forms 01–06 of a dossier as HTML or PDF, built from its history, and the dossier register (form 07) as CSV or
 * XLSX. Reading a form needs the same access as reading the dossier. Names of places come from the geography
 * module (its unit names), never from its tables.
 */
import type { Principal } from '../../platform/auth/policy';
import { HAND_OFFS, STATE_LABELS, isState, type OfficerRole, type State } from '../../shared/dossier';
import { fromLocalDateTime } from '../../shared/calendar';
import type { AgencyRow, DossierContext } from './dossier.deps';
import { actionsOf, attachedDocumentsOf, filedDossiers, type ActionRow, type DossierRow } from './dossier.repo';
import { dossierErrors, formDetail } from './dossier.errors';
import { loadReadable } from './dossier.access';
import { storedTypeOf } from './dossier.views';
import type { AgencyInfo, ComponentForm, DocumentForm, DossierInfo, FormDataMap, RegisterRow } from './documents';

const notAvailable = (form: string) => dossierErrors.documentNotAvailable(formDetail(form));

/** The action that produces each notice (Circular 03/2025, Annex I). */
const PRODUCED_BY: Record<Exclude<DocumentForm, '06'>, string> = { '01': 'receive', '02': 'request_supplement', '03': 'refuse_reception', '04': 'extend', '05': 'stop' };

const COMPONENT_FORM: Record<string, ComponentForm> = { original: 'original', copy: 'copy', 'certified-copy': 'certified_copy', 'present-original': 'original' };
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
/** The largest register exported at once. */
const REGISTER_LIMIT = 50_000;

export class DossierDocuments {
  constructor(
    private readonly ctx: DossierContext,
    private readonly publicUrl: string,
  ) {}

  private async agencyInfo(agency: AgencyRow): Promise<AgencyInfo> {
    const place = await this.ctx.units.placeOf(agency.adminUnitCode);
    return { name: agency.name, oneStopUnit: agency.oneStopUnit, province: place?.provinceName ?? place?.name ?? '' };
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
    const { db } = this.ctx;
    const { row } = await loadReadable(this.ctx, db, principal, id);
    if (!row.code) throw notAvailable(form);
    const actions = await actionsOf(db, id);
    const agency = await this.ctx.directory.get(row.agencyId);
    if (!agency) throw dossierErrors.notFound();
    const base = { agency: await this.agencyInfo(agency), dossier: this.dossierInfo(row) };
    const officer = (a: ActionRow) => ({ name: a.actorName ?? '' });

    if (form === '06') {
      if (!row.receivedAt) throw notAvailable(form);
      // The control sheet lists the hand-offs (shared HAND_OFFS), each against the deadline of the step it ends.
      const handOffs = actions
        .filter((a) => HAND_OFFS.includes(storedTypeOf(a)))
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
        const version = await this.ctx.catalog.getVersion(row.procedureVersionId);
        const files = await attachedDocumentsOf(db, id);
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
            lookupUrl: `${this.publicUrl}/tra-cuu/${encodeURIComponent(row.code)}`,
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
  async register(principal: Principal, roles: readonly OfficerRole[], q: { agencyId?: string; from?: string; to?: string }): Promise<RegisterRow[]> {
    let agencyIds = [...(await this.ctx.directory.agenciesFor(principal, roles))];
    if (q.agencyId) {
      if (!agencyIds.includes(q.agencyId)) throw dossierErrors.outOfJurisdiction();
      agencyIds = [q.agencyId];
    }
    if (!agencyIds.length) return [];
    const from = q.from ? fromLocalDateTime(q.from, '00:00') : null;
    const until = q.to ? new Date(fromLocalDateTime(q.to, '00:00').getTime() + 86_400_000) : null;
    const rows = await filedDossiers(this.ctx.db, agencyIds, from, until, REGISTER_LIMIT);
    const out: RegisterRow[] = [];
    for (const r of rows) {
      const agency = await this.ctx.directory.get(r.agencyId);
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
