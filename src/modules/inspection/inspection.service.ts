/**
 * Online inspection (kiểm tra trực tuyến): a plan (the entity from the business registry, scope, legal basis, team,
 * dates) approved by a leader who is not its author; the entity notified and shown its inspection; document
 * requests with deadlines and the entity's uploads; the remote session (a meeting of the meeting module); findings
 * with remedies; the minutes (biên bản kiểm tra) signed by the team (the agency's certificate) and then by the
 * entity's representative (a second PAdES signature, incremental); the conclusion; the follow-up of remedies; the
 * share done online. Every change is one transaction with its audit record and outbox event; signed minutes and
 * conclusions are logged in the transparency log.
 */
import { createHash, randomInt } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import { appendAudit } from '../../platform/audit/audit.service';
import { enqueueEvent } from '../../platform/events/outbox';
import { appendLeaf } from '../../platform/tlog/tlog.append';
import { ROLES } from '../../shared/auth/roles';
import { formatVnDateTime } from '../../shared/notify/format';
import { inspectionNext, inspectionRunning, mayApprove, onlineShare, remediesComplete, remedyStatus, uploadAccepted, visibleToEntity, type InspectionAction } from '../../shared/inspection/rules';
import type { ConclusionBody, DocumentRequestBody, FindingBody, InspectionBody, InspectionView, RemedyDoneBody, SessionBody, UploadBody } from '../../shared/inspection/api';
import { inspectionFindings, inspectionRequests, inspections, type TeamMember } from './inspection.schema';
import { inspectionErrors as E } from './inspection.errors';
import type { InspectionPorts } from './inspection.ports';
import { PDFDocument } from 'pdf-lib';
import { conclusionLeaf, inspectionMinutesLeaf } from './inspection.tlog';

type Row = typeof inspections.$inferSelect;
type As = 'team' | 'entity' | 'agency';
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const LEADER_ROLES = ['approver'] as const;
const PLANNER_ROLES = ['specialist', 'approver'] as const;

export class InspectionService {
  constructor(
    private readonly db: Db,
    private readonly ports: InspectionPorts,
    private readonly opts: { demo: boolean },
  ) {}

  private async load(db: DbOrTx, id: string, lock = false): Promise<Row> {
    const q = db.select().from(inspections).where(eq(inspections.id, id));
    const [row] = lock ? await q.for('update') : await q;
    if (!row) throw E.notFound();
    return row;
  }

  /** How the caller stands in the inspection; refused when she has no business with it. */
  private async standing(db: DbOrTx, principal: Principal, r: Row): Promise<As> {
    if (principal.kind === 'citizen') {
      const b = principal.personalId ? await this.ports.businesses.findByCode(r.enterpriseCode, db) : null;
      if (b && b.status !== 'dissolved' && b.legalRepresentativePersonalId === principal.personalId && visibleToEntity(r.state)) return 'entity';
      throw E.notFound();
    }
    if (r.team.some((m) => m.accountId === principal.accountId)) return 'team';
    if (await this.ports.agencies.roleIn(principal, ROLES, r.agencyId, db)) return 'agency';
    throw E.notInAgency();
  }

  private async team(db: DbOrTx, principal: Principal, r: Row, lead = false): Promise<TeamMember> {
    const me = principal.kind === 'officer' ? r.team.find((m) => m.accountId === principal.accountId) : undefined;
    if (!me) {
      await this.standing(db, principal, r);
      throw E.notTeam();
    }
    if (lead && me.role !== 'lead') throw E.notLead();
    return me;
  }

  private async entity(db: DbOrTx, principal: Principal, r: Row): Promise<void> {
    if ((await this.standing(db, principal, r)) !== 'entity') throw E.notEntity();
  }

