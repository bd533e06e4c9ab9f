/**
 * The FAQ (hỏi đáp) that platform administrators edit: entries in Vietnamese and English, published or not. The
 * portal's Hỏi đáp page shows the published ones and the assistant answers from them (cited by their anchor).
 * Every change is one transaction with its audit record and outbox event; the routes tell the assistant afterwards.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import { appendAudit } from '../../platform/audit/audit.service';
import { enqueueEvent } from '../../platform/events/outbox';
import type { FaqBody, FaqEntry } from '../../shared/api/voice';
import { voiceFaq } from './voice.schema';
import { voiceErrors } from './voice.errors';

type FaqRow = typeof voiceFaq.$inferSelect;

export const faqView = (r: FaqRow): FaqEntry => ({
  id: r.id,
  question: { vi: r.questionVi, en: r.questionEn },
  answer: { vi: r.answerVi, en: r.answerEn },
  keywords: r.keywords,
  procedureKey: r.procedureKey,
  published: r.published,
  updatedAt: r.updatedAt.toISOString(),
});

const columns = (b: FaqBody) => ({
  questionVi: b.question.vi.normalize('NFC').trim(),
  questionEn: b.question.en.normalize('NFC').trim(),
  answerVi: b.answer.vi.normalize('NFC').trim(),
  answerEn: b.answer.en.normalize('NFC').trim(),
  keywords: [...new Set(b.keywords.map((k) => k.normalize('NFC').trim()).filter(Boolean))],
  procedureKey: b.procedureKey?.trim() || null,
  published: b.published,
});

export class FaqService {
  constructor(
    private readonly db: Db,
    /** Whether a procedure key names a procedure of the catalogue (an entry may only point at one). */
    private readonly procedureExists: (key: string) => Promise<boolean>,
  ) {}

  async list(opts: { publishedOnly: boolean }): Promise<FaqEntry[]> {
    const q = this.db.select().from(voiceFaq);
    const rows = await (opts.publishedOnly ? q.where(eq(voiceFaq.published, true)) : q).orderBy(asc(voiceFaq.createdAt), asc(voiceFaq.id));
    return rows.map(faqView);
  }

  /**
   * Checks what the body points at (the procedure), before the transaction: the catalogue is read through its own
   * module, and on the embedded database a read outside an open transaction would wait for it.
   */
  async validate(b: FaqBody): Promise<void> {
    const key = b.procedureKey?.trim();
    if (key && !(await this.procedureExists(key))) throw voiceErrors.faqProcedureUnknown(undefined, { extra: { procedureKey: key } });
  }

  async create(tx: Tx, actor: Actor, b: FaqBody, now: Date): Promise<FaqEntry> {
    const [row] = await tx.insert(voiceFaq).values({ ...columns(b), createdAt: now, updatedAt: now }).returning();
    await appendAudit(tx, actor, { action: 'faq.created', targetType: 'faq', targetId: row.id, after: { question: row.questionVi, published: row.published } }, now);
    await enqueueEvent(tx, { type: 'faq.changed', aggregateType: 'faq', aggregateId: row.id, payload: { change: 'created', published: row.published } });
    return faqView(row);
  }

  async update(tx: Tx, actor: Actor, id: string, b: FaqBody, now: Date): Promise<FaqEntry> {
    const [before] = await tx.select().from(voiceFaq).where(eq(voiceFaq.id, id)).for('update');
    if (!before) throw voiceErrors.faqNotFound();
    const [row] = await tx.update(voiceFaq).set({ ...columns(b), updatedAt: now }).where(eq(voiceFaq.id, id)).returning();
    await appendAudit(tx, actor, { action: 'faq.changed', targetType: 'faq', targetId: id, before: { question: before.questionVi, published: before.published }, after: { question: row.questionVi, published: row.published } }, now);
    await enqueueEvent(tx, { type: 'faq.changed', aggregateType: 'faq', aggregateId: id, payload: { change: 'changed', published: row.published } });
    return faqView(row);
  }

  async remove(tx: Tx, actor: Actor, id: string, now: Date): Promise<void> {
    const [row] = await tx.delete(voiceFaq).where(eq(voiceFaq.id, id)).returning();
    if (!row) throw voiceErrors.faqNotFound();
    await appendAudit(tx, actor, { action: 'faq.deleted', targetType: 'faq', targetId: id, before: { question: row.questionVi, published: row.published } }, now);
    await enqueueEvent(tx, { type: 'faq.changed', aggregateType: 'faq', aggregateId: id, payload: { change: 'deleted', published: false } });
  }
}

/** The demo FAQ (seed/voice/faq.json), published, loaded with the demo data. */
export async function seedDemoFaq(tx: Tx, actor: Actor, now: Date): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const file = new URL('../../../seed/voice/faq.json', import.meta.url);
  const { entries } = JSON.parse(await readFile(file, 'utf8')) as { entries: Array<Omit<FaqBody, 'published' | 'procedureKey'>> };
  for (const [i, e] of entries.entries()) {
    // A millisecond apart: the page lists them in the file's order.
    const at = new Date(now.getTime() + i);
    const [row] = await tx.insert(voiceFaq).values({ ...columns({ ...e, procedureKey: null, published: true }), createdAt: at, updatedAt: at }).returning();
    await appendAudit(tx, actor, { action: 'faq.created', targetType: 'faq', targetId: row.id, after: { question: row.questionVi, published: true } }, at);
  }
  return entries.length;
}
