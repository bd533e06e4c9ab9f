/**
 * Petitions (phản ánh, kiến nghị): filing (signed in or anonymously with a contact), routing to the competent
 * agency, the officers' steps with their legal deadlines, leader approval of answers, publication with consent only,
 * escalation of late petitions to the parent agency, lookup by code. Each step is one transaction with its audit
 * record and outbox event; events carry no personal data.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, isNull, isNotNull, lt, notInArray, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import { platformActor, type Actor } from '../../platform/auth/actor';
import { appendAudit } from '../../platform/audit/audit.service';
import { enqueueEvent } from '../../platform/events/outbox';
import { normalizeVi } from '../../shared/text/fold';
import { ROLES, type Role } from '../../shared/auth/roles';
import type { Calendar } from '../../shared/calendar';
import {
  FINAL_PETITION_STATUSES,
  PETITION_CODE_RE,
  anonymise,
  nextStatus,
  petitionActions,
  petitionDeadlines,
  petitionUrgency,
  type PetitionActor,
  type PetitionStatus,
} from '../../shared/voice/petition';
import { PETITION_STATUS_LABELS } from '../../shared/voice/labels';
import type { PetitionActionBody, PetitionBody, PetitionView, PublishedAnswer } from '../../shared/api/voice';
import { MAX_PETITION_ATTACHMENT_BYTES, petitionLookupPath } from '../../shared/api/voice';
import { sniffType } from '../dossier';
import { voicePetitions, type PetitionAttachment, type PetitionHistoryEntry } from './voice.schema';
import { voiceErrors } from './voice.errors';
import { PETITION_ANSWERED, type PetitionAnsweredPayload } from '../notify';
import type { VoicePorts } from './voice.ports';

export type PetitionRow = typeof voicePetitions.$inferSelect;

/** The event the notify module turns into a message to a signed-in petitioner (its event → kind map). */
export const PETITION_ANSWERED_EVENT = PETITION_ANSWERED;
const HANDLER_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'platform_admin');
const LEADER_ROLES: readonly Role[] = ['approver'];
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function newCode(now: Date): string {
  const local = new Date(now.getTime() + 7 * 3600_000);
  const ymd = `${String(local.getUTCFullYear() % 100).padStart(2, '0')}${String(local.getUTCMonth() + 1).padStart(2, '0')}${String(local.getUTCDate()).padStart(2, '0')}`;
  let tail = '';
  for (const b of randomBytes(8)) tail += CROCKFORD[b & 31];
  return `PA-${ymd}-${tail}`;
}

export interface PetitionOptions {
  /** Receipt cutoff 'HH:MM' (VOICE_PETITION_CUTOFF): received later counts from the next working day. */
  cutoff: string | null;
  publicUrl: string;
}

export class PetitionService {
  constructor(
    private readonly db: Db,
    private readonly ports: VoicePorts,
    private readonly options: PetitionOptions,
  ) {}

