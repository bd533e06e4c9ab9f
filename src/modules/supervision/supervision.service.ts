/**
 * Online supervision (giám sát trực tuyến): reporting obligations, deliveries (web upload or API with a business
 * key), their receipts, the rules (missing, late, out of range, inconsistent with the last period), alerts through
 * the notification module, the compliance dashboard, its CSV export and the aggregate for open data.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import { platformActor, type Actor } from '../../platform/auth/actor';
import { appendAudit } from '../../platform/audit/audit.service';
import { enqueueEvent } from '../../platform/events/outbox';
import { appendLeaf } from '../../platform/tlog/tlog.append';
import { sha256 } from '../../platform/audit/canonical';
import { receiptLeaf } from './supervision.tlog';
import { newToken, tokenHash } from '../../platform/auth/tokens';
import { ROLES, type Role } from '../../shared/auth/roles';
import {
  aggregate,
  canonicalRecords,
  checkDefinition,
  comparePeriods,
  dueDayOf,
  dueInstant,
  inconsistent,
  isPeriod,
  lastDuePeriod,
  MIN_CELL,
  nextPeriod,
  outOfRange,
  parseReport,
  periodLabel,
  periodOfDay,
  periodsBetween,
  previousPeriod,
  RULE_LABELS,
  vnDay,
  type DeliveryChannel,
  type Finding,
  type Rule,
} from '../../shared/supervision';
import type { Dashboard, Delivery, Obligation, ObligationBody } from '../../shared/api/supervision';
import { supervisionAlerts, supervisionApiKeys, supervisionDeliveries, supervisionObligations } from './supervision.schema';
import { supervisionErrors as E } from './supervision.errors';
import type { SupervisionPorts } from './supervision.ports';
import type { ReceiptSigner } from './receipt';

export type ObligationRow = typeof supervisionObligations.$inferSelect;
export type DeliveryRow = typeof supervisionDeliveries.$inferSelect;
const OFFICERS: readonly Role[] = ROLES.filter((r) => r !== 'platform_admin');
/** Who may define obligations for an agency. */
const DEFINERS: readonly Role[] = ['specialist', 'approver', 'agency_admin'];
/** Who receives the agency's alerts. */
const ALERTED: readonly Role[] = ['specialist'];
export const SUPERVISION_ALERT_EVENT = 'supervision.alert';
export const API_KEY_PREFIX = 'mcs_';

/** The alert event the notification module turns into messages (no personal data: ids, codes, labels). */
export interface SupervisionAlertPayload {
  audience: 'citizen' | 'officer';
  recipients: string[];
  agencyId: string;
  obligationId: string;
  report: string;
  enterpriseCode: string;
  enterprise: string;
  period: string;
  periodLabel: { vi: string; en: string };
  problem: { vi: string; en: string };
  link: string;
}

export interface DeliverInput {
  obligationId: string;
  enterpriseCode: string;
  period: string;
  content: string;
  channel: DeliveryChannel;
  accountId: string | null;
  apiKeyId: string | null;
}

/** Recipients of a delivery's alerts, read before the transaction (ports that cannot join it). */
export interface AlertRecipients {
  entity: string[];
  officers: string[];
}

export class SupervisionService {
  constructor(
    private readonly db: Db,
    private readonly ports: SupervisionPorts,
    private readonly signer: ReceiptSigner,
    private readonly publicUrl: string,
  ) {}

  // --- obligations ----------------------------------------------------------------------------------------------

  async view(row: ObligationRow, db: DbOrTx = this.db): Promise<Obligation> {
    const agency = await this.ports.agencies.get(row.agencyId, db);
    return {
      id: row.id,
      agencyId: row.agencyId,
      agencyName: agency?.name ?? '',
      title: row.title,
      description: row.description,
      legalBasis: row.legalBasis,
      frequency: row.frequency,
      dueDay: row.dueDay,
      format: row.format,
      fields: row.fields,
      subjects: row.subjects,
      subjectCount: row.subjectCodes.length,
      startPeriod: row.startPeriod,
      createdAt: row.createdAt.toISOString(),
    };
  }

  private async requireOfficer(principal: Principal, agencyId: string, roles: readonly Role[] = OFFICERS, db: DbOrTx = this.db) {
    if (!(await this.ports.agencies.roleIn(principal, roles, agencyId, db))) throw E.notAgencyOfficer();
  }

