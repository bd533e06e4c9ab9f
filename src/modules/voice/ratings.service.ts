/**
 * Ratings of finished dossiers: once per dossier, by its applicant, editable for VOICE_RATING_EDIT_DAYS; anonymous
 * aggregates per procedure, agency and handling officer for the back office; counts per procedure for the portal.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import type { Actor } from '../../platform/auth/actor';
import { appendAudit } from '../../platform/audit/audit.service';
import { enqueueEvent } from '../../platform/events/outbox';
import { ROLES, type Role } from '../../shared/auth/roles';
import { MIN_GROUP_FOR_OFFICER, RATEABLE_STATES, isNegative } from '../../shared/voice/rating';
import type { State } from '../../shared/dossier/states';
import type { MyRating, RatingBody, RatingSummary, RatingView } from '../../shared/api/voice';
import { voiceRatings } from './voice.schema';
import { voiceErrors } from './voice.errors';
import type { VoicePorts } from './voice.ports';

export type RatingRow = typeof voiceRatings.$inferSelect;
const OFFICERS: readonly Role[] = ROLES.filter((r) => r !== 'platform_admin');

export function ratingView(r: RatingRow, now: Date): RatingView {
  return {
    dossierId: r.dossierId,
    score: r.score,
    reasons: r.reasons,
    comment: r.comment,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    editableUntil: r.editableUntil.toISOString(),
    editable: now.getTime() <= r.editableUntil.getTime(),
  };
}

/** Is the unique-violation of the one-rating-per-dossier index (a concurrent second rating)? */
function isDuplicate(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) if (e.code === '23505') return true;
  return false;
}

export class RatingService {
  constructor(
    private readonly db: Db,
    private readonly ports: VoicePorts,
    private readonly editDays: number,
  ) {}

  private async applicantDossier(tx: Tx | Db, principal: Principal, dossierId: string) {
    const { dossier, applicant } = await this.ports.dossiers.readable(principal, dossierId, tx);
    return { dossier, applicant };
  }

  async mine(principal: Principal, dossierId: string, now: Date): Promise<MyRating> {
    const { dossier, applicant } = await this.applicantDossier(this.db, principal, dossierId);
    const [row] = await this.db.select().from(voiceRatings).where(eq(voiceRatings.dossierId, dossierId));
    const mineRow = row && row.raterAccountId === principal.accountId ? row : null;
    return { rateable: applicant && !row && RATEABLE_STATES.includes(dossier.state as State), rating: mineRow ? ratingView(mineRow, now) : null };
  }

  async rate(tx: Tx, principal: Principal, actor: Actor, dossierId: string, body: RatingBody, now: Date): Promise<RatingRow> {
    const { dossier, applicant } = await this.applicantDossier(tx, principal, dossierId);
    if (!applicant || !RATEABLE_STATES.includes(dossier.state as State)) throw voiceErrors.notRateable(undefined, { extra: { state: dossier.state } });
    const [existing] = await tx.select({ id: voiceRatings.id }).from(voiceRatings).where(eq(voiceRatings.dossierId, dossierId));
    if (existing) throw voiceErrors.alreadyRated();
    let row: RatingRow;
    try {
      [row] = await tx
        .insert(voiceRatings)
        .values({
          dossierId,
          procedureKey: dossier.procedureKey,
          procedureName: dossier.procedureName,
          agencyId: dossier.agencyId,
          officerAccountId: dossier.assigneeId,
          raterAccountId: principal.accountId,
          score: body.score,
          reasons: body.reasons,
          comment: body.comment?.normalize('NFC').trim() || null,
          createdAt: now,
          updatedAt: now,
          editableUntil: new Date(now.getTime() + this.editDays * 86_400_000),
        })
        .returning();
    } catch (err) {
      if (isDuplicate(err)) throw voiceErrors.alreadyRated();
      throw err;
    }
    await appendAudit(tx, actor, { action: 'rating.created', targetType: 'dossier', targetId: dossierId, after: { score: row.score, reasons: row.reasons }, agencyId: dossier.agencyId }, now);
    await enqueueEvent(tx, { type: 'rating.created', aggregateType: 'dossier', aggregateId: dossierId, payload: { procedureKey: row.procedureKey, agencyId: row.agencyId, score: row.score, negative: isNegative(row.score) } });
    return row;
  }

