/**
 * Request and response schemas of the notification API (TypeBox): the server validates and documents with them,
 * the web app imports the types.
 */
import { Type, type Static } from 'typebox';

const Obj = <T extends Parameters<typeof Type.Object>[0]>(p: T, o: Record<string, unknown> = {}) => Type.Object(p, { additionalProperties: false, ...o });
const Bilingual = Obj({ vi: Type.String(), en: Type.String() });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });

export const ChannelSchema = Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('zalo'), Type.Literal('inapp')]);
export const LanguageSchema = Type.Union([Type.Literal('vi'), Type.Literal('en')]);
export const StatusSchema = Type.Union([Type.Literal('created'), Type.Literal('sending'), Type.Literal('delivered'), Type.Literal('temporary-failure'), Type.Literal('permanent-failure'), Type.Literal('technical-failure')]);

export const NotificationItemSchema = Obj({
  id: Uuid,
  kind: Type.String(),
  kindLabel: Bilingual,
  title: Type.String(),
  body: Type.String(),
  mandatory: Type.Boolean(),
  dossierId: Nullable(Uuid),
  dossierCode: Nullable(Type.String()),
  createdAt: Instant,
  readAt: Nullable(Instant),
});
export type NotificationItem = Static<typeof NotificationItemSchema>;

export const InboxPageSchema = Obj({ items: Type.Array(NotificationItemSchema), unread: Type.Integer(), nextCursor: Nullable(Type.String()) });
export type InboxPage = Static<typeof InboxPageSchema>;
export const UnreadSchema = Obj({ unread: Type.Integer() });
export type Unread = Static<typeof UnreadSchema>;
export const ReadResultSchema = Obj({ id: Nullable(Uuid), readAt: Instant, marked: Type.Integer(), unread: Type.Integer() });

export const PreferencesInputSchema = Obj({
  language: LanguageSchema,
  email: Nullable(Type.String({ maxLength: 254 })),
  phone: Nullable(Type.String({ maxLength: 30 })),
  channels: Obj({ email: Type.Boolean(), sms: Type.Boolean(), zalo: Type.Boolean() }),
});
export type PreferencesInput = Static<typeof PreferencesInputSchema>;
export const PreferencesSchema = Obj({
  language: LanguageSchema,
  email: Nullable(Type.String()),
  phone: Nullable(Type.String({ description: 'International form 84…' })),
  channels: Obj({ email: Type.Boolean(), sms: Type.Boolean(), zalo: Type.Boolean(), inapp: Type.Literal(true) }),
  emailUnsubscribed: Type.Boolean(),
  consents: Obj({ sms: Type.Boolean(), zalo: Type.Boolean() }),
  /** Channels this installation can send by. */
  available: Obj({ email: Type.Boolean(), sms: Type.Boolean(), zalo: Type.Boolean() }),
});
export type Preferences = Static<typeof PreferencesSchema>;

export const UnsubscribeResultSchema = Obj({ unsubscribed: Type.Literal(true), changed: Type.Boolean() });

export const LogEntrySchema = Obj({
  id: Uuid,
  kind: Type.String(),
  kindLabel: Bilingual,
  channel: ChannelSchema,
  channelLabel: Bilingual,
  /** Masked: `a***@g***.com`, `84******678`. */
  to: Nullable(Type.String()),
  recipient: Type.Union([Type.Literal('me'), Type.Literal('citizen'), Type.Literal('officer')]),
  subject: Nullable(Type.String()),
  status: StatusSchema,
  statusLabel: Bilingual,
  statusReason: Nullable(Type.String()),
  attempts: Type.Integer(),
  mandatory: Type.Boolean(),
  templateVersion: Type.Integer(),
  templateScope: Type.String(),
  createdAt: Instant,
  sentAt: Nullable(Instant),
  deliveredAt: Nullable(Instant),
  failedAt: Nullable(Instant),
});
export type LogEntry = Static<typeof LogEntrySchema>;
export const DossierLogSchema = Obj({ items: Type.Array(LogEntrySchema) });
export type DossierLog = Static<typeof DossierLogSchema>;