  async load(id: string, db: DbOrTx = this.db): Promise<ObligationRow> {
    const [row] = await db.select().from(supervisionObligations).where(eq(supervisionObligations.id, id));
    if (!row) throw E.obligationNotFound();
    return row;
  }

  /** Resolves who is bound (the list, checked against the registry, and the class), before the transaction. */
  async resolveSubjects(body: ObligationBody, db: DbOrTx = this.db): Promise<string[]> {
    const codes = new Set<string>();
    const unknown: string[] = [];
    for (const c of body.subjects.enterpriseCodes) {
      const b = await this.ports.businesses.find(c, db);
      if (!b || b.status === 'dissolved') unknown.push(c);
      else codes.add(c);
    }
    if (unknown.length) throw E.badDefinition({ vi: `Không có doanh nghiệp đang hoạt động với mã số: ${unknown.join(', ')}`, en: `No active enterprise with the code(s): ${unknown.join(', ')}` }, { fields: unknown.map((c) => ({ field: 'subjects.enterpriseCodes', code: 'unknown_enterprise', message: { vi: `Không có doanh nghiệp ${c}`, en: `No enterprise ${c}` } })) });
    if (body.subjects.businessLine || body.subjects.communePrefix) for (const b of await this.ports.businesses.inClass(body.subjects, db)) codes.add(b.enterpriseCode);
    if (!codes.size) throw E.noSubjects();
    return [...codes].sort();
  }

  async define(tx: Tx, principal: Principal, actor: Actor, body: ObligationBody, subjectCodes: string[], now: Date): Promise<ObligationRow> {
    await this.requireOfficer(principal, body.agencyId, DEFINERS, tx);
    return this.defineAs(tx, actor, body, subjectCodes, now, principal.accountId);
  }

  /** The definition itself, once the caller is known to be allowed (also the demo seed's). */
  async defineAs(tx: Tx, actor: Actor, body: ObligationBody, subjectCodes: string[], now: Date, createdBy: string | null = null): Promise<ObligationRow> {
    const problems = checkDefinition(body);
    if (!isPeriod(body.frequency, body.startPeriod)) problems.push({ row: null, field: 'startPeriod', reason: { vi: 'Kỳ bắt đầu không đúng tần suất báo cáo', en: 'The start period does not match the frequency' } });
    if (problems.length) throw E.badDefinition(problems[0].reason, { fields: problems.map((p) => ({ field: p.field ?? 'body', code: 'invalid', message: p.reason })) });
    const [row] = await tx
      .insert(supervisionObligations)
      .values({
        agencyId: body.agencyId,
        title: body.title.normalize('NFC').trim(),
        description: body.description?.normalize('NFC').trim() || null,
        legalBasis: body.legalBasis.normalize('NFC').trim(),
        frequency: body.frequency,
        dueDay: body.dueDay,
        format: body.format,
        fields: body.fields,
        subjects: { enterpriseCodes: body.subjects.enterpriseCodes, businessLine: body.subjects.businessLine ?? null, communePrefix: body.subjects.communePrefix ?? null },
        subjectCodes,
        startPeriod: body.startPeriod,
        createdBy,
        createdAt: now,
      })
      .returning();
    await appendAudit(tx, actor, { action: 'supervision.obligation.defined', targetType: 'supervision_obligation', targetId: row.id, after: { title: row.title, frequency: row.frequency, dueDay: row.dueDay, fields: row.fields.map((f) => f.key), subjects: subjectCodes.length, legalBasis: row.legalBasis }, agencyId: row.agencyId }, now);
    await enqueueEvent(tx, { type: 'supervision.obligation_defined', aggregateType: 'supervision_obligation', aggregateId: row.id, payload: { agencyId: row.agencyId, frequency: row.frequency, subjects: subjectCodes.length } });
    return row;
  }

  async list(principal: Principal, agencyId: string): Promise<Obligation[]> {
    await this.requireOfficer(principal, agencyId);
    const rows = await this.db.select().from(supervisionObligations).where(eq(supervisionObligations.agencyId, agencyId)).orderBy(desc(supervisionObligations.createdAt));
    return Promise.all(rows.map((r) => this.view(r)));
  }

