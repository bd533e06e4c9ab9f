import { createHash, createHmac } from 'node:crypto';
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { policy, type Principal } from '../../platform/auth/policy';
import { actorOf } from '../../platform/auth/actor';
import { appendAudit } from '../../platform/audit/audit.service';
import { IdParams, Obj } from '../../platform/http/schemas';
import { idempotencyKeyOf, runIdempotent } from '../../platform/idempotency/idempotency';
import { KINDS, PLACEHOLDERS, checkSms, isKind, normalizeEmail, placeholderNames, render, toEmailHtml, type Channel, type Kind, type Language } from '../../shared/notify';
import {
  ChannelSchema,
  ChannelStatusSchema,
  DossierLogSchema,
  InboxPageSchema,
  LanguageSchema,
  PreferencesInputSchema,
  PreferencesSchema,
  PreviewSchema,
  ReadResultSchema,
  ReportResultSchema,
  SenderInputSchema,
  SenderSchema,
  SmsReportSchema,
  TemplateDetailSchema,
  TemplateInputSchema,
  TemplateListSchema,
  UnreadSchema,
  UnsubscribeResultSchema,
  ZaloReportSchema,
  type PreferencesInput,
  type SenderInput,
  type Template,
  type TemplateInput,
} from '../../shared/api/notify';
import { notifyErrors } from './notify.errors';
import { notifySenders } from './notify.schema';
import { sameHex, type NotifyKeys } from './notify.keys';
import type { NotifyService } from './notify.service';
import type { Preferences } from './notify.preferences';
import type { TemplateStore, EffectiveTemplate } from './notify.templates';
import type { SenderDirectory } from './notify.compose';
import type { DeliveryWorker } from './notify.sender';
import type { NotifyPorts } from './notify.ports';
import { platformErrors } from '../../platform/http/errors';
import { dossierErrors } from '../dossier';

export interface RouteDeps {
  service: NotifyService;
  preferences: Preferences;
  templates: TemplateStore;
  senders: SenderDirectory;
  sender: DeliveryWorker;
  keys: NotifyKeys;
  ports: NotifyPorts;
  enabled: ReadonlySet<string>;
  smsUnicode: boolean;
  simulatorUrl: () => string | null;
  /** Called after a change that gives the sender work (a callback may have unblocked nothing; kept simple). */
  kick(): void;
}

const tags = ['notifications'];
const principalOf = (req: FastifyRequest): Principal => req.principal!;
const ADMIN = policy.roles('platform_admin', 'agency_admin');
const SIGNATURE_WINDOW_MS = 5 * 60_000;

function templateView(t: EffectiveTemplate): Template {
  const spec = KINDS[t.kind];
  return {
    kind: t.kind,
    kindLabel: spec.label,
    audience: spec.audience,
    mandatory: spec.mandatory,
    channel: t.channel,
    language: t.language,
    version: t.version,
    scope: t.scope,
    subject: t.subject,
    body: t.body,
    zaloTemplateId: t.zaloTemplateId,
    placeholders: spec.placeholders.map((name) => ({ name, label: PLACEHOLDERS[name].label, personal: PLACEHOLDERS[name].personal })),
  };
}