  private async step(tx: Tx, actor: Actor, r: Row, action: InspectionAction, set: Partial<typeof inspections.$inferInsert>, now: Date, extra: Record<string, unknown> = {}): Promise<Row> {
    const next = inspectionNext(r.state, action);
    if (!next) throw E.wrongState();
    const [row] = await tx.update(inspections).set({ ...set, state: next }).where(eq(inspections.id, r.id)).returning();
    await appendAudit(tx, actor, { action: `inspection.${action}`, targetType: 'inspection', targetId: r.id, agencyId: r.agencyId, before: { state: r.state }, after: { state: next, ...extra } }, now);
    await enqueueEvent(tx, { type: `inspection.${action}`, aggregateType: 'inspection', aggregateId: r.id, payload: { agencyId: r.agencyId, enterpriseCode: r.enterpriseCode, state: next, at: now.toISOString(), ...extra } });
    return row;
  }

  /** What a notice to the entity names: the inspection's number, subject, entity and dates. */
  private noticeFacts(r: Row) {
    return { code: r.code, title: r.title, entityName: r.entityName, startsOn: r.startsOn, endsOn: r.endsOn };
  }

  // ─── The plan ─────────────────────────────────────────────────────────────────────────────────────────────

  /** Before the transaction: the caller's role, the entity from the registry, the team's names. */
  async preparePlan(principal: Principal, body: InspectionBody) {
    if (principal.kind !== 'officer' || !(await this.ports.agencies.roleIn(principal, PLANNER_ROLES, body.agencyId))) throw E.notInAgency();
    const business = await this.ports.businesses.findByCode(body.enterpriseCode);
    if (!business || business.status !== 'active') throw E.unknownEntity();
    if (body.team.filter((m) => m.role === 'lead').length !== 1 || new Set(body.team.map((m) => m.accountId)).size !== body.team.length) throw E.noLead();
    if (body.endsOn < body.startsOn) throw E.badDates();
    const names = await this.ports.people.displayNamesOf(body.team.map((m) => m.accountId));
    for (const m of body.team) if (!names.has(m.accountId)) throw E.unknownOfficer();
    return { business, names };
  }

