/**
 * Forms 01–06 of a dossier as HTML or PDF, built from its history, and the dossier register (form 07) as CSV or
 * XLSX. Reading a form needs the same access as reading the dossier. Names of places come from the geography
 * module (its unit names), never from its tables.
 */
import type { Principal } from '../../platform/auth/policy';
import { STATE_LABELS, isState, progressOf, resultDeliveryText, type OfficerRole } from '../../shared/dossier';
import { fromLocalDateTime } from '../../shared/calendar';
import { applicableDocuments } from '../../shared/catalog';
import type { AgencyRow, DossierContext } from './dossier.deps';
import { actionsOf, attachedDocumentsOf, filedDossiers, type ActionRow, type DossierRow } from './dossier.repo';
import { dossierErrors, formDetail } from './dossier.errors';
import { loadReadable } from './dossier.access';
import { storedTypeOf } from './dossier.views';
import { handOffRows, type AgencyInfo, type ComponentForm, type DocumentForm, type DossierInfo, type FormDataMap, type HistoryStep, type RegisterRow } from './documents';

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

  async form(principal: Principal, id: string, form: DocumentForm): Promise<{ code: string; agencyId: string; data: FormDataMap[DocumentForm] }> {
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
      // One row per hand-off (shared HAND_OFFS): who gave, who received, when, against the step's own deadline.
      const agencies = new Map<string, AgencyRow>([[agency.id, agency]]);
      for (const agencyId of new Set([row.consultAgencyId, ...actions.map((a) => a.agencyId)])) {
        if (agencyId && !agencies.has(agencyId)) {
          const found = await this.ctx.directory.get(agencyId);
          if (found) agencies.set(agencyId, found);
        }
      }
      const assignees = actions.map((a) => (storedTypeOf(a) === 'assign' ? str((a.payload as Record<string, unknown>).assigneeId) : undefined)).filter((x): x is string => !!x);
      const people = await this.ctx.identity.displayNamesOf(assignees);
      const history: HistoryStep[] = actions.map((a) => ({
        type: storedTypeOf(a),
        at: a.at,
        actorAccountId: a.actorAccountId,
        actorName: a.actorName,
        actorRole: a.actorRole,
        agencyId: a.agencyId,
        payload: (a.payload ?? {}) as Record<string, unknown>,
        stepDueAt: a.stepDueAt,
        handOff: a.handOff,
      }));
      // Agencies consulted on another node: named by the exchange module's registry.
      const remote = new Map<string, string>();
      for (const a of history) {
        const code = a.type === 'request_consultation' ? a.payload.agency : undefined;
        if (typeof code !== 'string' || remote.has(code) || [...agencies.values()].some((x) => x.code === code)) continue;
        const name = (await this.ctx.hooks.remoteAgencyName?.(code, db)) ?? null;
        if (name) remote.set(code, name);
      }
      const handOffs = handOffRows(history, {
        remoteUnitOf: (code) => remote.get(code) ?? null,
        applicant: { unit: 'Tổ chức, cá nhân', person: row.agentName ?? row.subjectName },
        agencyId: agency.id,
        unitOf: (agencyId, oneStop) => {
          const a = (agencyId && agencies.get(agencyId)) || agency;
          return oneStop ? a.oneStopUnit : a.name;
        },
        agencyIdByCode: (code) => [...agencies.values()].find((a) => a.code === code)?.id ?? null,
        personOf: (accountId) => people.get(accountId),
      });
      return { code: row.code, agencyId: row.agencyId, data: { ...base, issuedAt: this.ctx.clock.now(), handOffs } };
    }

    const action = [...actions].reverse().find((a) => a.type === PRODUCED_BY[form]);
    if (!action) throw notAvailable(form);
    const p = action.payload as Record<string, unknown>;
    const issued = { ...base, issuedAt: action.at };
    switch (form) {
      case '01': {
        const version = await this.ctx.catalog.getVersion(row.procedureVersionId);
        const files = await attachedDocumentsOf(db, id);
        // Attached, or (at the desk) required by the procedure or by the answers; a paper that does not apply is never listed.
        const need = new Map(applicableDocuments(version.documents, version.eform, row.data ?? {}).map((x) => [x.doc.id, x.need]));
        const components = version.documents
          .filter((d) => need.has(d.id) && (files.some((f) => f.documentId === d.id) || (need.get(d.id) === 'required' && row.channel !== 'online')))
          .map((d) => ({ name: d.name.vi, form: row.channel === 'online' ? ('electronic' as const) : COMPONENT_FORM[d.form], copies: Math.max(1, files.filter((f) => f.documentId === d.id).length || d.copies) }));
        const t = version.processingTime;
        const processingTime =
          t.kind === 'working-hours' ? { value: t.hours, unit: 'working_hours' as const } : t.kind === 'calendar-days' ? { value: t.days, unit: 'days' as const } : { value: t.kind === 'working-days' ? t.days : 1, unit: 'working_days' as const };
        const dueAt = row.originalDueAt ?? row.dueAt;
        if (!dueAt) throw notAvailable(form);
        return {
          code: row.code,
          agencyId: row.agencyId,
          data: {
            ...issued,
            dossier: { ...base.dossier, receivedAt: row.receivedAt ?? action.at, dueAt },
            components,
            processingTime,
            resultDelivery: resultDeliveryText(row.data, agency.oneStopUnit, row.channel === 'online' ? 'Trả kết quả điện tử vào kho dữ liệu của người yêu cầu hoặc tại bộ phận một cửa' : `Tại ${agency.oneStopUnit}`),
            lookupUrl: `${this.publicUrl}/tra-cuu/${encodeURIComponent(row.code)}`,
            officer: officer(action),
          },
        };
      }
      case '02': {
        const items = (Array.isArray(p.missingItems) ? p.missingItems : []).map((x) => ({ name: String(x) }));
        return { code: row.code, agencyId: row.agencyId, data: { ...issued, items, reason: String(p.reason ?? ''), officer: officer(action) } };
      }
      case '03':
        return { code: row.code, agencyId: row.agencyId, data: { ...issued, reason: String(p.reason ?? ''), officer: officer(action) } };
      case '04': {
        const newDueAt = new Date(String(p.newDueAt));
        const previousDue = row.originalDueAt ?? row.dueAt ?? newDueAt;
        return { code: row.code, agencyId: row.agencyId, data: { ...issued, dossier: { ...base.dossier, dueAt: previousDue }, reason: String(p.reason ?? ''), newDueAt, signer: officer(action) } };
      }
      case '05': {
        const asked = actions.find((a) => a.type === 'request_withdrawal');
        return { code: row.code, agencyId: row.agencyId, data: { ...issued, reason: String(p.reason ?? ''), withdrawalRequestedAt: asked?.at, signer: officer(action) } };
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
      out.push({
        code: r.code!,
        receivedAt: r.receivedAt ?? r.submittedAt ?? r.createdAt,
        applicantName: r.subjectName,
        procedureName: r.procedureName.vi,
        agencyName: agency?.name ?? r.agencyCode,
        dueAt: r.dueAt ?? r.submittedAt ?? r.createdAt,
        finishedAt: r.finishedAt ?? undefined,
        returnedAt: r.returnedAt ?? undefined,
        status: isState(r.state) ? STATE_LABELS[r.state].vi : r.state,
        // Decision 766: processing finished against the appointed time; refused, withdrawn, stopped: no label.
        onTime: (isState(r.state) ? progressOf({ state: r.state, finishedAt: r.finishedAt, dueAt: r.dueAt, supplementRequests: r.projection?.supplementRequestedCount }) : null) ?? undefined,
      });
    }
    return out;
  }
}