  /** Files a petition: routed to the dossier's agency when it names a dossier, else to the agency chosen. */
  async file(tx: Tx, principal: Principal | null, actor: Actor, body: PetitionBody, now: Date): Promise<PetitionRow> {
    const citizen = principal?.kind === 'citizen' ? principal : null;
    const contact = body.contact;
    if (!citizen && (!contact || (!contact.email && !contact.phone))) throw voiceErrors.contactRequired();
    let agencyId = body.agencyId ?? null;
    let dossier = null;
    if (body.dossierCode) {
      dossier = await this.ports.dossiers.byCode(body.dossierCode.trim(), tx);
      if (!dossier) throw voiceErrors.dossierUnknown();
      agencyId = dossier.agencyId;
    }
    if (!agencyId || !(await this.ports.agencies.get(agencyId, tx))) throw voiceErrors.agencyRequired();
    const attachments = await this.storeAttachments(body.attachments ?? []);
    const calendar = await this.ports.calendar(tx);
    const d = petitionDeadlines(calendar, now, this.options.cutoff);
    const entry: PetitionHistoryEntry = { action: 'file', at: now.toISOString(), fromStatus: 'received', toStatus: 'received', text: null, agencyId, actorAccountId: citizen?.accountId ?? null };
    const [row] = await tx
      .insert(voicePetitions)
      .values({
        code: newCode(now),
        kind: body.kind,
        title: normalizeVi(body.title),
        content: body.content.normalize('NFC').trim(),
        status: 'received',
        agencyId,
        dossierId: dossier?.id ?? null,
        dossierCode: dossier?.code ?? null,
        procedureKey: dossier?.procedureKey ?? body.procedureKey ?? null,
        petitionerAccountId: citizen?.accountId ?? null,
        contactName: contact?.name ? normalizeVi(contact.name) : (citizen?.displayName ?? null),
        contactEmail: contact?.email ?? null,
        contactPhone: contact?.phone ?? null,
        consentPublish: body.consentPublish,
        filedAt: now,
        receivedAt: now,
        refuseBy: d.refuseBy,
        requestInfoBy: d.requestInfoBy,
        answerBy: d.answerBy,
        history: [entry],
        attachments,
        updatedAt: now,
      })
      .returning();
    await appendAudit(tx, actor, { action: 'petition.filed', targetType: 'petition', targetId: row.id, after: { code: row.code, kind: row.kind, agencyId, dossierId: row.dossierId, answerBy: row.answerBy.toISOString(), attachments: attachments.map((a) => ({ sha256: a.sha256, type: a.type, bytes: a.bytes })) }, agencyId }, now);
    await enqueueEvent(tx, { type: 'petition.filed', aggregateType: 'petition', aggregateId: row.id, payload: { code: row.code, kind: row.kind, agencyId, procedureKey: row.procedureKey } });
    return row;
  }

  /**
   * Checks and keeps the petitioner's files: each recognised by its first bytes (PDF, JPEG, PNG — not by its name),
   * within the size limit and scanned for malware before it is stored (content-addressed: a file refused or a
   * transaction rolled back leaves at most an unreferenced blob, never a reference to a missing one).
   */
  private async storeAttachments(files: NonNullable<PetitionBody['attachments']>): Promise<PetitionAttachment[]> {
    const out: PetitionAttachment[] = [];
    for (const f of files) {
      const bytes = Buffer.from(f.contentBase64, 'base64');
      if (bytes.length > MAX_PETITION_ATTACHMENT_BYTES) throw voiceErrors.attachmentTooLarge();
      const type = sniffType(bytes);
      if (!type) throw voiceErrors.attachmentType();
      if (!(await this.ports.scanner.scan(bytes)).clean) throw voiceErrors.attachmentInfected();
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await this.ports.blobs.put(sha256, bytes);
      const fileName = [...f.fileName.normalize('NFC')].map((c) => (c === '/' || c === '\\' || c.charCodeAt(0) < 32 ? '_' : c)).join('').trim();
      out.push({ fileName: fileName || 'tep-dinh-kem', type, bytes: bytes.length, sha256 });
    }
    return out;
  }

  /** One of a petition's files, for its petitioner or a handling officer. */
  async attachment(principal: Principal, id: string, index: number): Promise<{ file: PetitionAttachment; bytes: Buffer }> {
    const [row] = await this.db.select().from(voicePetitions).where(eq(voicePetitions.id, id));
    if (!row) throw voiceErrors.petitionNotFound();
    const who = await this.actorsOf(principal, row, this.db);
    if (!who.actors.includes('petitioner') && !who.actors.includes('handler')) throw principal.kind === 'citizen' ? voiceErrors.petitionNotFound() : voiceErrors.notHandler();
    const file = row.attachments[index];
    const bytes = file ? await this.ports.blobs.get(file.sha256) : null;
    if (!file || !bytes) throw voiceErrors.attachmentNotFound();
    return { file, bytes };
  }

  /** What the caller is to a petition: its petitioner, a handling officer, a leader (approver) of the agency. */
  private async actorsOf(principal: Principal | null, row: PetitionRow, db: DbOrTx): Promise<{ actors: PetitionActor[]; role: Role | null; agencyId: string | null }> {
    const actors: PetitionActor[] = [];
    if (principal?.kind === 'citizen' && row.petitionerAccountId === principal.accountId) actors.push('petitioner');
    let role: Role | null = null;
    let agencyId: string | null = null;
    if (principal && principal.kind !== 'citizen') {
      for (const a of [row.agencyId, row.escalatedToAgencyId].filter((x): x is string => !!x)) {
        const leader = await this.ports.agencies.roleIn(principal, LEADER_ROLES, a, db);
        const handler = leader ?? (await this.ports.agencies.roleIn(principal, HANDLER_ROLES, a, db));
        if (handler) {
          actors.push('handler');
          if (leader) actors.push('leader');
          role = handler;
          agencyId = a;
          break;
        }
      }
    }
    return { actors, role, agencyId };
  }