  async getFor(principal: Principal, id: string): Promise<Obligation> {
    const row = await this.load(id);
    if (principal.kind === 'citizen') {
      let ok = false;
      for (const c of row.subjectCodes) if (await this.ports.mayActFor(this.db, principal, c)) ok = true;
      if (!ok) throw E.obligationNotFound();
    } else await this.requireOfficer(principal, row.agencyId);
    return this.view(row);
  }

  // --- API keys -------------------------------------------------------------------------------------------------

  async createKey(tx: Tx, principal: Principal, actor: Actor, enterpriseCode: string, label: string, now: Date) {
    if (!(await this.ports.mayActFor(tx, principal, enterpriseCode))) throw E.notForEnterprise();
    const key = API_KEY_PREFIX + newToken();
    const [row] = await tx.insert(supervisionApiKeys).values({ enterpriseCode, keyHash: tokenHash(key), label: label.normalize('NFC').trim(), createdBy: principal.accountId, createdAt: now }).returning();
    await appendAudit(tx, actor, { action: 'supervision.api_key.created', targetType: 'supervision_api_key', targetId: row.id, after: { enterpriseCode, label: row.label } }, now);
    await enqueueEvent(tx, { type: 'supervision.api_key_created', aggregateType: 'supervision_api_key', aggregateId: row.id, payload: { enterpriseCode } });
    return { id: row.id, enterpriseCode, label: row.label, key };
  }

  async revokeKey(tx: Tx, principal: Principal, actor: Actor, id: string, now: Date) {
    const [row] = await tx.select().from(supervisionApiKeys).where(eq(supervisionApiKeys.id, id)).for('update');
    if (!row || !(await this.ports.mayActFor(tx, principal, row.enterpriseCode))) throw E.badApiKey();
    if (!row.revokedAt) {
      await tx.update(supervisionApiKeys).set({ revokedAt: now }).where(eq(supervisionApiKeys.id, id));
      await appendAudit(tx, actor, { action: 'supervision.api_key.revoked', targetType: 'supervision_api_key', targetId: id, before: { revokedAt: null }, after: { revokedAt: now.toISOString() } }, now);
      await enqueueEvent(tx, { type: 'supervision.api_key_revoked', aggregateType: 'supervision_api_key', aggregateId: id, payload: { enterpriseCode: row.enterpriseCode } });
    }
  }

  async listKeys(principal: Principal, enterpriseCode: string) {
    if (!(await this.ports.mayActFor(this.db, principal, enterpriseCode))) throw E.notForEnterprise();
    const rows = await this.db.select().from(supervisionApiKeys).where(eq(supervisionApiKeys.enterpriseCode, enterpriseCode)).orderBy(desc(supervisionApiKeys.createdAt));
    return rows.map((r) => ({ id: r.id, enterpriseCode: r.enterpriseCode, label: r.label, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null, revokedAt: r.revokedAt?.toISOString() ?? null }));
  }