  async edit(tx: Tx, principal: Principal, actor: Actor, dossierId: string, body: RatingBody, now: Date): Promise<RatingRow> {
    await this.applicantDossier(tx, principal, dossierId);
    const [row] = await tx.select().from(voiceRatings).where(and(eq(voiceRatings.dossierId, dossierId), eq(voiceRatings.raterAccountId, principal.accountId))).for('update');
    if (!row) throw voiceErrors.notRated();
    if (now.getTime() > row.editableUntil.getTime()) throw voiceErrors.ratingLocked();
    const [updated] = await tx
      .update(voiceRatings)
      .set({ score: body.score, reasons: body.reasons, comment: body.comment?.normalize('NFC').trim() || null, updatedAt: now })
      .where(eq(voiceRatings.id, row.id))
      .returning();
    await appendAudit(tx, actor, { action: 'rating.changed', targetType: 'dossier', targetId: dossierId, before: { score: row.score, reasons: row.reasons }, after: { score: updated.score, reasons: updated.reasons }, agencyId: row.agencyId }, now);
    await enqueueEvent(tx, { type: 'rating.changed', aggregateType: 'dossier', aggregateId: dossierId, payload: { procedureKey: row.procedureKey, agencyId: row.agencyId, score: updated.score, negative: isNegative(updated.score), previousScore: row.score } });
    return updated;
  }

  /** Anonymous aggregates of an agency's ratings (no comment, no rater), for its officers. */
  async summary(principal: Principal, agencyId: string): Promise<RatingSummary> {
    if (!(await this.ports.agencies.roleIn(principal, OFFICERS, agencyId))) throw voiceErrors.notHandler();
    const rows = await this.db.select({ score: voiceRatings.score, reasons: voiceRatings.reasons, procedureKey: voiceRatings.procedureKey, procedureName: voiceRatings.procedureName, officer: voiceRatings.officerAccountId }).from(voiceRatings).where(eq(voiceRatings.agencyId, agencyId));
    const group = (keyOf: (r: (typeof rows)[number]) => string | null) => {
      const m = new Map<string, number[]>();
      for (const r of rows) {
        const k = keyOf(r);
        if (!k) continue;
        if (!m.has(k)) m.set(k, []);
        m.get(k)!.push(r.score);
      }
      return m;
    };
    const stats = (scores: number[]) => {
      const distribution = [1, 2, 3, 4, 5].map((s) => scores.filter((x) => x === s).length);
      return { count: scores.length, average: scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : 0, negative: scores.filter(isNegative).length, distribution };
    };
    const procNames = new Map(rows.map((r) => [r.procedureKey, r.procedureName]));
    const byProcedure = [...group((r) => r.procedureKey)].map(([k, s]) => ({ key: k, label: procNames.get(k) ?? k, ...stats(s) }));
    const officers = [...group((r) => r.officer)].filter(([, s]) => s.length >= MIN_GROUP_FOR_OFFICER);
    const names = await this.ports.people.displayNamesOf(officers.map(([k]) => k));
    const byOfficer = officers.map(([k, s]) => ({ key: k, label: names.get(k) ?? '', ...stats(s) }));
    const reasons: Record<string, number> = {};
    for (const r of rows) for (const x of r.reasons) reasons[x] = (reasons[x] ?? 0) + 1;
    const all = stats(rows.map((r) => r.score));
    return { total: all.count, average: all.average, negative: all.negative, byProcedure, byOfficer, reasons };
  }

  async procedureStats(procedureKey: string): Promise<{ count: number; average: number | null }> {
    const [r] = await this.db.select({ n: sql<number>`count(*)::int`, avg: sql<string | null>`avg(${voiceRatings.score})` }).from(voiceRatings).where(eq(voiceRatings.procedureKey, procedureKey));
    return { count: Number(r.n), average: r.avg === null ? null : Math.round(Number(r.avg) * 100) / 100 };
  }
}