  /** One step on a petition, refused with 409 when the status does not allow it for the caller. */
  async act(tx: Tx, principal: Principal, actor: Actor, id: string, body: PetitionActionBody, now: Date): Promise<PetitionRow> {
    const [row] = await tx.select().from(voicePetitions).where(eq(voicePetitions.id, id)).for('update');
    if (!row) throw voiceErrors.petitionNotFound();
    const who = await this.actorsOf(principal, row, tx);
    if (!who.actors.length) throw principal.kind === 'citizen' ? voiceErrors.petitionNotFound() : voiceErrors.notHandler();
    const status = row.status as PetitionStatus;
    const facts = { published: !!row.publishedAt };
    if (!petitionActions(status, who.actors, facts).includes(body.action)) throw voiceErrors.actionNotAllowed(undefined, { extra: { status, allowed: petitionActions(status, who.actors, facts) } });
    const text = body.text?.normalize('NFC').trim() || null;
    const needsText = ['refuse', 'request_info', 'supply_info', 'reroute', 'propose_answer', 'send_back', 'unpublish'].includes(body.action);
    if (needsText && !text) throw voiceErrors.textRequired();
    const to = nextStatus(body.action, status);
    const set: Partial<PetitionRow> = { status: to, updatedAt: now };
    let agencyAfter = row.agencyId;
    switch (body.action) {
      case 'refuse':
        set.onTime = now.getTime() <= row.refuseBy.getTime();
        break;
      case 'request_info':
        set.onTime = now.getTime() <= row.requestInfoBy.getTime();
        break;
      case 'reroute': {
        if (!body.agencyId || !(await this.ports.agencies.get(body.agencyId, tx))) throw voiceErrors.agencyRequired();
        if (body.agencyId === row.agencyId) throw voiceErrors.sameAgency();
        // The competent agency's periods start when it receives the petition.
        const d = petitionDeadlines(await this.ports.calendar(tx), now, this.options.cutoff);
        Object.assign(set, { agencyId: body.agencyId, receivedAt: now, refuseBy: d.refuseBy, requestInfoBy: d.requestInfoBy, answerBy: d.answerBy, escalatedAt: null, escalatedToAgencyId: null });
        agencyAfter = body.agencyId;
        break;
      }
      case 'propose_answer':
        set.draftAnswer = text;
        break;
      case 'unpublish':
        set.publishedAt = null;
        break;
      case 'approve_answer': {
        const answer = text ?? row.draftAnswer;
        if (!answer) throw voiceErrors.textRequired();
        Object.assign(set, { answer, answeredAt: now, onTime: now.getTime() <= row.answerBy.getTime(), publishedAt: row.consentPublish ? now : null });
        break;
      }
    }
    const entry: PetitionHistoryEntry = { action: body.action, at: now.toISOString(), fromStatus: status, toStatus: to, text: body.action === 'propose_answer' ? null : text, agencyId: agencyAfter, actorAccountId: principal.accountId };
    set.history = [...row.history, entry];
    const [updated] = await tx.update(voicePetitions).set(set).where(eq(voicePetitions.id, id)).returning();
    const role = who.actors.includes('petitioner') ? null : who.role;
    await appendAudit(tx, { ...actor, role, agencyId: who.agencyId }, { action: `petition.${body.action}`, targetType: 'petition', targetId: id, before: { status, agencyId: row.agencyId }, after: { status: to, agencyId: agencyAfter }, agencyId: who.agencyId ?? row.agencyId }, now);
    await enqueueEvent(tx, { type: `petition.${body.action}`, aggregateType: 'petition', aggregateId: id, payload: { code: row.code, fromStatus: status, toStatus: to, agencyId: agencyAfter, ...(body.action === 'reroute' ? { fromAgencyId: row.agencyId } : {}) } });
    if (body.action === 'approve_answer' && updated.petitionerAccountId) {
      // The notify module tells a signed-in petitioner (in-app and her channels) where to read the answer.
      const notice: PetitionAnsweredPayload = { accountId: updated.petitionerAccountId, petitionId: id, code: updated.code, agencyId: updated.agencyId, link: `${this.options.publicUrl}${petitionLookupPath(updated.code)}` };
      await enqueueEvent(tx, { type: PETITION_ANSWERED_EVENT, aggregateType: 'petition', aggregateId: id, payload: { ...notice } });
    }
    return updated;
  }