  /** The key a machine client sent (Authorization: Bearer mcs_…), or a 401. */
  async resolveKey(authorization: string | undefined, now: Date): Promise<{ id: string; enterpriseCode: string }> {
    const raw = typeof authorization === 'string' ? authorization.replace(/^Bearer\s+/i, '').trim() : '';
    if (!raw.startsWith(API_KEY_PREFIX) || raw.length > 200) throw E.badApiKey();
    const [row] = await this.db.select().from(supervisionApiKeys).where(eq(supervisionApiKeys.keyHash, tokenHash(raw)));
    if (!row || row.revokedAt) throw E.badApiKey();
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) await this.db.update(supervisionApiKeys).set({ lastUsedAt: now }).where(eq(supervisionApiKeys.id, row.id));
    return { id: row.id, enterpriseCode: row.enterpriseCode };
  }

  // --- deliveries -----------------------------------------------------------------------------------------------

  /** Who is told about a delivery's problems: the enterprise's representative and the caller; the agency's specialists. */
  async recipients(obligationId: string, enterpriseCode: string, accountId: string | null): Promise<AlertRecipients> {
    const [row] = await this.db.select({ agencyId: supervisionObligations.agencyId }).from(supervisionObligations).where(eq(supervisionObligations.id, obligationId));
    if (!row) return { entity: [], officers: [] };
    const b = await this.ports.businesses.find(enterpriseCode);
    const rep = b ? await this.ports.people.citizenAccountOf(b.legalRepresentativePersonalId) : null;
    return { entity: [...new Set([rep, accountId].filter((x): x is string => !!x))], officers: await this.ports.people.holdersOf(ALERTED, row.agencyId) };
  }

  async deliver(tx: Tx, principal: Principal | null, actor: Actor, input: DeliverInput, recipients: AlertRecipients, now: Date): Promise<Delivery> {
    const obligation = await this.load(input.obligationId, tx);
    if (input.channel === 'web' && (!principal || !(await this.ports.mayActFor(tx, principal, input.enterpriseCode)))) throw E.notForEnterprise();
    if (!obligation.subjectCodes.includes(input.enterpriseCode)) throw E.notSubject();
    const today = vnDay(now);
    if (!isPeriod(obligation.frequency, input.period) || comparePeriods(input.period, obligation.startPeriod) < 0 || comparePeriods(input.period, periodOfDay(obligation.frequency, today)) > 0) {
      throw E.badPeriod({ vi: `Kỳ báo cáo phải theo tần suất ${obligation.frequency === 'monthly' ? 'YYYY-MM' : obligation.frequency === 'quarterly' ? 'YYYY-Qn' : 'YYYY'}, từ ${periodLabel(obligation.startPeriod)} đến kỳ hiện tại`, en: `The period must be ${obligation.frequency}, from ${obligation.startPeriod} to the current one` });
    }
    const { records, problems } = parseReport(obligation.fields, obligation.format, input.content);
    if (problems.length) {
      const where = (p: (typeof problems)[number]) => (p.row === null ? 'content' : `content[${p.row}]${p.field ? `.${p.field}` : ''}`);
      const first = problems[0];
      throw E.malformed(
        { vi: `${first.row !== null ? `Bản ghi ${first.row}` : 'Báo cáo'}${first.field ? `, chỉ tiêu ${first.field}` : ''}: ${first.reason.vi}`, en: `${first.row !== null ? `Record ${first.row}` : 'Report'}${first.field ? `, field ${first.field}` : ''}: ${first.reason.en}` },
        { fields: problems.map((p) => ({ field: where(p), code: 'invalid', message: p.reason })), extra: { problems } },
      );
    }
    const contentSha256 = sha256(canonicalRecords(obligation.fields, records));
    const key = and(eq(supervisionDeliveries.obligationId, obligation.id), eq(supervisionDeliveries.enterpriseCode, input.enterpriseCode), eq(supervisionDeliveries.period, input.period));
    const [current] = await tx.select().from(supervisionDeliveries).where(and(key, isNull(supervisionDeliveries.supersededBy))).for('update');
    // The same content again for the period: the earlier delivery and its receipt, nothing written.
    if (current && current.contentSha256 === contentSha256) return this.deliveryView(current, obligation.title, true);
    const [{ v }] = await tx.select({ v: sql<number>`coalesce(max(${supervisionDeliveries.version}), 0)::int` }).from(supervisionDeliveries).where(key);
    const business = await this.ports.businesses.find(input.enterpriseCode, tx);
    const cal = await this.ports.calendar(tx);
    const dueDay = dueDayOf(obligation.frequency, input.period, obligation.dueDay, (d) => cal.isWorkingDay(d), (d) => cal.nextWorkingDay(d));
    // Lateness is the period's: a correction keeps the first delivery's standing.
    const late = current ? current.late : now.getTime() > dueInstant(dueDay).getTime();
    const [prev] = await tx
      .select({ records: supervisionDeliveries.records })
      .from(supervisionDeliveries)
      .where(and(eq(supervisionDeliveries.obligationId, obligation.id), eq(supervisionDeliveries.enterpriseCode, input.enterpriseCode), eq(supervisionDeliveries.period, previousPeriod(obligation.frequency, input.period)), isNull(supervisionDeliveries.supersededBy)));
    const findings: Finding[] = [...(late ? [{ rule: 'late' as const, row: null, field: null, value: null, dueDay }] : []), ...outOfRange(obligation.fields, records), ...inconsistent(obligation.fields, records, prev?.records ?? null)];
    const id = randomUUID();
    const version = Number(v) + 1;
    const receipt = {
      type: 'motcua.supervision.receipt/v1' as const,
      deliveryId: id,
      obligationId: obligation.id,
      agencyId: obligation.agencyId,
      enterpriseCode: input.enterpriseCode,
      period: input.period,
      version,
      supersedes: current?.id ?? null,
      contentSha256,
      channel: input.channel,
      receivedAt: now.toISOString(),
      dueDay,
      late,
      findings: findings.length,
      keyId: this.signer.keyId,
    };
    const signature = this.signer.sign(receipt);
    if (current) await tx.update(supervisionDeliveries).set({ supersededBy: id }).where(eq(supervisionDeliveries.id, current.id));
    const [row] = await tx
      .insert(supervisionDeliveries)
      .values({ id, obligationId: obligation.id, agencyId: obligation.agencyId, enterpriseCode: input.enterpriseCode, enterpriseName: business?.name ?? input.enterpriseCode, period: input.period, version, supersedes: current?.id ?? null, channel: input.channel, accountId: input.accountId, apiKeyId: input.apiKeyId, contentSha256, records, receivedAt: now, dueDay, late, findings, receipt, signature })
      .returning();
    await appendAudit(tx, actor, { action: current ? 'supervision.delivery.corrected' : 'supervision.delivery.received', targetType: 'supervision_delivery', targetId: id, before: current ? { deliveryId: current.id, contentSha256: current.contentSha256 } : null, after: { obligationId: obligation.id, enterpriseCode: input.enterpriseCode, period: input.period, version, channel: input.channel, contentSha256, late, rules: [...new Set(findings.map((f) => f.rule))] }, agencyId: obligation.agencyId }, now);
    await enqueueEvent(tx, { type: 'supervision.delivered', aggregateType: 'supervision_obligation', aggregateId: obligation.id, payload: { deliveryId: id, agencyId: obligation.agencyId, enterpriseCode: input.enterpriseCode, period: input.period, version, channel: input.channel, late, rules: [...new Set(findings.map((f) => f.rule))], at: now.toISOString() } });
    await appendLeaf(tx, { kind: 'supervision_receipt', ref: id, ...receiptLeaf(row) });
    const rules = [...new Set(findings.map((f) => f.rule))];
    if (rules.length) await this.raise(tx, obligation, input.enterpriseCode, business?.name ?? input.enterpriseCode, input.period, rules, id, recipients, now);
    return this.deliveryView(row, obligation.title, false);
  }

  /** Records alerts (once each) and asks the notification module to tell the enterprise and the agency. */
  private async raise(tx: Tx, o: ObligationRow, enterpriseCode: string, enterprise: string, period: string, rules: Rule[], deliveryId: string | null, recipients: AlertRecipients, now: Date): Promise<number> {
    const inserted = await tx
      .insert(supervisionAlerts)
      .values(rules.map((rule) => ({ obligationId: o.id, agencyId: o.agencyId, enterpriseCode, period, rule, deliveryId, createdAt: now })))
      .onConflictDoNothing()
      .returning({ id: supervisionAlerts.id, rule: supervisionAlerts.rule });
    if (!inserted.length) return 0;
    const fresh = inserted.map((i) => i.rule);
    const problem = { vi: fresh.map((r) => RULE_LABELS[r].vi).join('; '), en: fresh.map((r) => RULE_LABELS[r].en).join('; ') };
    const base = { agencyId: o.agencyId, obligationId: o.id, report: o.title, enterpriseCode, enterprise, period, periodLabel: { vi: periodLabel(period, 'vi'), en: periodLabel(period, 'en') }, problem };
    const payloads: SupervisionAlertPayload[] = [
      { ...base, audience: 'citizen', recipients: recipients.entity, link: `${this.publicUrl}/doanh-nghiep/bao-cao` },
      { ...base, audience: 'officer', recipients: recipients.officers, link: `${this.publicUrl}/can-bo/giam-sat/${o.id}` },
    ];
    for (const p of payloads) if (p.recipients.length) await enqueueEvent(tx, { type: SUPERVISION_ALERT_EVENT, aggregateType: 'supervision_obligation', aggregateId: o.id, payload: { ...p, rules: fresh, deliveryId, at: now.toISOString() } as unknown as Record<string, unknown> });
    await appendAudit(tx, platformActor('supervision'), { action: 'supervision.alert.raised', targetType: 'supervision_obligation', targetId: o.id, after: { enterpriseCode, period, rules: fresh, deliveryId }, agencyId: o.agencyId }, now);
    return inserted.length;
  }

  /**
   * The missing reports: for every obligation, every bound enterprise and every period whose due date has passed
   * without a delivery, one alert (once). Run hourly and by the CLI; answers how many alerts were raised.
   */
  async sweepMissing(now: Date): Promise<number> {
    const today = vnDay(now);
    let raised = 0;
    for (const o of await this.db.select().from(supervisionObligations)) {
      const last = lastDuePeriod(o.frequency, o.dueDay, today);
      if (comparePeriods(last, o.startPeriod) < 0) continue;
      const periods = periodsBetween(o.frequency, o.startPeriod, last).slice(-12);
      const delivered = await this.db.select({ c: supervisionDeliveries.enterpriseCode, p: supervisionDeliveries.period }).from(supervisionDeliveries).where(and(eq(supervisionDeliveries.obligationId, o.id), inArray(supervisionDeliveries.period, periods)));
      const have = new Set(delivered.map((d) => `${d.c}|${d.p}`));
      const alerted = await this.db.select({ c: supervisionAlerts.enterpriseCode, p: supervisionAlerts.period }).from(supervisionAlerts).where(and(eq(supervisionAlerts.obligationId, o.id), eq(supervisionAlerts.rule, 'missing')));
      const done = new Set(alerted.map((d) => `${d.c}|${d.p}`));
      const officers = await this.ports.people.holdersOf(ALERTED, o.agencyId);
      for (const code of o.subjectCodes) {
        const todo = periods.filter((p) => !have.has(`${code}|${p}`) && !done.has(`${code}|${p}`));
        if (!todo.length) continue;
        const b = await this.ports.businesses.find(code);
        const rep = b ? await this.ports.people.citizenAccountOf(b.legalRepresentativePersonalId) : null;
        for (const p of todo) raised += await this.db.transaction((tx) => this.raise(tx, o, code, b?.name ?? code, p, ['missing'], null, { entity: rep ? [rep] : [], officers }, now));
      }
    }
    return raised;
  }

  deliveryView(r: DeliveryRow, obligationTitle: string, duplicate: boolean): Delivery {
    return {
      id: r.id,
      obligationId: r.obligationId,
      obligationTitle,
      enterpriseCode: r.enterpriseCode,
      enterpriseName: r.enterpriseName,
      period: r.period,
      version: r.version,
      current: r.supersededBy === null,
      supersedes: r.supersedes,
      supersededBy: r.supersededBy,
      channel: r.channel,
      contentSha256: r.contentSha256,
      receivedAt: r.receivedAt.toISOString(),
      dueDay: r.dueDay,
      late: r.late,
      findings: r.findings,
      records: r.records.length,
      receipt: r.receipt as Delivery['receipt'],
      signature: r.signature,
      duplicate,
    };
  }

  async delivery(principal: Principal, id: string): Promise<Delivery> {
    const [r] = await this.db.select().from(supervisionDeliveries).where(eq(supervisionDeliveries.id, id));
    if (!r) throw E.deliveryNotFound();
    if (principal.kind === 'citizen') {
      if (!(await this.ports.mayActFor(this.db, principal, r.enterpriseCode))) throw E.deliveryNotFound();
    } else await this.requireOfficer(principal, r.agencyId);
    const o = await this.load(r.obligationId);
    return this.deliveryView(r, o.title, false);
  }

  /** An obligation's deliveries, every version (history), newest first; optionally of one enterprise. */
  async history(principal: Principal, obligationId: string, enterpriseCode?: string): Promise<Delivery[]> {
    const o = await this.load(obligationId);
    await this.requireOfficer(principal, o.agencyId);
    const rows = await this.db
      .select()
      .from(supervisionDeliveries)
      .where(and(eq(supervisionDeliveries.obligationId, o.id), enterpriseCode ? eq(supervisionDeliveries.enterpriseCode, enterpriseCode) : undefined))
      .orderBy(desc(supervisionDeliveries.period), asc(supervisionDeliveries.enterpriseCode), desc(supervisionDeliveries.version));
    return rows.map((r) => this.deliveryView(r, o.title, false));
  }

  /**
   * A report that came through the agencies' exchange gateway from the enterprise's own node: the same delivery as
   * by API (one transaction with its audit record, outbox event and receipt leaf), provenance the X-Road message id.
   */
  async deliverFromExchange(input: { obligationId: string; enterpriseCode: string; period: string; content: unknown; xRoadId: string }, now: Date): Promise<Delivery> {
    const recipients = await this.recipients(input.obligationId, input.enterpriseCode, null);
    const actor: Actor = { accountId: null, kind: 'system', role: null, agencyId: null, requestId: input.xRoadId };
    return this.db.transaction((tx) => this.deliver(tx, null, actor, { obligationId: input.obligationId, enterpriseCode: input.enterpriseCode, period: input.period, content: input.content as DeliverInput['content'], channel: 'exchange', accountId: null, apiKeyId: null }, recipients, now));
  }

  /** The obligations an enterprise is bound by, with its deliveries, for the business's page. */
  async mine(principal: Principal, enterpriseCode: string, now: Date) {
    if (!(await this.ports.mayActFor(this.db, principal, enterpriseCode))) throw E.notForEnterprise();
    const b = await this.ports.businesses.find(enterpriseCode);
    const rows = await this.db.select().from(supervisionObligations).where(sql`${enterpriseCode} = any(${supervisionObligations.subjectCodes})`).orderBy(asc(supervisionObligations.createdAt));
    const cal = await this.ports.calendar();
    const current = (f: ObligationRow['frequency']) => periodOfDay(f, vnDay(now));
    const out = [];
    for (const o of rows) {
      const ds = await this.db.select().from(supervisionDeliveries).where(and(eq(supervisionDeliveries.obligationId, o.id), eq(supervisionDeliveries.enterpriseCode, enterpriseCode))).orderBy(desc(supervisionDeliveries.period), desc(supervisionDeliveries.version));
      const have = new Set(ds.map((d) => d.period));
      const open = periodsBetween(o.frequency, o.startPeriod, current(o.frequency)).find((p) => !have.has(p)) ?? nextPeriod(o.frequency, current(o.frequency));
      out.push({
        obligation: await this.view(o),
        enterpriseCode,
        enterpriseName: b?.name ?? enterpriseCode,
        nextPeriod: open,
        nextDueDay: dueDayOf(o.frequency, open, o.dueDay, (d) => cal.isWorkingDay(d), (d) => cal.nextWorkingDay(d)),
        deliveries: ds.slice(0, 60).map((d) => this.deliveryView(d, o.title, false)),
      });
    }
    return out;
  }

  // --- compliance dashboard -------------------------------------------------------------------------------------

  async dashboard(principal: Principal, id: string, now: Date, range: { from?: string; to?: string } = {}): Promise<Dashboard> {
    const o = await this.load(id);
    await this.requireOfficer(principal, o.agencyId);
    return this.figures(o, now, range);
  }

  /** The dashboard's figures (also used by the seed's note). */
  async figures(o: ObligationRow, now: Date, range: { from?: string; to?: string } = {}): Promise<Dashboard> {
    const today = vnDay(now);
    const lastDue = lastDuePeriod(o.frequency, o.dueDay, today);
    const to = range.to && isPeriod(o.frequency, range.to) ? range.to : periodOfDay(o.frequency, today);
    const fromDefault = periodsBetween(o.frequency, o.startPeriod, to).slice(-12)[0] ?? o.startPeriod;
    const from = range.from && isPeriod(o.frequency, range.from) && comparePeriods(range.from, o.startPeriod) >= 0 ? range.from : fromDefault;
    const periods = periodsBetween(o.frequency, from, to);
    const ds = periods.length ? await this.db.select().from(supervisionDeliveries).where(and(eq(supervisionDeliveries.obligationId, o.id), isNull(supervisionDeliveries.supersededBy), inArray(supervisionDeliveries.period, periods))) : [];
    const byKey = new Map(ds.map((d) => [`${d.enterpriseCode}|${d.period}`, d]));
    const names = new Map(ds.map((d) => [d.enterpriseCode, d.enterpriseName]));
    for (const c of o.subjectCodes) if (!names.has(c)) names.set(c, (await this.ports.businesses.find(c))?.name ?? c);
    const rows: Dashboard['rows'] = [];
    let late = 0,
      missing = 0,
      outR = 0,
      inc = 0,
      duePeriods = 0;
    for (const p of periods) {
      const due = comparePeriods(p, lastDue) <= 0;
      if (due) duePeriods++;
      for (const c of o.subjectCodes) {
        const d = byKey.get(`${c}|${p}`);
        const rules = d ? [...new Set(d.findings.map((f) => f.rule))] : due ? (['missing'] as Rule[]) : [];
        const status = d ? (d.late ? 'late' : 'on_time') : due ? 'missing' : 'not_due';
        if (status === 'late') late++;
        if (status === 'missing') missing++;
        if (rules.includes('out_of_range')) outR++;
        if (rules.includes('inconsistent')) inc++;
        rows.push({ enterpriseCode: c, enterpriseName: names.get(c) ?? c, period: p, status, deliveryId: d?.id ?? null, rules });
      }
    }
    return {
      obligation: await this.view(o),
      periods,
      summary: { subjects: o.subjectCodes.length, duePeriods, expected: duePeriods * o.subjectCodes.length, delivered: ds.length, late, missing, outOfRange: outR, inconsistent: inc, lateShare: ds.length ? Math.round((late / ds.length) * 1000) / 1000 : 0 },
      rows,
    };
  }

  /** Every delivery of the obligation (all versions) as CSV, for the agency. */
  async exportCsv(principal: Principal, id: string): Promise<string> {
    const o = await this.load(id);
    await this.requireOfficer(principal, o.agencyId);
    const rows = await this.db.select().from(supervisionDeliveries).where(eq(supervisionDeliveries.obligationId, o.id)).orderBy(asc(supervisionDeliveries.period), asc(supervisionDeliveries.enterpriseCode), asc(supervisionDeliveries.version));
    const q = (v: unknown) => {
      const s = v === null || v === undefined ? '' : String(v);
      return /[",\n\r;]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s;
    };
    const header = ['period', 'enterprise_code', 'enterprise_name', 'version', 'current', 'channel', 'received_at', 'due_day', 'late', 'rules', 'content_sha256', ...o.fields.map((f) => `${f.key}_total`)];
    const numeric = new Set(o.fields.filter((f) => f.type === 'number' || f.type === 'integer').map((f) => f.key));
    const lines = rows.map((r) =>
      [r.period, r.enterpriseCode, r.enterpriseName, r.version, r.supersededBy === null, r.channel, r.receivedAt.toISOString(), r.dueDay, r.late, [...new Set(r.findings.map((f) => f.rule))].join(' '), r.contentSha256, ...o.fields.map((f) => (numeric.has(f.key) ? r.records.reduce((s, x) => s + (typeof x[f.key] === 'number' ? (x[f.key] as number) : 0), 0) : ''))].map(q).join(','),
    );
    return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
  }

  async alerts(principal: Principal, agencyId: string) {
    await this.requireOfficer(principal, agencyId);
    const rows = await this.db.select().from(supervisionAlerts).where(eq(supervisionAlerts.agencyId, agencyId)).orderBy(desc(supervisionAlerts.createdAt)).limit(500);
    return rows.map((r) => ({ id: r.id, obligationId: r.obligationId, enterpriseCode: r.enterpriseCode, period: r.period, rule: r.rule, deliveryId: r.deliveryId, createdAt: r.createdAt.toISOString() }));
  }

  /** Aggregated, cell-suppressed figures of the current deliveries, per period (for open data). */
  async aggregateFeed(id: string, now: Date) {
    const o = await this.load(id);
    const last = lastDuePeriod(o.frequency, o.dueDay, vnDay(now));
    const rows = await this.db.select({ period: supervisionDeliveries.period, records: supervisionDeliveries.records }).from(supervisionDeliveries).where(and(eq(supervisionDeliveries.obligationId, o.id), isNull(supervisionDeliveries.supersededBy)));
    return {
      obligationId: o.id,
      title: o.title,
      minCell: MIN_CELL,
      fields: o.fields.filter((f) => f.type === 'number' || f.type === 'integer').map((f) => ({ key: f.key, label: f.label, unit: f.unit ?? null })),
      // Only closed periods: a period still open would disclose who has reported so far.
      periods: aggregate(o.fields, rows.filter((r) => comparePeriods(r.period, last) <= 0)),
    };
  }
}
