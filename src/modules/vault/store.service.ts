import { and, desc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../platform/db/client';
import { platformActor, type Actor } from '../../platform/auth/actor';
import { agencies } from '../geography/geography.schema';
import type { Principal } from '../../platform/auth/policy';
import { appendAudit } from '../../platform/audit/audit.service';
import { AppError } from '../../platform/http/errors';
import { normalizeVi } from '../../shared/text/fold';
import type { ProcedureVersion } from '../catalog/catalog.types';
import { MAX_ATTACHMENT_BYTES, sha256Hex, sniffType, type BlobStore, type DossierRow, type VirusScanner } from '../dossier';
import { storeItems, type StoreSource } from './vault.schema';

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

const t = (vi: string, en: string) => ({ vi, en });
export const storeErrors = {
  notFound: () => new AppError(404, 'store.not_found', t('Không tìm thấy giấy tờ trong kho', 'Store item not found')),
  notDeletable: () =>
    new AppError(
      409,
      'store.not_deletable',
      t('Không được xóa giấy tờ này', 'This item cannot be deleted'),
      t('Kết quả giải quyết thủ tục do cơ quan nhà nước cấp và dữ liệu từ cơ sở dữ liệu quốc gia được lưu giữ trong kho; công dân không tự xóa được.', 'Results issued by an agency and data from a national database are kept in the store; the owner cannot delete them.'),
    ),
  empty: () => new AppError(400, 'store.file_missing', t('Thiếu tệp', 'File missing'), t('Gửi trường documentType rồi đến tệp.', 'Send the documentType field, then the file.')),
  tooLarge: () => new AppError(413, 'store.file_too_large', t('Tệp quá lớn', 'File too large'), t(`Tối đa ${MAX_ATTACHMENT_BYTES / 1048576} MB.`, `At most ${MAX_ATTACHMENT_BYTES / 1048576} MB.`)),
  badType: () => new AppError(415, 'store.file_type', t('Loại tệp không được chấp nhận', 'File type not accepted'), t('Chỉ nhận PDF, JPEG, PNG.', 'Only PDF, JPEG and PNG are accepted.')),
  infected: () => new AppError(422, 'store.file_infected', t('Tệp nhiễm mã độc', 'File infected'), t('Tệp không được lưu.', 'The file was not stored.')),
};

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
});

const ownerWhere = (owners: StoreOwner[]): SQL => or(...owners.map((o) => and(eq(storeItems.ownerType, o.type), eq(storeItems.ownerId, o.id))))!;
const dayOf = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/** A minimal one-page PDF standing for an electronic result (the signed original lives with the issuing agency). */
function resultPdf(lines: string[]): Buffer {
  const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, '\\$&');
  const text = lines.map((l, i) => `BT /F1 12 Tf 50 ${780 - i * 20} Td (${ascii(l)}) Tj ET`).join('\n');
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>', `<< /Length ${text.length} >>\nstream\n${text}\nendstream`, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** The personal data store (kho dữ liệu) of citizens and organisations. */
export class DataStore {
  constructor(
    private readonly db: Db,
    private readonly blobs: BlobStore,
    private readonly scanner: VirusScanner,
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
  async get(owners: StoreOwner[], id: string): Promise<StoreRow> {
    const [row] = await this.db
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
  ): Promise<StoreRow> {
    if (!input.bytes.length) throw storeErrors.empty();
    if (input.bytes.length > MAX_ATTACHMENT_BYTES) throw storeErrors.tooLarge();
    const scan = await this.scanner.scan(input.bytes);
    if (!scan.clean) throw storeErrors.infected();
    const type = sniffType(input.bytes);
    if (!type) throw storeErrors.badType();
    const digest = sha256Hex(input.bytes);
    await this.blobs.put(digest, input.bytes);
    const fileName = [...normalizeVi(input.fileName)].map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20 ? '_' : ch)).join('').slice(0, 200) || 'file';
    return this.db.transaction(async (tx) => {
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
    });
  }

  /** Deletes an uploaded item; results and registry data stay (409). */
  async remove(owners: StoreOwner[], id: string, actor: Actor, now: Date): Promise<void> {
    const row = await this.get(owners, id);
    if (row.source !== 'uploaded') throw storeErrors.notDeletable();
    await this.db.transaction(async (tx) => {
      await tx.update(storeItems).set({ deletedAt: now }).where(eq(storeItems.id, id));
      await appendAudit(tx, actor, { action: 'store.item_deleted', targetType: 'store_item', targetId: id, before: { documentType: row.documentType, sha256: row.sha256 } }, now);
    });
  }

  /** Hook of DossierService: an electronic result, added to the subject's store in the issuing transaction. */
  async addResult(tx: Tx, row: DossierRow, version: ProcedureVersion, now: Date): Promise<void> {
    const [existing] = await tx.select({ id: storeItems.id }).from(storeItems).where(and(eq(storeItems.dossierId, row.id), eq(storeItems.source, 'result')));
    if (existing) return;
    // Read in the transaction (PGlite has one connection, held by it).
    const [agency] = await tx.select({ name: agencies.name }).from(agencies).where(eq(agencies.id, row.agencyId));
    const issuer = agency?.name ?? row.agencyCode;
    const bytes = resultPdf([version.result.name.vi, `Ho so ${row.code ?? row.id}`, `Co quan cap: ${issuer}`, `Ngay cap: ${dayOf(now)}`, `Nguoi duoc cap: ${row.subjectName} (${row.subjectId})`]);
    const digest = sha256Hex(bytes);
    await this.blobs.put(digest, bytes);
    const months = version.result.validityMonths;
    let validUntil: string | null = null;
    if (months) {
      const d = new Date(now.getTime() + 7 * 3600_000);
      d.setUTCMonth(d.getUTCMonth() + months);
      validUntil = d.toISOString().slice(0, 10);
    }
    const [item] = await tx
      .insert(storeItems)
      .values({
        ownerType: row.subjectType === 'business' ? 'business' : 'person',
        ownerId: row.subjectId,
        documentType: version.result.documentType,
        title: version.result.name.vi,
        issuer,
        issuerAgencyId: row.agencyId,
        validFrom: dayOf(now),
        validUntil,
        source: 'result',
        dossierId: row.id,
        fileName: `${version.result.documentType}-${row.code ?? row.id}.pdf`,
        contentType: 'application/pdf',
        sizeBytes: bytes.length,
        sha256: digest,
        blobKey: digest,
        createdByAccountId: null,
        createdAt: now,
      })
      .returning();
    await appendAudit(tx, platformActor('dossier.result_issued'), { action: 'store.result_added', targetType: 'store_item', targetId: item.id, after: { dossierId: row.id, documentType: item.documentType, sha256: digest } }, now);
  }

  /** Metadata of every item of a person (for a data-subject copy). */
  async metadataOf(db: DbOrTx, owner: StoreOwner) {
    const rows = await db.select().from(storeItems).where(and(eq(storeItems.ownerType, owner.type), eq(storeItems.ownerId, owner.id)));
    return rows.map((r) => ({ ...storeItemView(r), deletedAt: r.deletedAt?.toISOString() ?? null }));
  }
}