  /**
   * Escalation (chuyển cấp trên): an open petition past its answer deadline goes to the parent agency's inbox, once
   * per routing. Run by the minute job; returns how many were escalated.
   */
  async escalateOverdue(now: Date): Promise<number> {
    return this.db.transaction(async (tx) => {
      const late = await tx
        .select()
        .from(voicePetitions)
        .where(and(lt(voicePetitions.answerBy, now), isNull(voicePetitions.escalatedAt), notInArray(voicePetitions.status, [...FINAL_PETITION_STATUSES])))
        .orderBy(asc(voicePetitions.answerBy))
        .limit(500)
        .for('update', { skipLocked: true });
      let n = 0;
      for (const row of late) {
        const agency = await this.ports.agencies.get(row.agencyId, tx);
        const to = agency?.parentId ?? row.agencyId;
        const entry: PetitionHistoryEntry = { action: 'escalate', at: now.toISOString(), fromStatus: row.status, toStatus: row.status, text: null, agencyId: to, actorAccountId: null };
        await tx.update(voicePetitions).set({ escalatedAt: now, escalatedToAgencyId: to, history: [...row.history, entry], updatedAt: now }).where(eq(voicePetitions.id, row.id));
        await appendAudit(tx, platformActor('voice.escalation'), { action: 'petition.escalated', targetType: 'petition', targetId: row.id, after: { escalatedToAgencyId: to }, agencyId: row.agencyId }, now);
        await enqueueEvent(tx, { type: 'petition.escalated', aggregateType: 'petition', aggregateId: row.id, payload: { code: row.code, agencyId: row.agencyId, escalatedToAgencyId: to } });
        n++;
      }
      return n;
    });
  }

  /** The view of a row for the caller (with the steps she may take now). */
  async viewFor(principal: Principal | null, row: PetitionRow, db: DbOrTx, now: Date): Promise<PetitionView> {
    return this.view(row, (await this.actorsOf(principal, row, db)).actors, db, undefined, now);
  }

  async byId(principal: Principal, id: string): Promise<PetitionView> {
    const [row] = await this.db.select().from(voicePetitions).where(eq(voicePetitions.id, id));
    if (!row) throw voiceErrors.petitionNotFound();
    const who = await this.actorsOf(principal, row, this.db);
    if (!who.actors.length) throw principal.kind === 'citizen' ? voiceErrors.petitionNotFound() : voiceErrors.notHandler();
    return this.view(row, who.actors, this.db);
  }

  /** Status by code, for anyone holding the code: no contact, no names. */
  async byCode(principal: Principal | null, code: string): Promise<PetitionView> {
    const c = code.trim().toUpperCase();
    if (!PETITION_CODE_RE.test(c)) throw voiceErrors.petitionNotFound();
    const [row] = await this.db.select().from(voicePetitions).where(eq(voicePetitions.code, c));
    if (!row) throw voiceErrors.petitionNotFound();
    return this.view(row, (await this.actorsOf(principal, row, this.db)).actors, this.db);
  }

