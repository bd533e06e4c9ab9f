import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../platform/db/client';
import { platformActor, type Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import { appendAudit } from '../../platform/audit/audit.service';
import { normalizeVi } from '../../shared/text/fold';
import { MAX_FILE_BYTES, sniffFileType } from '../../shared/files/file-types';
import type { AgencyDirectory } from '../geography';
import { storeItems, type StoreSource } from './vault.schema';
import { storeErrors } from './vault.errors';
import type { Blobs, IssuedResult, ResultStatusChange, Scanner } from './vault.ports';

const sha256Hex = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export type StoreRow = typeof storeItems.$inferSelect;
export interface StoreOwner {
  type: 'person' | 'business';
  id: string;
}

/**
 * Which data-store document types can stand for a procedure's required document (by document id). A document id
 * not listed matches store items of the same type name.
 */
export const DOCUMENT_STORE_TYPES: Record<string, readonly string[]> = {
  'marriage-certificate': ['marriage-certificate'],
  'birth-certificate': ['birth-notice'],
  'marital-status': ['marital-status-certificate'],
  divorce: ['divorce-decision'],
  death: ['death-extract', 'death-notice'],
  'death-extract': ['death-extract'],
  'death-notice': ['death-notice'],
  'land-papers': ['land-use-right-certificate'],
  permit: ['construction-permit'],
  disability: ['disability-certificate'],
  'poor-household': ['poor-household-certificate'],
  kinship: ['birth-certificate', 'civil-status-extract-copy'],
  relationship: ['birth-certificate', 'marriage-certificate'],
  'old-certificate': ['birth-certificate'],
};
export const storeTypesFor = (documentId: string): readonly string[] => DOCUMENT_STORE_TYPES[documentId] ?? [documentId];

export interface StoreItemView {
  id: string;
  documentType: string;
  title: string;
  issuer: string | null;
  validFrom: string | null;
  validUntil: string | null;
  /** uploaded (by the owner), result (issued by an agency), registry (from a national database). */
  source: StoreSource;
  dossierId: string | null;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
  /** Only uploaded items can be deleted by their owner. */
  deletable: boolean;
  /** For an issued result: its status in the issuing agency's register. */
  resultStatus: 'valid' | 'revoked' | 'replaced' | null;
  /** For a replaced result: the verification code of its replacement. */
  resultReplacedBy: string | null;
}

export const storeItemView = (r: StoreRow): StoreItemView => ({
  id: r.id,
  documentType: r.documentType,
  title: r.title,
  issuer: r.issuer,
  validFrom: r.validFrom,
  validUntil: r.validUntil,
  source: r.source,
  dossierId: r.dossierId,
  fileName: r.fileName,
  contentType: r.contentType,
  sizeBytes: r.sizeBytes,
  sha256: r.sha256,
  createdAt: r.createdAt.toISOString(),
  deletable: r.source === 'uploaded',
  resultStatus: r.resultStatus,
  resultReplacedBy: r.resultReplacedBy,
});

const ownerWhere = (owners: StoreOwner[]): SQL => or(...owners.map((o) => and(eq(storeItems.ownerType, o.type), eq(storeItems.ownerId, o.id))))!;
const dayOf = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/** The personal data store (kho dữ liệu) of citizens and organisations. */
export class DataStore {
  constructor(
    private readonly db: Db,
    private readonly blobs: Blobs,
    private readonly scanner: Scanner,
    private readonly directory: AgencyDirectory,
  ) {}

  async list(owners: StoreOwner[], documentTypes?: readonly string[]): Promise<StoreRow[]> {
    const where = [ownerWhere(owners), isNull(storeItems.deletedAt)];
    if (documentTypes?.length) where.push(inArray(storeItems.documentType, [...documentTypes]));
    return this.db
      .select()
      .from(storeItems)
      .where(and(...where))
      .orderBy(desc(storeItems.createdAt), desc(storeItems.id));
  }

  /** One of the owners' items (404 for anyone else's: not even its existence is disclosed). */
  async get(owners: StoreOwner[], id: string, db: DbOrTx = this.db): Promise<StoreRow> {
    const [row] = await db
      .select()
      .from(storeItems)
      .where(and(eq(storeItems.id, id), ownerWhere(owners), isNull(storeItems.deletedAt)));
    if (!row) throw storeErrors.notFound();
    return row;
  }

  async bytes(row: StoreRow): Promise<Buffer> {
    const b = await this.blobs.get(row.blobKey);
    if (!b) throw storeErrors.notFound();
    return b;
  }

  /** Adds a file the owner uploads (checked like a dossier attachment: size, malware, real type). */
  async upload(
    owner: StoreOwner,
    principal: Principal,
    actor: Actor,
    now: Date,
    input: { documentType: string; title?: string; issuer?: string; validFrom?: string; validUntil?: string; fileName: string; bytes: Buffer; dossierId?: string | null },
    outer?: Tx,
  ): Promise<StoreRow> {
    if (!input.bytes.length) throw storeErrors.empty();
    if (input.bytes.length > MAX_FILE_BYTES) throw storeErrors.tooLarge();
    const scan = await this.scanner.scan(input.bytes);
    if (!scan.clean) throw storeErrors.infected();
    const type = sniffFileType(input.bytes);
    if (!type) throw storeErrors.badType();
    const digest = sha256Hex(input.bytes);
    await this.blobs.put(digest, input.bytes);
    const fileName = [...normalizeVi(input.fileName)].map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20 ? '_' : ch)).join('').slice(0, 200) || 'file';
    const write = async (tx: Tx) => {
      const [row] = await tx
        .insert(storeItems)
        .values({
          ownerType: owner.type,
          ownerId: owner.id,
          documentType: input.documentType,
          title: input.title ?? input.documentType,
          issuer: input.issuer ?? null,
          validFrom: input.validFrom ?? null,
          validUntil: input.validUntil ?? null,
          source: 'uploaded',
          dossierId: input.dossierId ?? null,
          fileName,
          contentType: type,
          sizeBytes: input.bytes.length,
          sha256: digest,
          blobKey: digest,
          createdByAccountId: principal.accountId,
          createdAt: now,
        })
        .returning();
      await appendAudit(tx, actor, { action: 'store.item_added', targetType: 'store_item', targetId: row.id, after: { ownerType: owner.type, documentType: row.documentType, source: 'uploaded', sha256: digest } }, now);
      return row;
    };
    return outer ? write(outer) : this.db.transaction(write);
  }

  /** Deletes an uploaded item; results and registry data stay (409). */
  /** Deletes an uploaded item; in `outer` when given (a route's idempotent transaction). */
  async remove(owners: StoreOwner[], id: string, actor: Actor, now: Date, outer?: Tx): Promise<void> {
    const run = async (tx: Tx) => {
      const row = await this.get(owners, id, tx);
      if (row.source !== 'uploaded') throw storeErrors.notDeletable();
      await tx.update(storeItems).set({ deletedAt: now }).where(eq(storeItems.id, id));
      await appendAudit(tx, actor, { action: 'store.item_deleted', targetType: 'store_item', targetId: id, before: { documentType: row.documentType, sha256: row.sha256 } }, now);
    };
    await (outer ? run(outer) : this.db.transaction(run));
  }

  /** An electronic result issued on a dossier, added to its subject's store in the issuing transaction. */
  async addResult(tx: Tx, issued: IssuedResult, now: Date): Promise<void> {
    const [existing] = await tx.select({ id: storeItems.id }).from(storeItems).where(and(eq(storeItems.dossierId, issued.dossierId), eq(storeItems.source, 'result'), eq(storeItems.sha256, issued.file.sha256)));
    if (existing) return;
    // Through the transaction (or the directory's cache): PGlite has one connection, held by this transaction.
    const issuer = (await this.directory.get(issued.agencyId, tx))?.name ?? issued.agencyCode;
    const { subject, result, file } = issued;
    // The signed file is stored byte for byte (the result module signed it in this transaction).
    const bytes = file.bytes;
    const digest = sha256Hex(bytes);
    if (digest !== file.sha256) throw new TypeError('result file does not match its hash');
    await this.blobs.put(digest, bytes);
    const months = result.validityMonths;
    let validUntil: string | null = null;
    if (months) {
      const d = new Date(now.getTime() + 7 * 3600_000);
      d.setUTCMonth(d.getUTCMonth() + months);
      validUntil = d.toISOString().slice(0, 10);
    }
    const [item] = await tx
      .insert(storeItems)
      .values({
        ownerType: subject.type === 'business' ? 'business' : 'person',
        ownerId: subject.id,
        documentType: result.documentType,
        title: result.name.vi,
        issuer,
        issuerAgencyId: issued.agencyId,
        validFrom: dayOf(now),
        validUntil,
        source: 'result',
        dossierId: issued.dossierId,
        fileName: file.fileName,
        contentType: 'application/pdf',
        sizeBytes: bytes.length,
        sha256: digest,
        blobKey: digest,
        createdByAccountId: null,
        createdAt: now,
        resultStatus: 'valid',
      })
      .returning();
    await appendAudit(tx, platformActor('dossier.result_issued'), { action: 'store.result_added', targetType: 'store_item', targetId: item.id, after: { dossierId: issued.dossierId, documentType: item.documentType, sha256: digest } }, now);
  }

  /**
   * The issuing agency revoked or replaced a result: its store item shows the new status (in the result module's
   * transaction). The file itself is kept as issued (the owner still holds what she was given).
   */
  async setResultStatus(tx: Tx, change: ResultStatusChange, now: Date): Promise<void> {
    const rows = await tx
      .update(storeItems)
      .set({ resultStatus: change.status, resultReplacedBy: change.replacedBy })
      .where(and(eq(storeItems.dossierId, change.dossierId), eq(storeItems.source, 'result'), eq(storeItems.sha256, change.sha256)))
      .returning({ id: storeItems.id });
    for (const { id } of rows) {
      await appendAudit(tx, platformActor('result.status_changed'), { action: 'store.result_status_changed', targetType: 'store_item', targetId: id, after: { dossierId: change.dossierId, status: change.status, replacedBy: change.replacedBy } }, now);
    }
  }

  /** Metadata of every item of a person (for a data-subject copy). */
  async metadataOf(db: DbOrTx, owner: StoreOwner) {
    const rows = await db.select().from(storeItems).where(and(eq(storeItems.ownerType, owner.type), eq(storeItems.ownerId, owner.id)));
    return rows.map((r) => ({ ...storeItemView(r), deletedAt: r.deletedAt?.toISOString() ?? null }));
  }
}
