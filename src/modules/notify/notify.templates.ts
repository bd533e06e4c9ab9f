import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import { appendAudit } from '../../platform/audit/audit.service';
import { DEFAULT_TEMPLATES, KINDS, KIND_KEYS, channelsOf, checkTemplate, type Channel, type Kind, type Language, type SmsOptions, type TemplateProblem } from '../../shared/notify';
import { notifyTemplates } from './notify.schema';
import { notifyErrors } from './notify.errors';

export type TemplateRow = typeof notifyTemplates.$inferSelect;

/** The template a message is written with, and where it came from. */
export interface EffectiveTemplate {
  kind: Kind;
  channel: Channel;
  language: Language;
  subject: string | null;
  body: string;
  zaloTemplateId: string | null;
  version: number;
  /** 'default' (built in), 'national' or an agency id. */
  scope: string;
  /** The channel whose text is used (in-app falls back to the e-mail text). */
  from: Channel;
}

export interface PublishInput {
  kind: Kind;
  channel: Channel;
  language: Language;
  /** null: national. */
  agencyId: string | null;
  subject?: string | null;
  body: string;
  zaloTemplateId?: string | null;
}

function builtIn(kind: Kind, channel: Channel, language: Language): EffectiveTemplate | null {
  const d = DEFAULT_TEMPLATES[kind][language];
  const base = { kind, channel, language, version: 1, scope: 'default' };
  if (channel === 'email' || channel === 'inapp') return { ...base, subject: d.email.subject, body: d.email.body, zaloTemplateId: null, from: 'email' };
  if (channel === 'sms' && d.sms) return { ...base, subject: null, body: d.sms, zaloTemplateId: null, from: 'sms' };
  if (channel === 'zalo' && d.zalo) return { ...base, subject: null, body: d.zalo.body, zaloTemplateId: d.zalo.templateId, from: 'zalo' };
  return null;
}

const CACHE_MS = 5_000;

/**
 * Versioned templates: the built-in version 1, then versions published nationally or for one agency. The newest
 * version of the narrowest scope wins (agency, then national, then built in); in-app messages use the e-mail text
 * unless an in-app version exists in that scope.
 */
export class TemplateStore {
  private cache = new Map<string, { at: number; rows: TemplateRow[] }>();

  constructor(
    private readonly db: Db,
    private readonly sms: SmsOptions,
  ) {}

  private async rowsFor(kind: Kind, language: Language, scopes: string[]): Promise<TemplateRow[]> {
    const key = `${kind}|${language}|${scopes.join(',')}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.rows;
    const rows = await this.db
      .select()
      .from(notifyTemplates)
      .where(and(eq(notifyTemplates.kind, kind), eq(notifyTemplates.language, language), inArray(notifyTemplates.scope, scopes)))
      .orderBy(desc(notifyTemplates.version));
    this.cache.set(key, { at: Date.now(), rows });
    if (this.cache.size > 2000) this.cache.clear();
    return rows;
  }

  async effective(kind: Kind, channel: Channel, language: Language, agencyId: string | null): Promise<EffectiveTemplate | null> {
    if (!channelsOf(kind).includes(channel)) return null;
    const scopes = agencyId ? [agencyId, 'national'] : ['national'];
    const rows = await this.rowsFor(kind, language, scopes);
    const pick = (scope: string, ch: Channel) => rows.find((r) => r.scope === scope && r.channel === ch);
    for (const scope of scopes) {
      const candidates: Channel[] = channel === 'inapp' ? ['inapp', 'email'] : [channel];
      for (const ch of candidates) {
        const r = pick(scope, ch);
        if (r) return { kind, channel, language, subject: r.subject, body: r.body, zaloTemplateId: r.zaloTemplateId, version: r.version, scope, from: ch };
      }
    }
    return builtIn(kind, channel, language);
  }

  check(kind: Kind, channel: Channel, t: { subject?: string | null; body: string; zaloTemplateId?: string | null }) {
    return checkTemplate(kind, channel, t, this.sms);
  }

  /** Publishes a new version (checked first), with its audit record. */
  async publish(tx: Tx, actor: Actor, input: PublishInput, now: Date): Promise<TemplateRow> {
    const { problems } = this.check(input.kind, input.channel, input);
    if (problems.length) throw notifyErrors.templateInvalid(undefined, { fields: problems.map((p: TemplateProblem) => ({ field: p.field, code: p.code, message: p.message })) });
    const scope = input.agencyId ?? 'national';
    const row = await (async () => {
      const [last] = await tx
        .select({ version: notifyTemplates.version })
        .from(notifyTemplates)
        .where(and(eq(notifyTemplates.kind, input.kind), eq(notifyTemplates.channel, input.channel), eq(notifyTemplates.language, input.language), eq(notifyTemplates.scope, scope)))
        .orderBy(desc(notifyTemplates.version))
        .limit(1)
        .for('update');
      const [r] = await tx
        .insert(notifyTemplates)
        .values({
          kind: input.kind,
          channel: input.channel,
          language: input.language,
          scope,
          version: (last?.version ?? 0) + 1,
          subject: input.channel === 'email' || input.channel === 'inapp' ? (input.subject ?? null) : null,
          body: input.body,
          zaloTemplateId: input.channel === 'zalo' ? (input.zaloTemplateId ?? null) : null,
          createdAt: now,
          createdByAccountId: actor.accountId,
        })
        .returning();
      await appendAudit(tx, { ...actor, agencyId: input.agencyId }, { action: 'notify.template_published', targetType: 'notify_template', targetId: r.id, after: { kind: r.kind, channel: r.channel, language: r.language, scope, version: r.version } }, now);
      return r;
    })();
    this.cache.clear();
    return row;
  }

  /** Versions published in a scope, newest first (the built-in version 1 is not a row). */
  async history(kind: Kind, channel: Channel, language: Language, scope: string): Promise<TemplateRow[]> {
    return this.db
      .select()
      .from(notifyTemplates)
      .where(and(eq(notifyTemplates.kind, kind), eq(notifyTemplates.channel, channel), eq(notifyTemplates.language, language), eq(notifyTemplates.scope, scope)))
      .orderBy(desc(notifyTemplates.version));
  }

  /** Every kind × channel × language with the template in effect for an agency (or nationally). */
  async overview(agencyId: string | null): Promise<EffectiveTemplate[]> {
    const out: EffectiveTemplate[] = [];
    for (const kind of KIND_KEYS) for (const channel of channelsOf(kind)) for (const language of ['vi', 'en'] as const) {
      const t = await this.effective(kind, channel, language, agencyId);
      if (t) out.push(t);
    }
    return out;
  }
}

export const kindSpec = (kind: Kind) => KINDS[kind];
