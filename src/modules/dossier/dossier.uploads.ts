/**
 * Files of a dossier (thành phần hồ sơ): uploaded while a draft or while the applicant supplements, or taken from
 * the owner's data store; checked before they are kept (size, malware, real type from the first bytes, SHA-256).
 */
import type { DbOrTx, Tx } from '../../platform/db/client';
import type { Actor } from '../../platform/auth/actor';
import type { Principal } from '../../platform/auth/policy';
import type { AppError } from '../../platform/http/errors';
import { appendAudit } from '../../platform/audit/audit.service';
import { normalizeVi } from '../../shared/text/fold';
import type { AttachmentView, RemovedAttachment } from '../../shared/api/dossier';
import type { DossierContext } from './dossier.deps';
import { attachmentOf, type DossierRow } from './dossier.repo';
import { MAX_ATTACHMENT_BYTES, sha256Hex, sniffType, type ScanResult } from './dossier.attachments';
import { dossierErrors, tooLargeDetail } from './dossier.errors';
import { candidateRoles, editableAccess, loadReadable, readableAccess } from './dossier.access';
import { addAttachment, appendAction, lockDossier, removeAttachmentRow, requireState, EDITABLE_STATES } from './dossier.journal';
import { factsFor } from './dossier.views';
import { attachmentView } from './dossier.views';

export interface UploadInput {
  documentId: string;
  fileName: string;
  bytes: Buffer;
}

/** May the caller change this dossier's files? Its applicant (or the counter desk), or while supplementing the applicant. */
async function fileAccess(ctx: DossierContext, db: DbOrTx, principal: Principal, row: DossierRow) {
  try {
    return await editableAccess(ctx, db, principal, row);
  } catch (e) {
    // While supplementing, the applicant of a counter filing may also add files.
    const access = await readableAccess(ctx, db, principal, row);
    if (!(access.applicant && row.state === 'supplement_requested')) throw e;
    return access;
  }
}

/** May the caller add files to this dossier now, for this document? Read in the caller's transaction. */
async function checkTarget(ctx: DossierContext, db: DbOrTx, principal: Principal, row: DossierRow, documentId: string): Promise<void> {
  await fileAccess(ctx, db, principal, row);
  requireState(row, EDITABLE_STATES.files);
  const version = await ctx.catalog.getVersion(row.procedureVersionId, db);
  if (!version.documents.some((d) => d.id === documentId)) throw dossierErrors.unknownDocument();
}

function checkSize(bytes: Buffer): void {
  if (bytes.length === 0) throw dossierErrors.attachmentMissing();
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw dossierErrors.attachmentTooLarge(tooLargeDetail(MAX_ATTACHMENT_BYTES));
}

/** The malware scan, before anything is read or written (no database: a scan may take a while). */
export function scanUpload(ctx: DossierContext, bytes: Buffer): Promise<ScanResult> {
  return ctx.scanner.scan(bytes);
}

/**
 * An infected file is refused, and the attempt is audited in a transaction of its own (the refusal rolls back the
 * upload's). Returns the error to answer; the caller's right to upload here is checked first, as for any upload.
 */
export async function refuseInfected(ctx: DossierContext, principal: Principal, actor: Actor, id: string, input: UploadInput, signature: string): Promise<AppError> {
  await ctx.db.transaction(async (tx) => {
    const row = await lockDossier(tx, id);
    await checkTarget(ctx, tx, principal, row, input.documentId);
    checkSize(input.bytes);
    await appendAudit(tx, actor, { action: 'dossier.attachment_infected', targetType: 'dossier', targetId: id, after: { signature, documentId: input.documentId } }, ctx.now());
  });
  return dossierErrors.attachmentInfected();
}

const safeFileName = (name: string) =>
  [...normalizeVi(name)]
    .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 0x20 ? '_' : ch))
    .join('')
    .slice(0, 200) || 'file';

/** Attaches a scanned, clean file to a required document. */
export async function upload(ctx: DossierContext, tx: Tx, principal: Principal, actor: Actor, id: string, input: UploadInput): Promise<AttachmentView> {
  const locked = await lockDossier(tx, id);
  await checkTarget(ctx, tx, principal, locked, input.documentId);
  checkSize(input.bytes);
  const type = sniffType(input.bytes);
  if (!type) throw dossierErrors.attachmentType();
  const digest = sha256Hex(input.bytes);
  // Content-addressed: storing before the commit is harmless if the transaction then fails.
  await ctx.blobs.put(digest, input.bytes);
  const now = ctx.now();
  const a = await addAttachment(
    tx,
    locked,
    { documentId: input.documentId, fileName: safeFileName(input.fileName), contentType: type, sizeBytes: input.bytes.length, sha256: digest, blobKey: digest, uploadedByAccountId: principal.accountId, uploadedAt: now },
    { actor, now },
  );
  return attachmentView(a);
}

