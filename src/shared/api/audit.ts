/**
 * The audit viewer's API schemas (nhật ký kiểm tra), shared with the web: the search of the audit log by who, what,
 * target, time and agency, the verification of its hash chain, and the export for an inspection.
 */
import { Type, type Static } from 'typebox';
import { DateTime, Nullable, Obj, OneOf, Uuid } from './schema';

export const AUDIT_PAGE_MAX = 200;
export const AUDIT_EXPORT_MAX = 50_000;
export const AUDIT_EXPORT_FORMATS = ['csv', 'json'] as const;

const filters = {
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'An account id, or (part of) a username or display name' })),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9_.]+$', description: 'An action (`dossier.submit`), or a prefix ending in a dot (`dossier.`)' })),
  targetType: Type.Optional(Type.String({ minLength: 1, maxLength: 60, pattern: '^[a-z0-9_.]+$' })),
  targetId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  from: Type.Optional(DateTime),
  to: Type.Optional(DateTime),
  agencyId: Type.Optional(Uuid),
};

export const AuditQuerySchema = Obj({
  ...filters,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIT_PAGE_MAX, description: `At most ${AUDIT_PAGE_MAX} (default 50)` })),
  cursor: Type.Optional(Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9_-]+$', description: 'The `nextCursor` of the previous page' })),
});
export type AuditQuery = Static<typeof AuditQuerySchema>;

export const AuditExportQuerySchema = Obj({ ...filters, format: OneOf(AUDIT_EXPORT_FORMATS) });
export type AuditExportQuery = Static<typeof AuditExportQuerySchema>;

export const AuditRecordSchema = Obj({
  id: Uuid,
  at: DateTime,
  actorId: Nullable(Type.String()),
  actorKind: Type.String(),
  actorName: Nullable(Type.String({ description: 'The display name of the actor’s account' })),
  actorRole: Nullable(Type.String()),
  agencyId: Nullable(Type.String()),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
  entryHash: Type.String({ description: 'SHA-256 of the record’s canonical content' }),
  chainSeq: Nullable(Type.Integer({ description: 'Its place in the hash chain; null until sealed' })),
  sealed: Type.Boolean(),
});
export type AuditRecord = Static<typeof AuditRecordSchema>;

export const AuditPageSchema = Obj({
  records: Type.Array(AuditRecordSchema),
  nextCursor: Nullable(Type.String({ description: 'Pass as `cursor` for the next (older) page; null on the last' })),
});
export type AuditPage = Static<typeof AuditPageSchema>;

export const AUDIT_BREAK_REASONS = ['content_changed', 'link_broken', 'sequence_gap'] as const;

export const AuditVerifySchema = Obj({
  ok: Type.Boolean({ description: 'The chain and the log (when checked) are intact' }),
  checkedAt: DateTime,
  chain: Obj({
    ok: Type.Boolean(),
    sealed: Type.Integer({ description: 'Records linked into the chain' }),
    unsealed: Type.Integer({ description: 'Records not yet linked (checked against their own hash)' }),
    checked: Type.Integer({ description: 'Records whose hashes were recomputed before the first break' }),
    broken: Nullable(Obj({ chainSeq: Nullable(Type.Integer()), id: Uuid, reason: OneOf(AUDIT_BREAK_REASONS) })),
  }),
  log: Nullable(
    Obj(
      {
        ok: Type.Boolean(),
        size: Type.Integer({ description: 'Entries in the transparency log' }),
        checkpoints: Type.Integer(),
        pending: Type.Integer({ description: 'Records waiting to enter the log' }),
        problems: Type.Array(Obj({ code: Type.String(), detail: Type.String() })),
      },
      { description: 'The transparency log: its tree recomputed from its entries against the stored head and signed checkpoints' },
    ),
  ),
});
export type AuditVerify = Static<typeof AuditVerifySchema>;
