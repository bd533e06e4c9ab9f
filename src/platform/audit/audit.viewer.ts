/**
 * The audit viewer (nhật ký kiểm tra): platform administrators, agency administrators and inspectors (thanh tra)
 * search the audit log by who, what, target, time and agency, check its hash chain, and export what they found for an
 * inspection. Platform administrators see every record; the others those of the agencies their grants reach (with
 * sub-agencies when the grant says so) — a record with no agency only platform administrators. Every search, export
 * and verification is itself audited (`audit.viewed`, `audit.exported`, `audit.verified`), with what was asked but
 * never a name typed into the search.
 */
import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client';
import type { Actor } from '../auth/actor';
import type { Principal } from '../auth/policy';
import type { Role } from '../../shared/auth/roles';
import { AUDIT_EXPORT_MAX, type AuditExportQuery, type AuditQuery, type AuditRecord, type AuditVerify } from '../../shared/api/audit';
import { auditLog } from './audit.schema';
import { appendAudit, auditEntryFields, verifyAudit } from './audit.service';
import { auditErrors as E } from './audit.errors';

/** Roles that may read the audit log of an agency. */
export const AUDIT_READER_ROLES: readonly Role[] = ['agency_admin', 'inspector'];

/** What the viewer needs from the modules that own agencies, accounts and the transparency log (wired in main.ts). */
export interface AuditViewerPorts {
  agencies: { agenciesFor(principal: Principal, roles: readonly Role[]): Promise<Set<string>> };
  people: {
    displayNamesOf(ids: readonly string[]): Promise<Map<string, string>>;
    /** Accounts whose username is the text or whose display name contains it. */
    accountIdsMatching(text: string): Promise<string[]>;
  };
  /** The transparency log's own check (tree against its stored head and signed checkpoints), when wired. */
  logStatus?: () => Promise<NonNullable<AuditVerify['log']>>;
}

type AuditRow = typeof auditLog.$inferSelect;
type Filters = Omit<AuditQuery, 'limit' | 'cursor'>;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The agencies whose records the caller sees; null = every record (platform administrator). */
type Scope = { all: true } | { all: false; agencies: Set<string> };

export class AuditViewer {
  constructor(
    private readonly db: Db,
    private readonly ports: AuditViewerPorts,
    private readonly now: () => Date,
  ) {}

  async scopeOf(principal: Principal): Promise<Scope> {
    if (principal.grants.some((g) => g.role === 'platform_admin')) return { all: true };
    return { all: false, agencies: await this.ports.agencies.agenciesFor(principal, AUDIT_READER_ROLES) };
  }

  /** The WHERE clause of a search within the caller's scope; null when nothing can match. */
  private async where(scope: Scope, f: Filters): Promise<SQL[] | null> {
    const conds: SQL[] = [];
    if (f.from && f.to && new Date(f.from).getTime() >= new Date(f.to).getTime()) throw E.badRange();
    if (f.agencyId) {
      if (!scope.all && !scope.agencies.has(f.agencyId)) throw E.agencyNotAllowed();
      conds.push(eq(auditLog.agencyId, f.agencyId));
    } else if (!scope.all) {
      if (!scope.agencies.size) return null;
      conds.push(inArray(auditLog.agencyId, [...scope.agencies]));
    }
    if (f.actor) {
      const text = f.actor.trim();
      if (UUID_RE.test(text)) conds.push(eq(auditLog.actorId, text.toLowerCase()));
      else {
        const ids = await this.ports.people.accountIdsMatching(text);
        if (!ids.length) return null;
        conds.push(inArray(auditLog.actorId, ids));
      }
    }
    if (f.action) {
      if (f.action.endsWith('.')) conds.push(sql`${auditLog.action} like ${`${f.action.replace(/_/g, '\\_')}%`}`);
      else conds.push(eq(auditLog.action, f.action));
    }
    if (f.targetType) conds.push(eq(auditLog.targetType, f.targetType));
    if (f.targetId) conds.push(eq(auditLog.targetId, f.targetId));
    if (f.from) conds.push(gte(auditLog.at, new Date(f.from)));
    if (f.to) conds.push(lt(auditLog.at, new Date(f.to)));
    return conds;
  }

  /** Newest first, `limit` at a time; the cursor is the last record's (time, id). */
  private async page(where: SQL[], limit: number, cursor: { at: Date; id: string } | null, db: DbOrTx = this.db): Promise<AuditRow[]> {
    const conds = [...where];
    if (cursor) conds.push(or(lt(auditLog.at, cursor.at), and(eq(auditLog.at, cursor.at), lt(auditLog.id, cursor.id)))!);
    return db
      .select()
      .from(auditLog)
      .where(conds.length ? and(...conds) : undefined)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(limit);
  }

