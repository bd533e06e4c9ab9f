/**
 * Paperless meetings (họp không gặp mặt): a meeting of an agency with its agenda and participants (officers, and
 * outsiders who sign in as citizens — an inspected entity's representative), the documents distributed as
 * per-participant watermarked copies (every read logged), written opinions until a deadline, votes under quorum
 * and majority rules, attendance, and the minutes rendered and signed with the agency's certificate at the end.
 * Every change is one transaction with its audit record and outbox event; the signed minutes are logged in the
 * transparency log.
 */
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../platform/db/client';
import { platformActor, type Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import { appendAudit } from '../../platform/audit/audit.service';
import { enqueueEvent } from '../../platform/events/outbox';
import { appendLeaf } from '../../platform/tlog/tlog.append';
import { ROLES } from '../../shared/auth/roles';
import { meetingLive, meetingNext, opinionAccepted, videoUrl, voteOutcome, type MeetingAction, type Choice } from '../../shared/meeting/rules';
import type { BallotBody, MeetingBody, MeetingDocumentBody, MeetingView, MinutesBody, OpinionBody, ParticipantInput, VoteBody, VoteView } from '../../shared/meeting/api';
import { formatVnDateTime } from '../../shared/notify/format';
import { meetingBallots, meetingDocumentReads, meetingDocuments, meetingOpinions, meetingParticipants, meetings, meetingVotes } from './meeting.schema';
import { meetingErrors as E } from './meeting.errors';
import { pdfPages, UnreadableDocument, watermark } from './meeting.watermark';
import type { MeetingPorts } from './meeting.ports';
import { minutesLeaf } from './meeting.tlog';

type MeetingRow = typeof meetings.$inferSelect;
type ParticipantRow = typeof meetingParticipants.$inferSelect;

const ORGANISER_ROLES = new Set(['chair', 'secretary']);
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export interface MeetingOptions {
  videoUrlTemplate: string | null;
  demo: boolean;
}

export class MeetingService {
  constructor(
    private readonly db: Db,
    private readonly ports: MeetingPorts,
    private readonly opts: MeetingOptions,
  ) {}

  // ─── Who is who ───────────────────────────────────────────────────────────────────────────────────────────

  private async load(db: DbOrTx, id: string, lock = false): Promise<MeetingRow> {
    const q = db.select().from(meetings).where(eq(meetings.id, id));
    const [row] = lock ? await q.for('update') : await q;
    if (!row) throw E.notFound();
    return row;
  }

  /** The caller's participant row, if she takes part. */
  private async participantOf(db: DbOrTx, principal: Principal, meetingId: string): Promise<ParticipantRow | null> {
    const who = principal.kind === 'citizen' ? (principal.personalId ? eq(meetingParticipants.personalId, principal.personalId) : null) : eq(meetingParticipants.accountId, principal.accountId);
    if (!who) return null;
    const [p] = await db.select().from(meetingParticipants).where(and(eq(meetingParticipants.meetingId, meetingId), who));
    return p ?? null;
  }

  /** A participant, or an officer of the agency (who sees the meeting without taking part). */
  private async access(db: DbOrTx, principal: Principal, m: MeetingRow): Promise<{ me: ParticipantRow | null; organiser: boolean }> {
    const me = await this.participantOf(db, principal, m.id);
    const organiser = (me !== null && ORGANISER_ROLES.has(me.role)) || (principal.kind === 'officer' && m.createdBy === principal.accountId);
    if (me || organiser) return { me, organiser };
    if (principal.kind === 'officer' && (await this.ports.agencies.roleIn(principal, ROLES, m.agencyId, db))) return { me: null, organiser: false };
    throw E.notParticipant();
  }

  private async organiser(db: DbOrTx, principal: Principal, m: MeetingRow) {
    const a = await this.access(db, principal, m);
    if (!a.organiser) throw E.notOrganiser();
    return a;
  }

  private async participant(db: DbOrTx, principal: Principal, m: MeetingRow): Promise<ParticipantRow> {
    const a = await this.access(db, principal, m);
    if (!a.me) throw E.notParticipant();
    return a.me;
  }

  // ─── Creating and moving ──────────────────────────────────────────────────────────────────────────────────

  /** Checks the caller and resolves the officers' names (before the transaction: other modules' reads). */
  async prepareCreate(principal: Principal, body: MeetingBody): Promise<Map<string, string>> {
    if (principal.kind !== 'officer' || !(await this.ports.agencies.roleIn(principal, ROLES, body.agencyId))) throw E.notInAgency();
    return this.officerNames(body.participants);
  }

  async officerNames(participants: readonly ParticipantInput[], db?: DbOrTx): Promise<Map<string, string>> {
    const ids = participants.flatMap((p) => (p.kind === 'officer' ? [p.accountId] : []));
    const names = await this.ports.people.displayNamesOf(ids, db);
    for (const id of ids) if (!names.has(id)) throw E.unknownOfficer(undefined, { extra: { accountId: id } });
    return names;
  }

  /** The officers of an agency one may invite (or put on an inspection team), by name; for its officers only. */
  async colleagues(principal: Principal, agencyId: string): Promise<{ items: Array<{ accountId: string; name: string }> }> {
    if (principal.kind !== 'officer' || !(await this.ports.agencies.roleIn(principal, ROLES, agencyId))) throw E.notInAgency();
    const ids = await this.ports.people.holdersOf(ROLES, agencyId);
    const names = await this.ports.people.displayNamesOf(ids);
    return { items: ids.filter((id) => names.has(id)).map((id) => ({ accountId: id, name: names.get(id)! })).sort((a, b) => a.name.localeCompare(b.name, 'vi')) };
  }

  /**
   * Creates the meeting and invites its participants (one `meeting.invited` event each, for the notifications; not
   * for the demo data, whose people are taken as invited already).
   */
  async create(tx: Tx, actor: Actor, createdBy: string, body: MeetingBody & { purpose?: 'general' | 'inspection' }, names: Map<string, string>, now: Date, invite = true): Promise<MeetingRow> {
    const startsAt = new Date(body.startsAt);
    const endsAt = new Date(body.endsAt);
    if (endsAt.getTime() <= startsAt.getTime()) throw E.badTimes();
    const seen = new Set<string>();
    for (const p of body.participants) {
      const key = p.kind === 'officer' ? `a:${p.accountId}` : `p:${p.personalId}`;
      if (seen.has(key)) throw E.duplicateParticipant();
      seen.add(key);
    }
    const [m] = await tx
      .insert(meetings)
      .values({ agencyId: body.agencyId, title: body.title.normalize('NFC').trim(), agenda: body.agenda.map((a) => a.normalize('NFC').trim()), startsAt, endsAt, state: 'scheduled', purpose: body.purpose ?? 'general', createdBy, createdAt: now })
      .returning();
    const rows = await tx
      .insert(meetingParticipants)
      .values(
        body.participants.map((p) =>
          p.kind === 'officer'
            ? { meetingId: m.id, kind: 'officer' as const, accountId: p.accountId, personalId: null, name: names.get(p.accountId)!, role: p.role, voting: p.voting, invitedAt: now }
            : { meetingId: m.id, kind: 'outsider' as const, accountId: null, personalId: p.personalId, name: p.name.normalize('NFC').trim(), role: p.role, voting: p.voting, invitedAt: now },
        ),
      )
      .returning();
    await appendAudit(tx, actor, { action: 'meeting.created', targetType: 'meeting', targetId: m.id, agencyId: m.agencyId, after: { title: m.title, startsAt: body.startsAt, endsAt: body.endsAt, participants: rows.length, purpose: m.purpose } }, now);
    await enqueueEvent(tx, { type: 'meeting.created', aggregateType: 'meeting', aggregateId: m.id, payload: { agencyId: m.agencyId, at: now.toISOString() } });
    if (invite) for (const p of rows) await enqueueEvent(tx, { type: 'meeting.invited', aggregateType: 'meeting', aggregateId: m.id, payload: this.invitation(m, p, now) });
    return m;
  }

  /** What the notifications need (an invitation or a reminder): the recipient, the meeting, its opinion deadline if any. */
  private invitation(m: MeetingRow, p: ParticipantRow, now: Date, opinionDeadline: Date | null = null) {
    return { participantId: p.id, accountId: p.accountId, personalId: p.personalId, agencyId: m.agencyId, title: m.title, startsAt: m.startsAt.toISOString(), startsAtText: formatVnDateTime(m.startsAt), videoUrl: videoUrl(this.opts.videoUrlTemplate, m.id), opinionDeadlineText: opinionDeadline ? formatVnDateTime(opinionDeadline) : null, at: now.toISOString() };
  }

  /**
   * Reminds the participants who have not joined yet (`meeting.reminder` events), each with the earliest deadline
   * of written opinions still open that she has not answered.
   */
  async remind(tx: Tx, principal: Principal, actor: Actor, id: string, now: Date): Promise<number> {
    const m = await this.load(tx, id, true);
    await this.organiser(tx, principal, m);
    if (!meetingLive(m.state)) throw E.wrongState();
    return this.sendReminders(tx, actor, m, now);
  }

  private async sendReminders(tx: Tx, actor: Actor, m: MeetingRow, now: Date): Promise<number> {
    const people = await tx.select().from(meetingParticipants).where(eq(meetingParticipants.meetingId, m.id));
    const docs = (await tx.select({ id: meetingDocuments.id, deadline: meetingDocuments.opinionDeadline }).from(meetingDocuments).where(eq(meetingDocuments.meetingId, m.id))).filter((d) => d.deadline && d.deadline.getTime() > now.getTime());
    const given = docs.length ? await tx.select({ documentId: meetingOpinions.documentId, participantId: meetingOpinions.participantId }).from(meetingOpinions).where(inArray(meetingOpinions.documentId, docs.map((d) => d.id))) : [];
    let sent = 0;
    for (const p of people) {
      const open = docs.filter((d) => !given.some((g) => g.documentId === d.id && g.participantId === p.id)).map((d) => d.deadline!.getTime());
      if (p.attendedAt && !open.length) continue;
      await enqueueEvent(tx, { type: 'meeting.reminder', aggregateType: 'meeting', aggregateId: m.id, payload: this.invitation(m, p, now, open.length ? new Date(Math.min(...open)) : null) });
      sent++;
    }
    await tx.update(meetings).set({ remindedAt: now }).where(eq(meetings.id, m.id));
    await appendAudit(tx, actor, { action: 'meeting.reminded', targetType: 'meeting', targetId: m.id, agencyId: m.agencyId, after: { reminded: sent } }, now);
    return sent;
  }

  /**
   * The automatic reminder (the hourly check): once per meeting, when it starts within `withinMs` or one of its
   * deadlines of written opinions falls within it. Returns the number of meetings reminded.
   */
  async remindDue(now: Date, withinMs = 86_400_000): Promise<number> {
    const horizon = now.getTime() + withinMs;
    const live = await this.db.select().from(meetings).where(and(inArray(meetings.state, ['scheduled', 'open']), isNull(meetings.remindedAt)));
    let reminded = 0;
    for (const m of live) {
      const deadlines = (await this.db.select({ deadline: meetingDocuments.opinionDeadline }).from(meetingDocuments).where(eq(meetingDocuments.meetingId, m.id))).flatMap((d) => (d.deadline && d.deadline.getTime() > now.getTime() ? [d.deadline.getTime()] : []));
      const starts = m.startsAt.getTime() > now.getTime() && m.startsAt.getTime() <= horizon;
      if (!starts && !deadlines.some((d) => d <= horizon)) continue;
      const done = await this.db.transaction(async (tx) => {
        const row = await this.load(tx, m.id, true);
        if (row.remindedAt || !meetingLive(row.state)) return false;
        await this.sendReminders(tx, platformActor('meeting-reminder'), row, now);
        return true;
      });
      if (done) reminded++;
    }
    return reminded;
  }

  async move(tx: Tx, principal: Principal, actor: Actor, id: string, action: Exclude<MeetingAction, 'sign_minutes'>, now: Date): Promise<MeetingRow> {
    const m = await this.load(tx, id, true);
    await this.organiser(tx, principal, m);
    const next = meetingNext(m.state, action);
    if (!next) throw E.wrongState();
    if (action === 'close') {
      const [open] = await tx.select({ id: meetingVotes.id }).from(meetingVotes).where(and(eq(meetingVotes.meetingId, id), eq(meetingVotes.state, 'open'))).limit(1);
      if (open) throw E.votesOpen();
    }
    const [row] = await tx
      .update(meetings)
      .set({ state: next, ...(action === 'open' ? { openedAt: now } : action === 'close' ? { closedAt: now } : {}) })
      .where(eq(meetings.id, id))
      .returning();
    await appendAudit(tx, actor, { action: `meeting.${action === 'open' ? 'opened' : action === 'close' ? 'closed' : 'cancelled'}`, targetType: 'meeting', targetId: id, agencyId: m.agencyId, before: { state: m.state }, after: { state: next } }, now);
    await enqueueEvent(tx, { type: `meeting.${action === 'open' ? 'opened' : action === 'close' ? 'closed' : 'cancelled'}`, aggregateType: 'meeting', aggregateId: id, payload: { agencyId: m.agencyId, at: now.toISOString() } });
    return row;
  }

  /** The caller joins: her attendance is recorded once (the video link is in the meeting's view). */
  async attend(tx: Tx, principal: Principal, actor: Actor, id: string, now: Date): Promise<void> {
    const m = await this.load(tx, id);
    const me = await this.participant(tx, principal, m);
    if (m.state !== 'open') throw E.wrongState();
    if (me.attendedAt) return;
    await tx.update(meetingParticipants).set({ attendedAt: now }).where(eq(meetingParticipants.id, me.id));
    await appendAudit(tx, actor, { action: 'meeting.attended', targetType: 'meeting', targetId: id, agencyId: m.agencyId, after: { participantId: me.id } }, now);
    await enqueueEvent(tx, { type: 'meeting.attended', aggregateType: 'meeting', aggregateId: id, payload: { participantId: me.id, at: now.toISOString() } });
  }

  // ─── Documents and opinions ───────────────────────────────────────────────────────────────────────────────

  async addDocument(tx: Tx, principal: Principal, actor: Actor, id: string, body: MeetingDocumentBody, now: Date): Promise<string> {
    const m = await this.load(tx, id, true);
    await this.organiser(tx, principal, m);
    if (!meetingLive(m.state)) throw E.wrongState();
    const pdf = Buffer.from(body.file.contentBase64, 'base64');
    try {
      await pdfPages(pdf);
    } catch (err) {
      if (err instanceof UnreadableDocument) throw E.notPdf();
      throw err;
    }
    const [d] = await tx
      .insert(meetingDocuments)
      .values({ meetingId: id, title: body.title.normalize('NFC').trim(), fileName: body.file.fileName, pdf, sha256: sha(pdf), opinionDeadline: body.opinionDeadline ? new Date(body.opinionDeadline) : null, createdBy: principal.accountId, createdAt: now })
      .returning({ id: meetingDocuments.id, sha256: meetingDocuments.sha256 });
    await appendAudit(tx, actor, { action: 'meeting.document_added', targetType: 'meeting', targetId: id, agencyId: m.agencyId, after: { documentId: d.id, sha256: d.sha256, opinionDeadline: body.opinionDeadline ?? null } }, now);
    await enqueueEvent(tx, { type: 'meeting.document_added', aggregateType: 'meeting', aggregateId: id, payload: { documentId: d.id, at: now.toISOString() } });
    return d.id;
  }

  /**
   * A participant's copy of a document: watermarked with her name and the time, the read logged (with the copy's
   * digest) and audited in one transaction before the bytes go out.
   */
  async read(principal: Principal, actor: Actor, id: string, documentId: string, now: Date): Promise<{ fileName: string; bytes: Buffer }> {
    const m = await this.load(this.db, id);
    const me = await this.participant(this.db, principal, m);
    const [d] = await this.db.select().from(meetingDocuments).where(and(eq(meetingDocuments.id, documentId), eq(meetingDocuments.meetingId, id)));
    if (!d) throw E.documentNotFound();
    const bytes = await watermark(d.pdf, `Bản cấp cho ${me.name} — ${formatVnDateTime(now)}`);
    const copySha256 = sha(bytes);
    await this.db.transaction(async (tx) => {
      await tx.insert(meetingDocumentReads).values({ documentId, participantId: me.id, at: now, copySha256 });
      await appendAudit(tx, actor, { action: 'meeting.document_read', targetType: 'meeting', targetId: id, agencyId: m.agencyId, after: { documentId, participantId: me.id, copySha256 } }, now);
      await enqueueEvent(tx, { type: 'meeting.document_read', aggregateType: 'meeting', aggregateId: id, payload: { documentId, participantId: me.id, at: now.toISOString() } });
    });
    return { fileName: d.fileName, bytes };
  }

  async reads(principal: Principal, id: string, documentId: string) {
    const m = await this.load(this.db, id);
    await this.organiser(this.db, principal, m);
    const rows = await this.db
      .select({ participant: meetingParticipants.name, at: meetingDocumentReads.at, copySha256: meetingDocumentReads.copySha256 })
      .from(meetingDocumentReads)
      .innerJoin(meetingParticipants, eq(meetingParticipants.id, meetingDocumentReads.participantId))
      .where(eq(meetingDocumentReads.documentId, documentId))
      .orderBy(asc(meetingDocumentReads.at));
    return { items: rows.map((r) => ({ participant: r.participant, at: r.at.toISOString(), copySha256: r.copySha256 })) };
  }

  /** A written opinion on a document, refused at and after its deadline. */
  async opinion(tx: Tx, principal: Principal, actor: Actor, id: string, documentId: string, body: OpinionBody, now: Date): Promise<void> {
    const m = await this.load(tx, id);
    const me = await this.participant(tx, principal, m);
    const [d] = await tx.select({ deadline: meetingDocuments.opinionDeadline }).from(meetingDocuments).where(and(eq(meetingDocuments.id, documentId), eq(meetingDocuments.meetingId, id)));
    if (!d) throw E.documentNotFound();
    if (!d.deadline) throw E.noOpinionAsked();
    if (!opinionAccepted(d.deadline, now, m.state)) throw E.opinionClosed(undefined, { extra: { deadline: d.deadline.toISOString() } });
    const ins = await tx.insert(meetingOpinions).values({ documentId, participantId: me.id, stance: body.stance, text: body.text.normalize('NFC').trim(), at: now }).onConflictDoNothing().returning({ id: meetingOpinions.id });
    if (!ins.length) throw E.alreadyGiven();
    await appendAudit(tx, actor, { action: 'meeting.opinion_given', targetType: 'meeting', targetId: id, agencyId: m.agencyId, after: { documentId, participantId: me.id, stance: body.stance } }, now);
    await enqueueEvent(tx, { type: 'meeting.opinion_given', aggregateType: 'meeting', aggregateId: id, payload: { documentId, at: now.toISOString() } });
  }

  // ─── Votes ────────────────────────────────────────────────────────────────────────────────────────────────

  async openVote(tx: Tx, principal: Principal, actor: Actor, id: string, body: VoteBody, now: Date): Promise<string> {
    const m = await this.load(tx, id, true);
    await this.organiser(tx, principal, m);
    if (m.state !== 'open') throw E.wrongState();
    const [v] = await tx.insert(meetingVotes).values({ meetingId: id, question: body.question.normalize('NFC').trim(), quorum: body.quorum, majority: body.majority, state: 'open', openedAt: now }).returning({ id: meetingVotes.id });
    await appendAudit(tx, actor, { action: 'meeting.vote_opened', targetType: 'meeting', targetId: id, agencyId: m.agencyId, after: { voteId: v.id, quorum: body.quorum, majority: body.majority } }, now);
    await enqueueEvent(tx, { type: 'meeting.vote_opened', aggregateType: 'meeting', aggregateId: id, payload: { voteId: v.id, at: now.toISOString() } });
    return v.id;
  }

  async ballot(tx: Tx, principal: Principal, actor: Actor, id: string, voteId: string, body: BallotBody, now: Date): Promise<void> {
    const m = await this.load(tx, id);
    const me = await this.participant(tx, principal, m);
    if (!me.voting) throw E.notVoting();
    const [v] = await tx.select().from(meetingVotes).where(and(eq(meetingVotes.id, voteId), eq(meetingVotes.meetingId, id))).for('update');
    if (!v) throw E.voteNotFound();
    if (v.state !== 'open') throw E.voteClosed();
    const ins = await tx.insert(meetingBallots).values({ voteId, participantId: me.id, choice: body.choice, at: now }).onConflictDoNothing().returning({ voteId: meetingBallots.voteId });
    if (!ins.length) throw E.alreadyGiven();
    // The choice is not in the audit record (the tally is, at closing): a ballot is known to the meeting's minutes.
    await appendAudit(tx, actor, { action: 'meeting.ballot_cast', targetType: 'meeting', targetId: id, agencyId: m.agencyId, after: { voteId, participantId: me.id } }, now);
    await enqueueEvent(tx, { type: 'meeting.ballot_cast', aggregateType: 'meeting', aggregateId: id, payload: { voteId, at: now.toISOString() } });
  }

  async closeVote(tx: Tx, principal: Principal, actor: Actor, id: string, voteId: string, now: Date): Promise<VoteView> {
    const m = await this.load(tx, id, true);
    await this.organiser(tx, principal, m);
    const [v] = await tx.select().from(meetingVotes).where(and(eq(meetingVotes.id, voteId), eq(meetingVotes.meetingId, id))).for('update');
    if (!v) throw E.voteNotFound();
    if (v.state !== 'open') throw E.voteClosed();
    const [{ members }] = await tx.select({ members: sql<number>`count(*)::int` }).from(meetingParticipants).where(and(eq(meetingParticipants.meetingId, id), eq(meetingParticipants.voting, true)));
    const ballots = await tx.select({ choice: meetingBallots.choice }).from(meetingBallots).where(eq(meetingBallots.voteId, voteId));
    const count = (c: Choice) => ballots.filter((b) => b.choice === c).length;
    const tally = { members, yes: count('yes'), no: count('no'), abstain: count('abstain') };
    const result = { ...tally, outcome: voteOutcome(v.quorum, v.majority, tally) };
    await tx.update(meetingVotes).set({ state: 'closed', result, closedAt: now }).where(eq(meetingVotes.id, voteId));
    await appendAudit(tx, actor, { action: 'meeting.vote_closed', targetType: 'meeting', targetId: id, agencyId: m.agencyId, after: { voteId, ...result } }, now);
    await enqueueEvent(tx, { type: 'meeting.vote_closed', aggregateType: 'meeting', aggregateId: id, payload: { voteId, outcome: result.outcome, at: now.toISOString() } });
    return { id: v.id, question: v.question, quorum: v.quorum, majority: v.majority, state: 'closed', ballots: ballots.length, myChoice: null, result };
  }

  // ─── Minutes ──────────────────────────────────────────────────────────────────────────────────────────────

  /**
   * The minutes (biên bản họp) of a closed meeting: agenda, attendance, documents and opinions, votes and their
   * outcomes, the secretary's summary; rendered as PDF, signed with the agency's certificate, audited and logged in
   * the transparency log, in `tx`.
   */
  async signMinutes(tx: Tx, principal: Principal, actor: Actor, id: string, body: MinutesBody, now: Date): Promise<{ sha256: string; signedAt: string }> {
    const m = await this.load(tx, id, true);
    await this.organiser(tx, principal, m);
    if (!meetingNext(m.state, 'sign_minutes')) throw E.wrongState();
    const agency = await this.ports.agencies.get(m.agencyId, tx);
    const parent = agency?.parentId ? await this.ports.agencies.get(agency.parentId, tx) : undefined;
    const people = await tx.select().from(meetingParticipants).where(eq(meetingParticipants.meetingId, id)).orderBy(asc(meetingParticipants.invitedAt), asc(meetingParticipants.name));
    const docs = await tx.select({ id: meetingDocuments.id, title: meetingDocuments.title }).from(meetingDocuments).where(eq(meetingDocuments.meetingId, id)).orderBy(asc(meetingDocuments.createdAt));
    const ops = docs.length ? await tx.select({ documentId: meetingOpinions.documentId, stance: meetingOpinions.stance }).from(meetingOpinions).where(inArray(meetingOpinions.documentId, docs.map((d) => d.id))) : [];
    const votes = await tx.select().from(meetingVotes).where(eq(meetingVotes.meetingId, id)).orderBy(asc(meetingVotes.openedAt));
    const ROLE = { chair: 'Chủ trì', secretary: 'Thư ký', member: 'Thành viên', guest: 'Khách mời' } as const;
    const OUT: Record<string, string> = { adopted: 'được thông qua', rejected: 'không được thông qua', no_quorum: 'không đủ số thành viên tham gia biểu quyết' };
    const pdf = this.ports.results.textPdf(
      {
        agency: { name: agency?.name ?? '', parentName: parent?.name ?? null },
        title: 'Biên bản họp',
        subtitle: `${m.title} — ${formatVnDateTime(m.openedAt ?? m.startsAt)} (họp trực tuyến)`,
        sections: [
          { heading: 'I. Thành phần tham dự', lines: people.map((p) => `${p.name} — ${ROLE[p.role]}${p.attendedAt ? '' : ' (vắng mặt)'}`) },
          { heading: 'II. Chương trình họp', lines: m.agenda.map((a, i) => `${i + 1}. ${a}`) },
          { heading: 'III. Tài liệu và ý kiến bằng văn bản', lines: docs.map((d) => { const o = ops.filter((x) => x.documentId === d.id); return `${d.title}: ${o.length} ý kiến (${o.filter((x) => x.stance === 'agree').length} đồng ý, ${o.filter((x) => x.stance === 'disagree').length} không đồng ý)`; }) },
          { heading: 'IV. Kết quả biểu quyết', lines: votes.map((v) => (v.result ? `${v.question}: ${v.result.yes} tán thành, ${v.result.no} không tán thành, ${v.result.abstain} không biểu quyết trên ${v.result.members} thành viên — ${OUT[v.result.outcome]}` : `${v.question}: chưa kết thúc`)) },
          { heading: 'V. Kết luận', lines: [body.summary.normalize('NFC').trim()] },
        ],
        signatures: ['Thư ký', 'Chủ trì'],
        subject: `Biên bản họp: ${m.title}`,
        demo: this.opts.demo,
      },
      now,
    );
    const signed = await this.ports.results.signPdf({ pdf, agencyId: m.agencyId, reason: `Biên bản họp: ${m.title}` }, now, tx);
    const sha256 = sha(signed);
    await tx.update(meetings).set({ state: 'minutes_signed', minutesText: body.summary, minutesPdf: signed, minutesSha256: sha256, minutesSignedAt: now }).where(eq(meetings.id, id));
    await appendAudit(tx, actor, { action: 'meeting.minutes_signed', targetType: 'meeting', targetId: id, agencyId: m.agencyId, before: { state: m.state }, after: { state: 'minutes_signed', sha256 } }, now);
    await enqueueEvent(tx, { type: 'meeting.minutes_signed', aggregateType: 'meeting', aggregateId: id, payload: { agencyId: m.agencyId, sha256, at: now.toISOString() } });
    await appendLeaf(tx, { kind: 'meeting_minutes', ref: id, ...minutesLeaf({ id, agencyId: m.agencyId, title: m.title, minutesSha256: sha256, minutesSignedAt: now }) });
    return { sha256, signedAt: now.toISOString() };
  }

  async minutesPdf(principal: Principal, id: string): Promise<{ bytes: Buffer; title: string }> {
    const m = await this.load(this.db, id);
    await this.access(this.db, principal, m);
    if (!m.minutesPdf) throw E.wrongState();
    return { bytes: m.minutesPdf, title: m.title };
  }

  // ─── Views ────────────────────────────────────────────────────────────────────────────────────────────────

  async view(principal: Principal, id: string, now: Date, db: DbOrTx = this.db): Promise<MeetingView> {
    const m = await this.load(db, id);
    const { me, organiser } = await this.access(db, principal, m);
    const people = await db.select().from(meetingParticipants).where(eq(meetingParticipants.meetingId, id)).orderBy(asc(meetingParticipants.invitedAt), asc(meetingParticipants.name));
    const docs = await db
      .select({ id: meetingDocuments.id, title: meetingDocuments.title, fileName: meetingDocuments.fileName, sha256: meetingDocuments.sha256, opinionDeadline: meetingDocuments.opinionDeadline })
      .from(meetingDocuments)
      .where(eq(meetingDocuments.meetingId, id))
      .orderBy(asc(meetingDocuments.createdAt));
    const ops = docs.length ? await db.select().from(meetingOpinions).where(inArray(meetingOpinions.documentId, docs.map((d) => d.id))).orderBy(asc(meetingOpinions.at)) : [];
    const votes = await db.select().from(meetingVotes).where(eq(meetingVotes.meetingId, id)).orderBy(asc(meetingVotes.openedAt));
    const ballots = votes.length ? await db.select().from(meetingBallots).where(inArray(meetingBallots.voteId, votes.map((v) => v.id))) : [];
    const nameOf = new Map(people.map((p) => [p.id, p.name]));
    return {
      id: m.id,
      agencyId: m.agencyId,
      title: m.title,
      agenda: m.agenda,
      startsAt: m.startsAt.toISOString(),
      endsAt: m.endsAt.toISOString(),
      state: m.state,
      purpose: m.purpose,
      videoUrl: me ? videoUrl(this.opts.videoUrlTemplate, m.id) : null,
      me: me ? { participantId: me.id, role: me.role, voting: me.voting, organiser } : null,
      participants: people.map((p) => ({ id: p.id, kind: p.kind, name: p.name, role: p.role, voting: p.voting, attendedAt: iso(p.attendedAt) })),
      documents: docs.map((d) => {
        const mine = me ? ops.find((o) => o.documentId === d.id && o.participantId === me.id) : undefined;
        return {
          id: d.id,
          title: d.title,
          fileName: d.fileName,
          sha256: d.sha256,
          opinionDeadline: iso(d.opinionDeadline),
          opinionOpen: d.opinionDeadline !== null && opinionAccepted(d.opinionDeadline, now, m.state),
          opinionCount: ops.filter((o) => o.documentId === d.id).length,
          myOpinion: mine ? { stance: mine.stance, text: mine.text, at: mine.at.toISOString() } : null,
          opinions: organiser ? ops.filter((o) => o.documentId === d.id).map((o) => ({ participant: nameOf.get(o.participantId) ?? '', stance: o.stance, text: o.text, at: o.at.toISOString() })) : [],
        };
      }),
      votes: votes.map((v) => ({
        id: v.id,
        question: v.question,
        quorum: v.quorum,
        majority: v.majority,
        state: v.state,
        ballots: ballots.filter((b) => b.voteId === v.id).length,
        myChoice: me ? (ballots.find((b) => b.voteId === v.id && b.participantId === me.id)?.choice ?? null) : null,
        result: v.result ? { members: v.result.members, yes: v.result.yes, no: v.result.no, abstain: v.result.abstain, outcome: v.result.outcome as 'adopted' | 'rejected' | 'no_quorum' } : null,
      })),
      minutes: m.minutesSha256 && m.minutesSignedAt ? { sha256: m.minutesSha256, signedAt: m.minutesSignedAt.toISOString() } : null,
    };
  }

  /** The meetings the caller takes part in, newest first. */
  async mine(principal: Principal) {
    const who = principal.kind === 'citizen' ? (principal.personalId ? eq(meetingParticipants.personalId, principal.personalId) : null) : or(eq(meetingParticipants.accountId, principal.accountId), eq(meetings.createdBy, principal.accountId));
    if (!who) return { items: [] };
    const rows = await this.db
      .selectDistinct({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, endsAt: meetings.endsAt, state: meetings.state, purpose: meetings.purpose })
      .from(meetings)
      .leftJoin(meetingParticipants, eq(meetingParticipants.meetingId, meetings.id))
      .where(who)
      .orderBy(desc(meetings.startsAt))
      .limit(200);
    return { items: rows.map((r) => ({ ...r, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() })) };
  }

  /** For the inspection module: whether a meeting's remote session was held (opened) and its state. */
  async stateOf(id: string, db: DbOrTx = this.db): Promise<{ state: MeetingRow['state']; openedAt: Date | null } | null> {
    const [m] = await db.select({ state: meetings.state, openedAt: meetings.openedAt }).from(meetings).where(eq(meetings.id, id));
    return m ?? null;
  }
}

/**
 * The demo meeting (seed): a meeting of the construction department tomorrow at 9:00 (Vietnam time) with its
 * officers and an enterprise's representative, and a draft to give written opinions on until the day before.
 */
export async function seedDemoMeeting(tx: Tx, actor: Actor, input: { agencyId: string; title?: string; officers: Array<{ accountId: string; name: string; role: 'chair' | 'secretary' | 'member' }>; outsider: { personalId: string; name: string }; document: { title: string; pdf: Buffer } }, now: Date): Promise<string> {
  const service = new MeetingService(null as never, null as never, { videoUrlTemplate: null, demo: true });
  const day = new Date(Math.floor((now.getTime() + 7 * 3_600_000) / 86_400_000) * 86_400_000 - 7 * 3_600_000);
  const startsAt = new Date(day.getTime() + 86_400_000 + 9 * 3_600_000);
  const m = await service.create(
    tx,
    actor,
    input.officers[0].accountId,
    {
      agencyId: input.agencyId,
      title: input.title ?? 'Họp thẩm định hồ sơ cấp phép xây dựng công trình cảng',
      agenda: ['Báo cáo kết quả thẩm định hồ sơ', 'Ý kiến của các thành viên và của chủ đầu tư', 'Biểu quyết thông qua'],
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      participants: [...input.officers.map((o) => ({ kind: 'officer' as const, accountId: o.accountId, role: o.role, voting: true })), { kind: 'outsider' as const, personalId: input.outsider.personalId, name: input.outsider.name, role: 'guest' as const, voting: false }],
    },
    new Map(input.officers.map((o) => [o.accountId, o.name])),
    now,
    false,
  );
  await tx.insert(meetingDocuments).values({ meetingId: m.id, title: input.document.title, fileName: 'du-thao-bao-cao-tham-dinh.pdf', pdf: input.document.pdf, sha256: sha(input.document.pdf), opinionDeadline: new Date(startsAt.getTime() - 3_600_000), createdBy: input.officers[0].accountId, createdAt: now });
  return m.id;
}