export function registerNotifyRoutes(app: App, ctx: AppContext, d: RouteDeps) {
  const { db } = ctx;
  const now = () => ctx.clock.now();

  async function mayAdminister(principal: Principal, agencyId: string | null): Promise<void> {
    if (principal.grants.some((g) => g.role === 'platform_admin')) return;
    if (agencyId && (await d.ports.agencies.agenciesFor(principal, ['agency_admin'])).has(agencyId)) return;
    throw notifyErrors.outOfScope();
  }
  const kindOf = (k: string): Kind => {
    if (!isKind(k)) throw notifyErrors.unknownKind();
    return k;
  };

  // --- The inbox ----------------------------------------------------------------------------------------------------

  app.get(
    '/api/me/notifications',
    {
      config: { policy: policy.authenticated('citizen', 'officer'), errors: [] },
      schema: {
        operationId: 'listMyNotifications',
        tags,
        summary: 'My in-app notifications, newest first (keyset pages), with the unread count',
        description: 'The in-app inbox of the signed-in citizen or officer: every notification sent to them, legal notices included.',
        querystring: Obj({ cursor: Type.Optional(Type.String({ maxLength: 200 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }),
        response: { 200: InboxPageSchema },
      },
    },
    async (req) => d.service.inbox(principalOf(req).accountId, req.query.cursor, req.query.limit ?? 20),
  );

  app.get(
    '/api/me/notifications/unread',
    {
      config: { policy: policy.authenticated('citizen', 'officer'), errors: [] },
      schema: { operationId: 'countMyUnreadNotifications', tags, summary: 'How many of my in-app notifications are unread (the bell)', description: 'The number shown on the bell in the header.', response: { 200: UnreadSchema } },
    },
    async (req) => ({ unread: await d.service.unread(db, principalOf(req).accountId) }),
  );

  app.post(
    '/api/me/notifications/:id/read',
    {
      config: { policy: policy.authenticated('citizen', 'officer'), errors: [notifyErrors.notFound], idempotency: 'key' as const },
      schema: { operationId: 'markNotificationRead', tags, summary: 'Mark one of my notifications read', description: 'Records when the notification was opened (audited). Idempotent; accepts an Idempotency-Key.', params: IdParams, response: { 200: ReadResultSchema } },
    },
    async (req, reply) => runIdempotent(db, req, reply, null, now(), async (tx) => ({ status: 200, body: await d.service.markRead(tx, actorOf(req), principalOf(req).accountId, req.params.id, now()) })),
  );

  app.post(
    '/api/me/notifications/read-all',
    {
      config: { policy: policy.authenticated('citizen', 'officer'), errors: [], idempotency: 'key' as const },
      schema: { operationId: 'markAllNotificationsRead', tags, summary: 'Mark all my notifications read', description: 'Marks every unread in-app notification read (audited). Accepts an Idempotency-Key.', response: { 200: ReadResultSchema } },
    },
    async (req, reply) => runIdempotent(db, req, reply, null, now(), async (tx) => ({ status: 200, body: await d.service.markRead(tx, actorOf(req), principalOf(req).accountId, null, now()) })),
  );

  // --- Preferences and unsubscribing --------------------------------------------------------------------------------

  const available = () => ({ email: d.enabled.has('email'), sms: d.enabled.has('sms'), zalo: d.enabled.has('zalo') });
  const accountEmail = async (p: Principal) => (await d.ports.people.contacts([p.accountId]))[0]?.email ?? null;

  app.get(
    '/api/me/notification-preferences',
    {
      config: { policy: policy.authenticated('citizen', 'officer'), errors: [] },
      schema: { operationId: 'getNotificationPreferences', tags, summary: 'My notification channels, addresses and language', description: 'The channels chosen (in-app is always on), the addresses, the language, and whether the consents SMS and Zalo need are given.', response: { 200: PreferencesSchema } },
    },
    async (req) => ({ ...(await d.preferences.view(principalOf(req), await accountEmail(principalOf(req)), now())), available: available() }),
  );

  app.put(
    '/api/me/notification-preferences',
    {
      config: { policy: policy.authenticated('citizen', 'officer'), errors: [notifyErrors.badEmail, notifyErrors.badPhone, notifyErrors.addressRequired, notifyErrors.consentRequired], idempotency: 'key' as const },
      schema: {
        operationId: 'updateNotificationPreferences',
        tags,
        summary: 'Choose my notification channels, addresses and language',
        description: 'Phone numbers are stored as 84…; SMS and Zalo need the consent of the purpose (sms_notifications, zalo_notifications) given first on the consent page. Audited without the addresses. Accepts an Idempotency-Key.',
        body: PreferencesInputSchema,
        response: { 200: PreferencesSchema },
      },
    },
    async (req, reply) => {
      const p = principalOf(req);
      const email = await accountEmail(p);
      // The answer is built in the transaction and stored with the key: a replay gets this very answer.
      return runIdempotent(db, req, reply, req.body, now(), async (tx) => {
        await d.preferences.update(p, actorOf(req), req.body as PreferencesInput, now(), tx);
        return { status: 200, body: { ...(await d.preferences.view(p, email, now(), tx)), available: available() } };
      });
    },
  );

  // RFC 8058 one-click unsubscribe posts `List-Unsubscribe=One-Click` as a form.
  app.register(async (scope: App) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))));
    scope.post(
      '/api/notify/unsubscribe',
      {
        config: { policy: policy.public(), errors: [notifyErrors.badUnsubscribeToken], idempotency: 'key' as const },
        schema: {
          operationId: 'unsubscribeEmail',
          tags,
          summary: 'Stop informational e-mail (the link in each non-mandatory e-mail; RFC 8058 one-click)',
          description: 'The token in the link identifies the account (HMAC). Legal notices still come by e-mail. Idempotent.',
          querystring: Obj({ t: Type.String({ minLength: 10, maxLength: 120 }) }),
          body: Type.Object({ 'List-Unsubscribe': Type.Optional(Type.Literal('One-Click')) }, { additionalProperties: false }),
          response: { 200: UnsubscribeResultSchema },
        },
      },
      async (req, reply) =>
        runIdempotent(db, req, reply, req.query.t, now(), async (tx) => {
          const r = await d.preferences.unsubscribe(req.query.t, actorOf(req), now(), tx);
          return { status: 200, body: { unsubscribed: true as const, changed: r.changed } };
        }),
    );
  });

  // --- The per-dossier log -------------------------------------------------------------------------------------------

  app.get(
    '/api/dossiers/:id/notifications',
    {
      config: { policy: policy.authenticated('citizen', 'officer'), errors: [dossierErrors.notFound, dossierErrors.outOfJurisdiction] },
      schema: {
        operationId: 'listDossierNotifications',
        tags,
        summary: 'The notifications sent about a dossier, with their delivery status',
        description: 'Officers of the handling or consulted agency see every message; the applicant sees those sent to them. Addresses are masked; texts are not shown.',
        params: IdParams,
        response: { 200: DossierLogSchema },
      },
    },
    async (req) => ({ items: await d.service.dossierLog(principalOf(req), req.params.id) }),
  );

  // --- Carriers' delivery reports (signed; the raw body is what the signature covers) ---------------------------------

  app.register(async (scope: App) => {
    const raw = new WeakMap<object, string>();
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      raw.set(req, String(body));
      try {
        done(null, JSON.parse(String(body)));
      } catch {
        done(platformErrors.malformedJson(), undefined);
      }
    });

    scope.post(
      '/api/notify/callbacks/sms',
      {
        config: { policy: policy.public(), errors: [notifyErrors.badSignature], idempotency: { exempt: "a carrier's signed delivery report: the carrier retries on its own, and a report already applied changes nothing" } },
        schema: {
          operationId: 'receiveSmsDeliveryReport',
          tags,
          summary: 'SMS aggregator delivery report (signed)',
          description: 'Header `X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA-256 of "t.body" with NOTIFY_CALLBACK_SECRET>`, at most 5 minutes old. `reference` is the message id. Idempotent.',
          body: SmsReportSchema,
          response: { 200: ReportResultSchema },
        },
      },
      async (req) => {
        const sig = String(req.headers['x-signature'] ?? '');
        const m = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(sig);
        const body = raw.get(req) ?? '';
        const key = await d.keys.get('callback');
        if (!m || Math.abs(Date.now() - Number(m[1]) * 1000) > SIGNATURE_WINDOW_MS || !sameHex(m[2], createHmac('sha256', key).update(`${m[1]}.${body}`).digest('hex'))) throw notifyErrors.badSignature();
        const b = req.body as { id: string; reference: string; status: 'delivered' | 'undelivered'; error?: string };
        const r = await d.sender.report('sms', b.reference, b.id, b.status, b.error ?? null);
        if (r === 'unknown') req.log.warn({ reference: b.reference }, 'SMS delivery report for an unknown message');
        return { result: r === 'unknown' ? ('ignored' as const) : r };
      },
    );

    scope.post(
      '/api/notify/callbacks/zalo',
      {
        config: { policy: policy.public(), errors: [notifyErrors.badSignature], idempotency: { exempt: "a carrier's signed delivery report: the carrier retries on its own, and a report already applied changes nothing" } },
        schema: {
          operationId: 'receiveZaloDeliveryReport',
          tags,
          summary: 'Zalo official account webhook: ZNS delivery (user_received_message)',
          description: 'Header `X-ZEvent-Signature: mac=<hex SHA-256 of app_id + body + timestamp + NOTIFY_CALLBACK_SECRET>`, at most 5 minutes old. Other events are acknowledged and ignored.',
          body: ZaloReportSchema,
          response: { 200: ReportResultSchema },
        },
      },
      async (req) => {
        const b = req.body as { app_id: string; event_name: string; timestamp: string; message: { msg_id: string; tracking_id?: string } };
        const body = raw.get(req) ?? '';
        const key = await d.keys.get('callback');
        const mac = /^mac=([0-9a-f]{64})$/.exec(String(req.headers['x-zevent-signature'] ?? ''))?.[1];
        const expected = createHash('sha256').update(b.app_id + body + b.timestamp + key.toString('utf8')).digest('hex');
        if (!mac || Math.abs(Date.now() - Number(b.timestamp)) > SIGNATURE_WINDOW_MS || !sameHex(mac, expected)) throw notifyErrors.badSignature();
        if (b.event_name !== 'user_received_message' || !b.message.tracking_id || !/^[0-9a-f-]{36}$/.test(b.message.tracking_id)) return { result: 'ignored' as const };
        const r = await d.sender.report('zalo', b.message.tracking_id, b.message.msg_id, 'delivered', null);
        return { result: r === 'unknown' ? ('ignored' as const) : r };
      },
    );
  });

  // --- Administration: templates, preview, senders ----------------------------------------------------------------

  app.get(
    '/api/admin/notify/templates',
    {
      config: { policy: ADMIN, errors: [notifyErrors.outOfScope] },
      schema: {
        operationId: 'listNotificationTemplates',
        tags,
        summary: 'The templates in effect, for every notification, channel and language (national, or for one agency)',
        description: 'The newest version of the narrowest scope: the agency’s, the national one, or the built-in version 1.',
        querystring: Obj({ agencyId: Type.Optional(Type.String({ format: 'uuid' })) }),
        response: { 200: TemplateListSchema },
      },
    },
    async (req) => {
      const agencyId = req.query.agencyId ?? null;
      if (agencyId) await mayAdminister(principalOf(req), agencyId);
      return { agencyId, items: (await d.templates.overview(agencyId)).map(templateView) };
    },
  );

  app.get(
    '/api/admin/notify/templates/:kind/:channel/:language',
    {
      config: { policy: ADMIN, errors: [notifyErrors.outOfScope, notifyErrors.unknownKind] },
      schema: {
        operationId: 'getNotificationTemplate',
        tags,
        summary: 'One template: the version in effect and the versions published in the scope',
        description: 'Versions are immutable; publishing makes a new one.',
        params: Obj({ kind: Type.String({ maxLength: 60 }), channel: ChannelSchema, language: LanguageSchema }),
        querystring: Obj({ agencyId: Type.Optional(Type.String({ format: 'uuid' })) }),
        response: { 200: TemplateDetailSchema },
      },
    },
    async (req) => {
      const kind = kindOf(req.params.kind);
      const agencyId = req.query.agencyId ?? null;
      if (agencyId) await mayAdminister(principalOf(req), agencyId);
      const effective = await d.templates.effective(kind, req.params.channel as Channel, req.params.language as Language, agencyId);
      if (!effective) throw notifyErrors.unknownKind({ vi: 'Loại thông báo này không gửi qua kênh này.', en: 'This notification is not sent by this channel.' });
      const versions = await d.templates.history(kind, req.params.channel as Channel, req.params.language as Language, agencyId ?? 'national');
      return { effective: templateView(effective), versions: versions.map((v) => ({ id: v.id, version: v.version, scope: v.scope, subject: v.subject, body: v.body, zaloTemplateId: v.zaloTemplateId, createdAt: v.createdAt.toISOString() })) };
    },
  );

  app.post(
    '/api/admin/notify/templates/preview',
    {
      config: { policy: ADMIN, errors: [notifyErrors.unknownKind], idempotency: { exempt: 'a preview sent as POST: it renders a template and stores nothing' } },
      schema: {
        operationId: 'previewNotificationTemplate',
        tags,
        summary: 'Preview a template with example values: the text, the e-mail HTML, the SMS as the carrier gets it (parts), the Zalo data, and its problems',
        description: 'Changes nothing (an Idempotency-Key is accepted and not needed).',
        body: TemplateInputSchema,
        response: { 200: PreviewSchema },
      },
    },
    async (req) => {
      idempotencyKeyOf(req);
      const b = req.body as TemplateInput;
      const kind = kindOf(b.kind);
      const channel = b.channel as Channel;
      const values = KINDS[kind].sample;
      const { problems, sms } = d.templates.check(kind, channel, b);
      const subject = channel === 'email' || channel === 'inapp' ? render(b.subject ?? '', values).text : null;
      const text = render(b.body, values, channel === 'sms' ? 'sms' : 'text').text;
      const smsOut = channel === 'sms' ? checkSms(text, { unicode: d.smsUnicode }) : null;
      return {
        subject,
        text,
        html: channel === 'email' ? toEmailHtml(render(b.body, values, 'html').text) : null,
        sms: smsOut ? { text: smsOut.text, encoding: smsOut.info.encoding, units: smsOut.info.units, segments: sms?.segments ?? smsOut.info.segments } : null,
        zaloData: channel === 'zalo' ? Object.fromEntries(placeholderNames(b.body).map((n) => [n, render(`((${n}))`, values, 'sms').text])) : null,
        problems: problems.map((p) => ({ field: p.field, code: p.code, message: p.message })),
      };
    },
  );

  app.post(
    '/api/admin/notify/templates',
    {
      config: { policy: ADMIN, errors: [notifyErrors.outOfScope, notifyErrors.unknownKind, notifyErrors.templateInvalid], idempotency: 'key' as const },
      schema: {
        operationId: 'publishNotificationTemplate',
        tags,
        summary: 'Publish a new version of a template, nationally (platform administrators) or for an agency',
        description: 'Checked first: placeholders known for the notification, no personal data in SMS and Zalo, SMS within 3 parts, a subject for e-mail. Audited. Accepts an Idempotency-Key.',
        body: TemplateInputSchema,
        response: { 201: TemplateDetailSchema },
      },
    },
    async (req, reply) => {
      const b = req.body as TemplateInput;
      const kind = kindOf(b.kind);
      await mayAdminister(principalOf(req), b.agencyId);
      if (b.agencyId && !(await d.ports.agencies.get(b.agencyId))) throw notifyErrors.agencyNotFound();
      await runIdempotent(db, req, reply, b, now(), async (tx) => {
        await d.templates.publish(tx, actorOf(req), { kind, channel: b.channel as Channel, language: b.language as Language, agencyId: b.agencyId, subject: b.subject, body: b.body, zaloTemplateId: b.zaloTemplateId }, now());
        return { status: 201, body: null };
      });
      const effective = (await d.templates.effective(kind, b.channel as Channel, b.language as Language, b.agencyId))!;
      const versions = await d.templates.history(kind, b.channel as Channel, b.language as Language, b.agencyId ?? 'national');
      reply.status(201);
      return { effective: templateView(effective), versions: versions.map((v) => ({ id: v.id, version: v.version, scope: v.scope, subject: v.subject, body: v.body, zaloTemplateId: v.zaloTemplateId, createdAt: v.createdAt.toISOString() })) };
    },
  );

  const senderView = async (agencyId: string) => {
    const agency = await d.ports.agencies.get(agencyId);
    if (!agency) throw notifyErrors.agencyNotFound();
    const [row] = await db.select().from(notifySenders).where(eq(notifySenders.agencyId, agencyId));
    const eff = await d.senders.snapshot(agency, 'vi');
    return {
      agencyId,
      emailFromName: row?.emailFromName ?? null,
      emailFromAddress: row?.emailFromAddress ?? null,
      replyTo: row?.replyTo ?? null,
      smsBrandname: row?.smsBrandname ?? null,
      zaloOaId: row?.zaloOaId ?? null,
      effective: { emailFrom: eff.emailFrom!, replyTo: eff.replyTo ?? null, smsBrandname: eff.smsBrandname!, zaloOaId: eff.zaloOaId ?? null },
    };
  };

  app.get(
    '/api/admin/notify/senders/:id',
    {
      config: { policy: ADMIN, errors: [notifyErrors.outOfScope, notifyErrors.agencyNotFound] },
      schema: { operationId: 'getNotificationSender', tags, summary: 'An agency’s sender identity (e-mail From and Reply-To, SMS brandname, Zalo official account)', description: 'Unset fields fall back to the installation’s defaults (shown in `effective`).', params: IdParams, response: { 200: SenderSchema } },
    },
    async (req) => {
      await mayAdminister(principalOf(req), req.params.id);
      return senderView(req.params.id);
    },
  );

  app.put(
    '/api/admin/notify/senders/:id',
    {
      config: { policy: ADMIN, errors: [notifyErrors.outOfScope, notifyErrors.agencyNotFound, notifyErrors.badEmail], idempotency: 'key' as const },
      schema: {
        operationId: 'updateNotificationSender',
        tags,
        summary: 'Set an agency’s sender identity',
        description: 'The brandname must be one registered for the agency with the carriers (Decree 91/2020). Audited. Accepts an Idempotency-Key.',
        params: IdParams,
        body: SenderInputSchema,
        response: { 200: SenderSchema },
      },
    },
    async (req, reply) => {
      const agencyId = req.params.id;
      await mayAdminister(principalOf(req), agencyId);
      if (!(await d.ports.agencies.get(agencyId))) throw notifyErrors.agencyNotFound();
      const b = req.body as SenderInput;
      for (const f of ['emailFromAddress', 'replyTo'] as const) {
        if (b[f] && !normalizeEmail(b[f]!)) throw notifyErrors.badEmail(undefined, { fields: [{ field: f, code: 'format', message: { vi: 'Địa chỉ thư điện tử không hợp lệ.', en: 'Invalid e-mail address.' } }] });
      }
      await runIdempotent(db, req, reply, b, now(), async (tx) => {
        const values = { emailFromName: b.emailFromName?.trim() || null, emailFromAddress: b.emailFromAddress ? normalizeEmail(b.emailFromAddress) : null, replyTo: b.replyTo ? normalizeEmail(b.replyTo) : null, smsBrandname: b.smsBrandname?.trim() || null, zaloOaId: b.zaloOaId?.trim() || null, updatedAt: now() };
        await tx.insert(notifySenders).values({ agencyId, ...values }).onConflictDoUpdate({ target: notifySenders.agencyId, set: values });
        await appendAudit(tx, { ...actorOf(req), agencyId }, { action: 'notify.sender_updated', targetType: 'agency', targetId: agencyId, after: values }, now());
        return { status: 200, body: null };
      });
      d.senders.invalidate();
      reply.status(200);
      return senderView(agencyId);
    },
  );

  app.get(
    '/api/admin/notify/status',
    {
      config: { policy: ADMIN, errors: [] },
      schema: { operationId: 'getNotificationStatus', tags, summary: 'Channels configured, the simulated carriers’ page (demo) and the queue by state', description: 'For the administration page.', response: { 200: ChannelStatusSchema } },
    },
    async () => ({ channels: { ...available(), inapp: true as const }, simulatorUrl: d.simulatorUrl(), queue: await d.service.queue() }),
  );
}