  private async views(rows: AuditRow[]): Promise<AuditRecord[]> {
    const names = await this.ports.people.displayNamesOf(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])));
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorKind: r.actorKind,
      actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
      actorRole: r.actorRole,
      agencyId: r.agencyId,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      requestId: r.requestId,
      entryHash: r.entryHash,
      chainSeq: r.chainSeq,
      sealed: r.chainSeq !== null,
    }));
  }

  /** Searches the log; appends the caller's `audit.viewed` record. */
  async search(principal: Principal, actor: Actor, q: AuditQuery): Promise<{ records: AuditRecord[]; nextCursor: string | null }> {
    const scope = await this.scopeOf(principal);
    const cursor = q.cursor ? decodeCursor(q.cursor) : null;
    const limit = q.limit ?? 50;
    const where = await this.where(scope, q);
    const rows = where ? await this.page(where, limit + 1, cursor) : [];
    const more = rows.length > limit;
    const shown = rows.slice(0, limit);
    await this.record(actor, 'audit.viewed', q, { page: !!cursor, count: shown.length });
    const last = shown.at(-1);
    return { records: await this.views(shown), nextCursor: more && last ? encodeCursor(last) : null };
  }

  /** Every record matching the filters (at most AUDIT_EXPORT_MAX), with their display names; audited. */
  async exportRows(principal: Principal, actor: Actor, q: AuditExportQuery): Promise<Array<{ row: AuditRow; actorName: string | null }>> {
    const scope = await this.scopeOf(principal);
    const where = await this.where(scope, q);
    const rows: AuditRow[] = [];
    if (where) {
      let cursor: { at: Date; id: string } | null = null;
      for (;;) {
        const batch = await this.page(where, 5000, cursor);
        rows.push(...batch);
        if (rows.length > AUDIT_EXPORT_MAX) throw E.tooMany();
        if (batch.length < 5000) break;
        const last = batch[batch.length - 1];
        cursor = { at: last.at, id: last.id };
      }
    }
    await this.record(actor, 'audit.exported', q, { format: q.format, count: rows.length });
    const names = await this.ports.people.displayNamesOf(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])));
    return rows.map((row) => ({ row, actorName: row.actorId ? (names.get(row.actorId) ?? null) : null }));
  }

  /** Recomputes the hash chain (and asks the transparency log for its own check, when wired); audited. */
  async verify(actor: Actor): Promise<AuditVerify> {
    const [counts] = await this.db
      .select({ sealed: sql<number>`count(${auditLog.chainSeq})::int`, unsealed: sql<number>`(count(*) - count(${auditLog.chainSeq}))::int` })
      .from(auditLog);
    const chain = await verifyAudit(this.db);
    const log = this.ports.logStatus ? await this.ports.logStatus() : null;
    await this.record(actor, 'audit.verified', {}, { chainOk: chain.ok, logOk: log?.ok ?? null });
    return {
      ok: chain.ok && (log?.ok ?? true),
      checkedAt: this.now().toISOString(),
      chain: { ok: chain.ok, sealed: Number(counts?.sealed ?? 0), unsealed: Number(counts?.unsealed ?? 0), checked: chain.checked, broken: chain.broken ?? null },
      log,
    };
  }

  /** The viewer's own record: what was asked (a name typed as "who" is not kept, only that one was given). */
  private async record(actor: Actor, action: string, f: Partial<Filters>, extra: Record<string, unknown>): Promise<void> {
    const asked = {
      actor: f.actor ? (UUID_RE.test(f.actor.trim()) ? f.actor.trim().toLowerCase() : 'name') : undefined,
      action: f.action,
      targetType: f.targetType,
      targetId: f.targetId ? (UUID_RE.test(f.targetId) ? f.targetId : 'given') : undefined,
      from: f.from,
      to: f.to,
      agencyId: f.agencyId,
    };
    await this.db.transaction(async (tx) => {
      await appendAudit(tx, actor, { action, targetType: 'audit_log', targetId: f.agencyId ?? null, agencyId: f.agencyId ?? null, after: { ...asked, ...extra } }, this.now());
    });
  }
}

function encodeCursor(r: { at: Date; id: string }): string {
  return Buffer.from(`${r.at.toISOString()}|${r.id}`, 'utf8').toString('base64url');
}

function decodeCursor(c: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(c, 'base64url').toString('utf8').split('|');
  const when = new Date(at ?? '');
  if (!id || !UUID_RE.test(id) || Number.isNaN(when.getTime())) throw E.badCursor();
  return { at: when, id };
}

// --- export formats ------------------------------------------------------------------------------------------

const CSV_HEADERS = ['Thời điểm', 'Người thực hiện', 'Mã tài khoản', 'Loại tài khoản', 'Vai trò', 'Cơ quan', 'Hành động', 'Loại đối tượng', 'Mã đối tượng', 'Mã yêu cầu', 'Số thứ tự trong chuỗi', 'Mã băm bản ghi', 'Mã băm chuỗi'];

/** A cell: quoted when needed; a leading = + - @ is defused so a spreadsheet does not run it as a formula. */
function cell(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV for a spreadsheet: UTF-8 with a byte-order mark (Excel), a Vietnamese header row, CRLF line ends. */
export function toCsv(rows: Array<{ row: AuditRow; actorName: string | null }>): string {
  const lines = [CSV_HEADERS.map(cell).join(',')];
  for (const { row: r, actorName } of rows) {
    lines.push([r.at.toISOString(), actorName, r.actorId, r.actorKind, r.actorRole, r.agencyId, r.action, r.targetType, r.targetId, r.requestId, r.chainSeq, r.entryHash, r.chainHash].map(cell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * JSON lines for re-verification: each line has the record's hashed fields (`entry`: SHA-256 of its canonical JSON,
 * keys sorted, is `entryHash`), its chain link (`chainHash` = SHA-256(`prevHash` ‖ `entryHash`)) and the actor's name.
 */
export function toJsonLines(rows: Array<{ row: AuditRow; actorName: string | null }>): string {
  return rows.map(({ row: r, actorName }) => JSON.stringify({ entry: auditEntryFields(r), entryHash: r.entryHash, chainSeq: r.chainSeq, prevHash: r.prevHash, chainHash: r.chainHash, actorName })).join('\n') + (rows.length ? '\n' : '');
}