  /** The officer inbox of one agency: its petitions and those escalated to it. */
  async inbox(principal: Principal, agencyId: string, filter: 'open' | 'due_soon' | 'overdue' | 'all', now: Date) {
    if (!(await this.ports.agencies.roleIn(principal, HANDLER_ROLES, agencyId))) throw voiceErrors.notHandler();
    const rows = await this.db
      .select()
      .from(voicePetitions)
      .where(or(eq(voicePetitions.agencyId, agencyId), eq(voicePetitions.escalatedToAgencyId, agencyId)))
      .orderBy(asc(voicePetitions.answerBy))
      .limit(500);
    const calendar = await this.ports.calendar();
    const urgency = (r: PetitionRow) => petitionUrgency(calendar, r.status as PetitionStatus, r.answerBy, now);
    const open = rows.filter((r) => urgency(r) !== 'closed');
    const counts = { open: open.length, dueSoon: open.filter((r) => urgency(r) === 'due_soon').length, overdue: open.filter((r) => urgency(r) === 'overdue').length };
    const chosen = filter === 'all' ? rows : filter === 'open' ? open : open.filter((r) => urgency(r) === filter);
    const items: PetitionView[] = [];
    for (const r of chosen.slice(0, 200)) items.push(await this.view(r, (await this.actorsOf(principal, r, this.db)).actors, this.db, calendar, now));
    return { counts, items };
  }

  /** Published answers (anonymised), newest first, optionally for one procedure. */
  async published(procedureKey?: string, limit = 50): Promise<PublishedAnswer[]> {
    const rows = await this.db
      .select()
      .from(voicePetitions)
      .where(and(isNotNull(voicePetitions.publishedAt), procedureKey ? eq(voicePetitions.procedureKey, procedureKey) : sql`true`))
      .orderBy(desc(voicePetitions.answeredAt))
      .limit(limit);
    const out: PublishedAnswer[] = [];
    for (const r of rows) {
      const agency = await this.ports.agencies.get(r.agencyId);
      // Never the code: whoever holds it reads the petition as filed, not anonymised.
      out.push({ id: r.id, title: anonymise(r.title), content: anonymise(r.content), answer: anonymise(r.answer ?? ''), agency: agency?.name ?? '', answeredAt: r.answeredAt!.toISOString(), procedureKey: r.procedureKey });
    }
    return out;
  }

  async answeredCount(procedureKey: string): Promise<number> {
    const [{ n }] = await this.db.select({ n: sql<number>`count(*)::int` }).from(voicePetitions).where(and(eq(voicePetitions.procedureKey, procedureKey), eq(voicePetitions.status, 'answered')));
    return Number(n);
  }

  async view(row: PetitionRow, actors: readonly PetitionActor[], db: DbOrTx = this.db, calendar?: Calendar, now: Date = new Date()): Promise<PetitionView> {
    const cal = calendar ?? (await this.ports.calendar(db));
    const names = new Map<string, string>();
    const nameOf = async (id: string | null) => {
      if (!id) return null;
      if (!names.has(id)) names.set(id, (await this.ports.agencies.get(id, db))?.name ?? '');
      return names.get(id)!;
    };
    const status = row.status as PetitionStatus;
    const officer = actors.includes('handler');
    const history = [];
    for (const h of row.history) history.push({ action: h.action, at: h.at, fromStatus: h.fromStatus, toStatus: h.toStatus, text: h.text, agency: await nameOf(h.agencyId) });
    return {
      id: row.id,
      code: row.code,
      kind: row.kind,
      title: row.title,
      content: row.content,
      status,
      statusLabel: PETITION_STATUS_LABELS[status],
      agencyId: row.agencyId,
      agency: (await nameOf(row.agencyId)) ?? '',
      escalatedTo: await nameOf(row.escalatedToAgencyId),
      dossierCode: row.dossierCode,
      procedureKey: row.procedureKey,
      receivedAt: row.receivedAt.toISOString(),
      refuseBy: row.refuseBy.toISOString(),
      requestInfoBy: row.requestInfoBy.toISOString(),
      answerBy: row.answerBy.toISOString(),
      urgency: petitionUrgency(cal, status, row.answerBy, now),
      onTime: row.onTime,
      answer: officer ? (row.answer ?? row.draftAnswer) : row.answer,
      answeredAt: row.answeredAt?.toISOString() ?? null,
      consentPublish: row.consentPublish,
      published: !!row.publishedAt,
      actions: petitionActions(status, actors, { published: !!row.publishedAt }),
      history,
      attachments: officer || actors.includes('petitioner') ? row.attachments.map((a, index) => ({ index, ...a })) : [],
    };
  }
}