export const PlaceholderSchema = Obj({ name: Type.String(), label: Bilingual, personal: Type.Boolean() });
export const TemplateSchema = Obj({
  kind: Type.String(),
  kindLabel: Bilingual,
  audience: Type.Union([Type.Literal('citizen'), Type.Literal('officer')]),
  mandatory: Type.Boolean(),
  channel: ChannelSchema,
  language: LanguageSchema,
  version: Type.Integer(),
  scope: Type.String({ description: "'default' (built in), 'national' or an agency id" }),
  subject: Nullable(Type.String()),
  body: Type.String(),
  zaloTemplateId: Nullable(Type.String()),
  placeholders: Type.Array(PlaceholderSchema),
});
export type Template = Static<typeof TemplateSchema>;
export const TemplateListSchema = Obj({ agencyId: Nullable(Uuid), items: Type.Array(TemplateSchema) });
export const TemplateVersionSchema = Obj({ id: Uuid, version: Type.Integer(), scope: Type.String(), subject: Nullable(Type.String()), body: Type.String(), zaloTemplateId: Nullable(Type.String()), createdAt: Instant });
export type TemplateVersion = Static<typeof TemplateVersionSchema>;
export const TemplateDetailSchema = Obj({ effective: TemplateSchema, versions: Type.Array(TemplateVersionSchema) });
export type TemplateDetail = Static<typeof TemplateDetailSchema>;

export const TemplateInputSchema = Obj({
  kind: Type.String({ minLength: 1, maxLength: 60 }),
  channel: ChannelSchema,
  language: LanguageSchema,
  agencyId: Nullable(Uuid),
  subject: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  body: Type.String({ minLength: 1, maxLength: 10_000 }),
  zaloTemplateId: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
});
export type TemplateInput = Static<typeof TemplateInputSchema>;

export const PreviewSchema = Obj({
  subject: Nullable(Type.String()),
  text: Type.String(),
  html: Nullable(Type.String()),
  sms: Nullable(Obj({ text: Type.String(), encoding: Type.String(), units: Type.Integer(), segments: Type.Integer() })),
  zaloData: Nullable(Type.Record(Type.String(), Type.String())),
  problems: Type.Array(Obj({ field: Type.String(), code: Type.String(), message: Bilingual })),
});
export type Preview = Static<typeof PreviewSchema>;

export const SenderInputSchema = Obj({
  emailFromName: Nullable(Type.String({ maxLength: 120 })),
  emailFromAddress: Nullable(Type.String({ maxLength: 254 })),
  replyTo: Nullable(Type.String({ maxLength: 254 })),
  smsBrandname: Nullable(Type.String({ maxLength: 11, pattern: '^[A-Za-z0-9 ._-]{1,11}$' })),
  zaloOaId: Nullable(Type.String({ maxLength: 40 })),
});
export type SenderInput = Static<typeof SenderInputSchema>;
export const SenderSchema = Obj({
  agencyId: Uuid,
  ...SenderInputSchema.properties,
  effective: Obj({ emailFrom: Type.String(), replyTo: Nullable(Type.String()), smsBrandname: Type.String(), zaloOaId: Nullable(Type.String()) }),
});
export type Sender = Static<typeof SenderSchema>;

export const ChannelStatusSchema = Obj({
  channels: Obj({ email: Type.Boolean(), sms: Type.Boolean(), zalo: Type.Boolean(), inapp: Type.Literal(true) }),
  /** The simulated carriers' page (demo), if they run. */
  simulatorUrl: Nullable(Type.String()),
  queue: Obj({ created: Type.Integer(), sending: Type.Integer(), retrying: Type.Integer(), failed: Type.Integer(), delivered: Type.Integer() }),
});
export type ChannelStatus = Static<typeof ChannelStatusSchema>;

/** Carriers' report bodies: extra members are accepted (carriers add fields without notice). */
export const SmsReportSchema = Type.Object({ id: Type.String({ maxLength: 100 }), reference: Uuid, status: Type.Union([Type.Literal('delivered'), Type.Literal('undelivered')]), error: Type.Optional(Type.String({ maxLength: 100 })), at: Type.Optional(Type.String()) }, { additionalProperties: true });
export const ZaloReportSchema = Type.Object(
  { app_id: Type.String({ maxLength: 100 }), event_name: Type.String({ maxLength: 60 }), timestamp: Type.String({ maxLength: 20 }), message: Type.Object({ msg_id: Type.String({ maxLength: 100 }), tracking_id: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: true }) },
  { additionalProperties: true },
);
export const ReportResultSchema = Obj({ result: Type.Union([Type.Literal('updated'), Type.Literal('unchanged'), Type.Literal('ignored')]) });