/** A data-store item, already checked to be the caller's (by the vault module). */
export interface StoreItemRef {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  blobKey: string;
}

/**
 * Attaches a data-store item to a required document that may come from the store: no new upload, the same blob,
 * flagged `source: 'store'` with the item id.
 */
export async function attachFromStore(ctx: DossierContext, tx: Tx, principal: Principal, actor: Actor, id: string, input: { documentId: string; item: StoreItemRef }): Promise<AttachmentView> {
  const locked = await lockDossier(tx, id);
  await editableAccess(ctx, tx, principal, locked);
  requireState(locked, EDITABLE_STATES.files);
  const version = await ctx.catalog.getVersion(locked.procedureVersionId, tx);
  const doc = version.documents.find((d) => d.id === input.documentId);
  if (!doc) throw dossierErrors.unknownDocument();
  if (!doc.fromDataStore) throw dossierErrors.documentNotFromStore();
  const { item } = input;
  const now = ctx.now();
  const a = await addAttachment(
    tx,
    locked,
    { documentId: input.documentId, fileName: item.fileName, contentType: item.contentType, sizeBytes: item.sizeBytes, sha256: item.sha256, blobKey: item.blobKey, uploadedByAccountId: principal.accountId, uploadedAt: now, source: 'store', storeItemId: item.id },
    { actor, now, after: { source: 'store', storeItemId: item.id } },
  );
  return attachmentView(a);
}

/**
 * Removes a file attached by mistake (gỡ tệp): while a draft, any file; while supplementing, only a file added since
 * the supplement was requested (what the desk received stays on the record and on form 01). In a supplement the
 * removal is also written to the dossier's history (a comment action); always audited, with an outbox event.
 */
export async function removeAttachment(ctx: DossierContext, tx: Tx, principal: Principal, actor: Actor, id: string, attachmentId: string, idempotencyKey: string | null = null): Promise<RemovedAttachment> {
  const locked = await lockDossier(tx, id);
  const access = await fileAccess(ctx, tx, principal, locked);
  if (!(EDITABLE_STATES.files as readonly string[]).includes(locked.state)) throw dossierErrors.attachmentNotRemovable();
  const a = await attachmentOf(tx, id, attachmentId);
  if (!a) throw dossierErrors.attachmentNotFound();
  const now = ctx.now();
  if (locked.state === 'supplement_requested') {
    const since = locked.projection.timestamps.supplementRequestedAt;
    if (!since || a.uploadedAt.getTime() < new Date(since).getTime()) throw dossierErrors.attachmentReceived();
  }
  const removed = await removeAttachmentRow(tx, locked, a, { actor, now });
  if (locked.state === 'supplement_requested') {
    const version = await ctx.catalog.getVersion(locked.procedureVersionId, tx);
    const doc = version.documents.find((d) => d.id === a.documentId);
    const text = `Gỡ tệp đính kèm “${a.fileName}”${doc ? ` (${doc.name.vi})` : ''}`;
    await appendAction(tx, locked, {
      actor,
      principal,
      candidates: candidateRoles(principal, access, 'comment', false),
      action: { type: 'comment', text },
      facts: factsFor(locked, principal, now),
      agencyId: locked.agencyId,
      now,
      comment: text,
      idempotencyKey,
    });
  }
  return { id: removed.id, dossierId: id, documentId: removed.documentId, fileName: removed.fileName, removedAt: now.toISOString() };
}

/**
 * An attachment's bytes, for whoever may read the dossier. An officer's read is logged against the dossier's subject
 * (who, agency, purpose = the dossier code) before the bytes are handed out: a document carrying personal data read
 * by the administration appears in the subject's data tracker.
 */
export async function download(ctx: DossierContext, db: DbOrTx, principal: Principal, id: string, attachmentId: string, requestId: string | null = null): Promise<{ meta: AttachmentView; bytes: Buffer }> {
  const { row, access } = await loadReadable(ctx, db, principal, id);
  const a = await attachmentOf(db, id, attachmentId);
  if (!a) throw dossierErrors.notFound();
  const bytes = await ctx.blobs.get(a.blobKey);
  if (!bytes) throw dossierErrors.notFound();
  if (principal.kind === 'officer' && ctx.hooks.attachmentRead) {
    await ctx.hooks.attachmentRead(db, {
      at: ctx.now(),
      subject: { type: row.subjectType, id: row.subjectId },
      accountId: principal.accountId,
      accountKind: principal.kind,
      agencyId: access.roles.length ? row.agencyId : access.consultRoles.length ? row.consultAgencyId : null,
      dossierId: row.id,
      dossierCode: row.code ?? row.id,
      documentId: a.documentId,
      requestId,
    });
  }
  return { meta: attachmentView(a), bytes };
}