  async plan(tx: Tx, principal: Principal, actor: Actor, body: InspectionBody, prepared: Awaited<ReturnType<InspectionService['preparePlan']>>, now: Date): Promise<Row> {
    const code = `KT-${now.toISOString().slice(2, 4)}${now.toISOString().slice(5, 7)}-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    const [row] = await tx
      .insert(inspections)
      .values({
        code,
        agencyId: body.agencyId,
        enterpriseCode: body.enterpriseCode,
        entityName: prepared.business.name,
        title: body.title.normalize('NFC').trim(),
        scope: body.scope.normalize('NFC').trim(),
        legalBasis: body.legalBasis.normalize('NFC').trim(),
        team: body.team.map((m) => ({ accountId: m.accountId, role: m.role, name: prepared.names.get(m.accountId)! })),
        startsOn: body.startsOn,
        endsOn: body.endsOn,
        state: 'draft',
        online: 'online',
        createdBy: principal.accountId,
        createdAt: now,
      })
      .returning();
    await appendAudit(tx, actor, { action: 'inspection.planned', targetType: 'inspection', targetId: row.id, agencyId: row.agencyId, after: { code, enterpriseCode: row.enterpriseCode, startsOn: row.startsOn, endsOn: row.endsOn, team: row.team.length } }, now);
    await enqueueEvent(tx, { type: 'inspection.planned', aggregateType: 'inspection', aggregateId: row.id, payload: { agencyId: row.agencyId, at: now.toISOString() } });
    return row;
  }

  /** A leader of the agency, not the author, approves; the entity is notified (`inspection.approve` event). */
  async approve(tx: Tx, principal: Principal, actor: Actor, id: string, now: Date): Promise<Row> {
    const r = await this.load(tx, id, true);
    const leader = principal.kind === 'officer' && !!(await this.ports.agencies.roleIn(principal, LEADER_ROLES, r.agencyId, tx));
    if (!mayApprove(r.createdBy, principal.accountId, leader)) throw E.notLeader();
    const b = await this.ports.businesses.findByCode(r.enterpriseCode, tx);
    return this.step(tx, actor, r, 'approve', { approvedBy: principal.accountId, approvedAt: now }, now, { ...this.noticeFacts(r), representativePersonalId: b?.legalRepresentativePersonalId ?? null });
  }

  /** The team lead opens the remote session: a meeting with the team and the entity's representative. */
  async start(tx: Tx, principal: Principal, actor: Actor, id: string, body: SessionBody, now: Date): Promise<Row> {
    const r = await this.load(tx, id, true);
    await this.team(tx, principal, r, true);
    if (!inspectionNext(r.state, 'start')) throw E.wrongState();
    const b = await this.ports.businesses.findByCode(r.enterpriseCode, tx);
    if (!b) throw E.unknownEntity();
    if (body.mode === 'onsite') return this.step(tx, actor, r, 'start', { startedAt: now, online: 'onsite' }, now, { mode: 'onsite' });
    const names = new Map(r.team.map((m) => [m.accountId, m.name]));
    const meeting = await this.ports.meetings.create(
      tx,
      actor,
      principal.accountId,
      {
        purpose: 'inspection',
        agencyId: r.agencyId,
        title: `Phiên kiểm tra trực tuyến ${r.code}: ${r.title}`,
        agenda: ['Công bố kế hoạch kiểm tra', 'Đơn vị báo cáo, cung cấp tài liệu', 'Trao đổi các nội dung kiểm tra', 'Thông qua biên bản kiểm tra'],
        startsAt: body.startsAt,
        endsAt: body.endsAt,
        participants: [
          ...r.team.map((m) => ({ kind: 'officer' as const, accountId: m.accountId, role: m.role === 'lead' ? ('chair' as const) : ('member' as const), voting: false })),
          { kind: 'outsider' as const, personalId: b.legalRepresentativePersonalId, name: `Đại diện ${r.entityName}`, role: 'guest' as const, voting: false },
        ],
      },
      names,
      now,
    );
    return this.step(tx, actor, r, 'start', { meetingId: meeting.id, startedAt: now, online: 'online' }, now, { meetingId: meeting.id, mode: 'online' });
  }

  // ─── Requests, uploads, findings ──────────────────────────────────────────────────────────────────────────

  async request(tx: Tx, principal: Principal, actor: Actor, id: string, body: DocumentRequestBody, now: Date): Promise<void> {
    const r = await this.load(tx, id, true);
    await this.team(tx, principal, r);
    if (!inspectionRunning(r.state)) throw E.wrongState();
    const [q] = await tx.insert(inspectionRequests).values({ inspectionId: id, title: body.title.normalize('NFC').trim(), dueAt: new Date(body.dueAt), createdAt: now }).returning({ id: inspectionRequests.id });
    await appendAudit(tx, actor, { action: 'inspection.documents_requested', targetType: 'inspection', targetId: id, agencyId: r.agencyId, after: { requestId: q.id, dueAt: body.dueAt } }, now);
    await enqueueEvent(tx, { type: 'inspection.documents_requested', aggregateType: 'inspection', aggregateId: id, payload: { requestId: q.id, enterpriseCode: r.enterpriseCode, dueAt: body.dueAt, at: now.toISOString() } });
  }

  async upload(tx: Tx, principal: Principal, actor: Actor, id: string, requestId: string, body: UploadBody, now: Date): Promise<void> {
    const r = await this.load(tx, id);
    await this.entity(tx, principal, r);
    const [q] = await tx.select().from(inspectionRequests).where(and(eq(inspectionRequests.id, requestId), eq(inspectionRequests.inspectionId, id))).for('update');
    if (!q) throw E.requestNotFound();
    if (!uploadAccepted(q.dueAt, now) || !inspectionRunning(r.state)) throw E.requestClosed(undefined, { extra: { dueAt: q.dueAt.toISOString() } });
    const bytes = Buffer.from(body.file.contentBase64, 'base64');
    try {
      await PDFDocument.load(bytes, { updateMetadata: false });
    } catch {
      throw E.notPdf();
    }
    const fileSha256 = sha(bytes);
    await tx.update(inspectionRequests).set({ file: bytes, fileName: body.file.fileName, fileSha256, uploadedAt: now }).where(eq(inspectionRequests.id, requestId));
    await appendAudit(tx, actor, { action: 'inspection.documents_uploaded', targetType: 'inspection', targetId: id, agencyId: r.agencyId, after: { requestId, sha256: fileSha256 } }, now);
    await enqueueEvent(tx, { type: 'inspection.documents_uploaded', aggregateType: 'inspection', aggregateId: id, payload: { requestId, at: now.toISOString() } });
  }

  async file(principal: Principal, id: string, requestId: string): Promise<{ fileName: string; bytes: Buffer }> {
    const r = await this.load(this.db, id);
    await this.standing(this.db, principal, r);
    const [q] = await this.db.select().from(inspectionRequests).where(and(eq(inspectionRequests.id, requestId), eq(inspectionRequests.inspectionId, id)));
    if (!q?.file || !q.fileName) throw E.requestNotFound();
    return { fileName: q.fileName, bytes: q.file };
  }

  async finding(tx: Tx, principal: Principal, actor: Actor, id: string, body: FindingBody, now: Date): Promise<void> {
    const r = await this.load(tx, id, true);
    await this.team(tx, principal, r);
    if (r.state !== 'in_progress') throw E.wrongState();
    const remedy = body.remedy?.normalize('NFC').trim() || null;
    const [f] = await tx
      .insert(inspectionFindings)
      .values({ inspectionId: id, text: body.text.normalize('NFC').trim(), remedy, remedyDueAt: remedy && body.remedyDueAt ? new Date(body.remedyDueAt) : null, createdAt: now })
      .returning({ id: inspectionFindings.id });
    await appendAudit(tx, actor, { action: 'inspection.finding_recorded', targetType: 'inspection', targetId: id, agencyId: r.agencyId, after: { findingId: f.id, remedy: !!remedy } }, now);
    await enqueueEvent(tx, { type: 'inspection.finding_recorded', aggregateType: 'inspection', aggregateId: id, payload: { findingId: f.id, at: now.toISOString() } });
  }

  /** Follow-up: the entity reports a remedy done, with a note (before or after the conclusion). */
  async remedyDone(tx: Tx, principal: Principal, actor: Actor, id: string, findingId: string, body: RemedyDoneBody, now: Date): Promise<void> {
    const r = await this.load(tx, id);
    await this.entity(tx, principal, r);
    if (r.state === 'closed' || r.state === 'cancelled') throw E.wrongState();
    const [f] = await tx.select().from(inspectionFindings).where(and(eq(inspectionFindings.id, findingId), eq(inspectionFindings.inspectionId, id))).for('update');
    if (!f) throw E.findingNotFound();
    if (!f.remedy || f.remedyDoneAt) throw E.noRemedy();
    await tx.update(inspectionFindings).set({ remedyDoneAt: now, remedyNote: body.note.normalize('NFC').trim() }).where(eq(inspectionFindings.id, findingId));
    const late = f.remedyDueAt ? remedyStatus(f.remedyDueAt, null, now) === 'overdue' : false;
    await appendAudit(tx, actor, { action: 'inspection.remedy_done', targetType: 'inspection', targetId: id, agencyId: r.agencyId, after: { findingId, late } }, now);
    await enqueueEvent(tx, { type: 'inspection.remedy_done', aggregateType: 'inspection', aggregateId: id, payload: { findingId, late, at: now.toISOString() } });
  }

  // ─── Minutes, conclusion ──────────────────────────────────────────────────────────────────────────────────

  /** The team lead draws up the minutes and signs them with the agency's certificate. */
  async signTeam(tx: Tx, principal: Principal, actor: Actor, id: string, now: Date): Promise<Row> {
    const r = await this.load(tx, id, true);
    const lead = await this.team(tx, principal, r, true);
    if (!inspectionNext(r.state, 'sign_team')) throw E.wrongState();
    const agency = await this.ports.agencies.get(r.agencyId, tx);
    const parent = agency?.parentId ? await this.ports.agencies.get(agency.parentId, tx) : undefined;
    const reqs = await tx.select().from(inspectionRequests).where(eq(inspectionRequests.inspectionId, id)).orderBy(asc(inspectionRequests.createdAt));
    const finds = await tx.select().from(inspectionFindings).where(eq(inspectionFindings.inspectionId, id)).orderBy(asc(inspectionFindings.createdAt));
    const pdf = this.ports.results.textPdf(
      {
        agency: { name: agency?.name ?? '', parentName: parent?.name ?? null },
        title: 'Biên bản kiểm tra',
        subtitle: `Số ${r.code} — kiểm tra trực tuyến, ${formatVnDateTime(r.startedAt ?? now)}`,
        sections: [
          { heading: 'I. Căn cứ và phạm vi', lines: [r.legalBasis, `Nội dung: ${r.title}. Phạm vi: ${r.scope}`, `Thời gian kiểm tra: từ ${r.startsOn} đến ${r.endsOn}`] },
          { heading: 'II. Thành phần', lines: [...r.team.map((m) => `${m.name} — ${m.role === 'lead' ? 'Trưởng đoàn' : 'Thành viên'}`), `Đơn vị được kiểm tra: ${r.entityName} (mã số doanh nghiệp ${r.enterpriseCode})`] },
          { heading: 'III. Tài liệu đã cung cấp', lines: reqs.length ? reqs.map((q) => `${q.title}: ${q.uploadedAt ? `đã cung cấp (${q.fileName}, SHA-256 ${q.fileSha256?.slice(0, 16)}…)` : 'chưa cung cấp'}`) : ['Không có yêu cầu.'] },
          { heading: 'IV. Kết quả kiểm tra', lines: finds.length ? finds.map((f, i) => `${i + 1}. ${f.text}${f.remedy ? ` Yêu cầu khắc phục: ${f.remedy}${f.remedyDueAt ? `, hạn ${formatVnDateTime(f.remedyDueAt)}` : ''}.` : ''}`) : ['Không phát hiện vi phạm.'] },
        ],
        signatures: ['Đại diện đơn vị được kiểm tra', `Trưởng đoàn kiểm tra — ${lead.name}`],
        subject: `Biên bản kiểm tra ${r.code}`,
        demo: this.opts.demo,
      },
      now,
    );
    const signed = await this.ports.results.signPdf({ pdf, agencyId: r.agencyId, reason: `Biên bản kiểm tra ${r.code} — đoàn kiểm tra` }, now, tx);
    const sha256 = sha(signed);
    const b = await this.ports.businesses.findByCode(r.enterpriseCode, tx);
    // The representative is told the minutes wait for her signature (the notifications read the event).
    return this.step(tx, actor, r, 'sign_team', { minutesPdf: signed, minutesSha256: sha256, teamSignedAt: now }, now, { sha256, ...this.noticeFacts(r), representativePersonalId: b?.legalRepresentativePersonalId ?? null });
  }

  /**
   * The entity's representative countersigns the minutes the team signed: a second PAdES signature in an
   * incremental update (the team's stays valid). The signed minutes are logged in the transparency log.
   */
  async signEntity(tx: Tx, principal: Principal, actor: Actor, id: string, now: Date): Promise<Row> {
    const r = await this.load(tx, id, true);
    await this.entity(tx, principal, r);
    if (!inspectionNext(r.state, 'sign_entity') || !r.minutesPdf) throw E.wrongState();
    const signed = await this.ports.results.countersignPdf({ pdf: r.minutesPdf, person: { id: principal.personalId!, name: principal.displayName }, reason: `Biên bản kiểm tra ${r.code} — đại diện ${r.entityName}`, location: r.entityName }, now);
    const sha256 = sha(signed);
    const row = await this.step(tx, actor, r, 'sign_entity', { minutesPdf: signed, minutesSha256: sha256, entitySignedAt: now, entitySignedBy: principal.personalId }, now, { sha256 });
    await appendLeaf(tx, { kind: 'inspection_minutes', ref: id, ...inspectionMinutesLeaf({ id, agencyId: r.agencyId, code: r.code, enterpriseCode: r.enterpriseCode, minutesSha256: sha256, entitySignedAt: now }) });
    return row;
  }

  async minutesPdf(principal: Principal, id: string): Promise<{ code: string; bytes: Buffer }> {
    const r = await this.load(this.db, id);
    await this.standing(this.db, principal, r);
    if (!r.minutesPdf) throw E.wrongState();
    return { code: r.code, bytes: r.minutesPdf };
  }

  /** A leader of the agency concludes (kết luận kiểm tra); logged in the transparency log. */
  async conclude(tx: Tx, principal: Principal, actor: Actor, id: string, body: ConclusionBody, now: Date): Promise<Row> {
    const r = await this.load(tx, id, true);
    if (principal.kind !== 'officer' || !(await this.ports.agencies.roleIn(principal, LEADER_ROLES, r.agencyId, tx))) throw E.notLeader();
    const conclusion = body.conclusion.normalize('NFC').trim();
    const row = await this.step(tx, actor, r, 'conclude', { conclusion, concludedAt: now }, now, { conclusionSha256: sha(Buffer.from(conclusion)) });
    await appendLeaf(tx, { kind: 'inspection_conclusion', ref: id, ...conclusionLeaf({ id, agencyId: r.agencyId, code: r.code, enterpriseCode: r.enterpriseCode, conclusion, concludedAt: now }) });
    return row;
  }

  /** Closes a concluded inspection once every remedy is done. */
  async close(tx: Tx, principal: Principal, actor: Actor, id: string, now: Date): Promise<Row> {
    const r = await this.load(tx, id, true);
    await this.team(tx, principal, r, true);
    const finds = await tx.select().from(inspectionFindings).where(and(eq(inspectionFindings.inspectionId, id), isNotNull(inspectionFindings.remedy)));
    if (!remediesComplete(finds.map((f) => remedyStatus(f.remedyDueAt ?? now, f.remedyDoneAt, now)))) throw E.remediesOpen();
    return this.step(tx, actor, r, 'close', { closedAt: now }, now);
  }

  // ─── Views and figures ────────────────────────────────────────────────────────────────────────────────────

  async view(principal: Principal, id: string, now: Date, db: DbOrTx = this.db): Promise<InspectionView> {
    const r = await this.load(db, id);
    const as = await this.standing(db, principal, r);
    const reqs = await db.select({ id: inspectionRequests.id, title: inspectionRequests.title, dueAt: inspectionRequests.dueAt, fileName: inspectionRequests.fileName, uploadedAt: inspectionRequests.uploadedAt }).from(inspectionRequests).where(eq(inspectionRequests.inspectionId, id)).orderBy(asc(inspectionRequests.createdAt));
    const finds = await db.select().from(inspectionFindings).where(eq(inspectionFindings.inspectionId, id)).orderBy(asc(inspectionFindings.createdAt));
    return {
      id: r.id,
      code: r.code,
      agencyId: r.agencyId,
      enterpriseCode: r.enterpriseCode,
      entityName: r.entityName,
      title: r.title,
      scope: r.scope,
      legalBasis: r.legalBasis,
      team: r.team,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      state: r.state,
      approvedAt: iso(r.approvedAt),
      meetingId: r.meetingId,
      online: r.online === 'online',
      as,
      requests: reqs.map((q) => ({ id: q.id, title: q.title, dueAt: q.dueAt.toISOString(), open: uploadAccepted(q.dueAt, now) && inspectionRunning(r.state), fileName: q.fileName, uploadedAt: iso(q.uploadedAt) })),
      findings: finds.map((f) => ({ id: f.id, text: f.text, remedy: f.remedy, remedyDueAt: iso(f.remedyDueAt), remedyStatus: f.remedy ? remedyStatus(f.remedyDueAt ?? new Date(8.64e15), f.remedyDoneAt, now) : null, remedyNote: f.remedyNote })),
      minutes: r.minutesSha256 ? { sha256: r.minutesSha256, teamSignedAt: iso(r.teamSignedAt), entitySignedAt: iso(r.entitySignedAt) } : null,
      conclusion: r.conclusion,
      concludedAt: iso(r.concludedAt),
    };
  }

  /** An officer's inspections (of her agencies: team or agency roles); a citizen's: of the entities she represents. */
  async list(principal: Principal) {
    const cols = { id: inspections.id, code: inspections.code, title: inspections.title, entityName: inspections.entityName, state: inspections.state, startsOn: inspections.startsOn, endsOn: inspections.endsOn, agencyId: inspections.agencyId, team: inspections.team };
    let rows: Array<{ id: string; code: string; title: string; entityName: string; state: Row['state']; startsOn: string; endsOn: string; agencyId: string; team: TeamMember[] }>;
    if (principal.kind === 'citizen') {
      const codes = principal.personalId ? (await this.ports.businesses.findByLegalRepresentative(principal.personalId)).map((b) => b.enterpriseCode) : [];
      rows = codes.length ? (await this.db.select(cols).from(inspections).where(inArray(inspections.enterpriseCode, codes)).orderBy(desc(inspections.createdAt)).limit(200)).filter((x) => visibleToEntity(x.state)) : [];
    } else {
      const all = await this.db.select(cols).from(inspections).orderBy(desc(inspections.createdAt)).limit(500);
      const out = [];
      for (const x of all) if (x.team.some((m) => m.accountId === principal.accountId) || (await this.ports.agencies.roleIn(principal, ROLES, x.agencyId))) out.push(x);
      rows = out;
    }
    return { items: rows.map(({ agencyId: _a, team: _t, ...x }) => x) };
  }

  /** The share of an agency's inspections done online, by the start of their session in [from, to]. */
  async onlineShare(principal: Principal, q: { agencyId: string; from: string; to: string }) {
    if (principal.kind !== 'officer' || !(await this.ports.agencies.roleIn(principal, ROLES, q.agencyId))) throw E.notInAgency();
    const from = new Date(`${q.from}T00:00:00+07:00`);
    const to = new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86_400_000);
    const rows = await this.db.select({ online: inspections.online, state: inspections.state }).from(inspections).where(and(eq(inspections.agencyId, q.agencyId), isNotNull(inspections.startedAt), gte(inspections.startedAt, from), lt(inspections.startedAt, to)));
    return { agencyId: q.agencyId, from: q.from, to: q.to, ...onlineShare(rows.filter((x) => x.state !== 'cancelled').map((x) => ({ online: x.online === 'online' }))) };
  }
}

/**
 * The demo inspection (seed): an approved, started online inspection of an enterprise by the construction
 * department, its remote session (meeting id given) and a document request due in three days.
 */
export async function seedDemoInspection(tx: Tx, actor: Actor, input: { agencyId: string; enterprise: { code: string; name: string }; team: TeamMember[]; approvedBy: string; meetingId: string }, now: Date): Promise<string> {
  const day = (n: number) => new Date(now.getTime() + n * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
  const [row] = await tx
    .insert(inspections)
    .values({
      code: `KT-${day(0).slice(2, 4)}${day(0).slice(5, 7)}-000001`,
      agencyId: input.agencyId,
      enterpriseCode: input.enterprise.code,
      entityName: input.enterprise.name,
      title: 'Kiểm tra việc chấp hành quy định về an toàn lao động trong thi công xây dựng',
      scope: 'Công trình mở rộng bến cảng số 3; giai đoạn từ 01/01/2026 đến nay',
      legalBasis: 'Kế hoạch kiểm tra năm 2026 của Sở Xây dựng; Nghị định số 06/2021/NĐ-CP',
      team: input.team,
      startsOn: day(0),
      endsOn: day(10),
      state: 'in_progress',
      online: 'online',
      createdBy: input.team[0].accountId,
      createdAt: now,
      approvedBy: input.approvedBy,
      approvedAt: now,
      meetingId: input.meetingId,
      startedAt: now,
    })
    .returning({ id: inspections.id });
  await tx.insert(inspectionRequests).values({ inspectionId: row.id, title: 'Hồ sơ huấn luyện an toàn lao động của công nhân', dueAt: new Date(now.getTime() + 3 * 86_400_000), createdAt: now });
  await appendAudit(tx, actor, { action: 'inspection.planned', targetType: 'inspection', targetId: row.id, agencyId: input.agencyId, after: { enterpriseCode: input.enterprise.code, demo: true } }, now);
  return row.id;
}
