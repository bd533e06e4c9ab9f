/**
 * Issuing signed electronic results: in the transaction of the dossier's issue-result action, render the result
 * from its template, sign it (PAdES B-LT), store the file, record it in `result_documents`, audit it and append
 * its outbox event. Also the download for the dossier's readers and the lookup the public verifier uses.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import { platformActor } from '../../platform/auth/actor';
import { appendAudit } from '../../platform/audit/audit.service';
import { enqueueEvent } from '../../platform/events/outbox';
import { resultFileName, vnDateParts } from '../../shared/result/format';
import { signPades } from './pki/pades';
import { TsaUnavailable } from './pki/tsa';
import type { Trust } from './pki/trust';
import { preparePdf } from './render/pdf';
import { appendDssExisting, loadPdf, prepareExisting } from './render/existing';
import { prepareIncremental } from './render/incremental';
import type { Signer } from './pki/signer';
import { cadesDetached } from './pki/pades';
import { sha256 as digest } from './pki/cms';
import { embedSignature, signedBytes } from './render/pdf';
import { renderResult, subjectOf, templateFor } from './render/template';
import { resultDocuments } from './result.schema';
import { RESULT_ERROR_DETAILS, resultErrors } from './result.errors';
import type { IssuedResultStatus, IssueInput, ResultAgency, ResultPorts, SignedResult } from './result.ports';
import type { Actor } from '../../platform/auth/actor';
import { CERTIFIED_COPY_TYPE } from '../../shared/api/result';
import { certifiedCopy, scanDocument, scanTypeOf, UnsupportedScan } from './render/copy';
import type { Role } from '../../shared/auth/roles';

/** Who certifies copies at the desk: the receiving officer (cán bộ tiếp nhận) of the dossier's agency. */
const COPY_ROLES: readonly Role[] = ['receiving_officer'];
/** Dossier states in which copies are certified: received, and not finished. */
const COPY_STATES = new Set(['received', 'processing', 'pending_approval', 'approved', 'result_issued']);

export interface CertifyCopyInput {
  scan: Buffer;
  /** The officer ticked "the scan matches the original shown at the desk". */
  confirmed: boolean;
  documentName: string | null;
}

/** Who may revoke or replace a result: the issuing agency's approver (lãnh đạo) or result officer. */
const STATUS_ROLES: readonly Role[] = ['approver', 'result_officer'];
export const MAX_REASON = 2000;

export type ResultRow = typeof resultDocuments.$inferSelect;

/** 20 characters of Crockford base32 (100 bits): unguessable, easy to type from paper, no personal data. */
export function newVerificationCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(20);
  let out = '';
  for (const b of bytes) out += alphabet[b & 31];
  return out;
}
const CODE_RE = /^[0-9A-HJKMNP-TV-Z]{20}$/;


export function statusView(r: ResultRow): IssuedResultStatus {
  return { code: r.verificationCode, kind: r.documentType === CERTIFIED_COPY_TYPE ? 'certified_copy' : 'result', documentType: r.documentType, title: r.title, issuer: r.issuerName, number: r.number, issuedAt: r.issuedAt.toISOString(), sha256: r.sha256, status: r.status, replacedBy: r.replacedBy, reason: r.reason };
}

export class ResultService {
  constructor(
    private readonly db: Db,
    private readonly trust: Trust,
    private readonly ports: ResultPorts,
    private readonly publicUrl: string,
  ) {}

  /**
   * Renders, signs and records the result of a dossier, in the caller's transaction (reads go through `tx`).
   * The time-stamp is the only outside call: in-process for the demo TSA, a short HTTP call otherwise (503 on
   * timeout, which rolls the action back).
   */
  async issue(tx: Tx, input: IssueInput, now: Date, replacing?: { row: ResultRow; reason: string }): Promise<SignedResult & { agency: ResultAgency }> {
    const [existing] = await tx.select().from(resultDocuments).where(eq(resultDocuments.dossierId, input.dossierId)).orderBy(desc(resultDocuments.issuedAt)).limit(1);
    if (!replacing && existing && existing.status === 'valid') {
      const bytes = await this.ports.blobs.get(existing.blobKey);
      const agency = await this.ports.agencies.get(existing.issuerAgencyId, tx);
      if (bytes && agency) return { row: existing, bytes, agency };
    }
    const agency = await this.ports.agencies.get(input.agencyId, tx);
    if (!agency) throw resultErrors.signingUnavailable(RESULT_ERROR_DETAILS.signingUnavailable);
    const parent = agency.parentId ? await this.ports.agencies.get(agency.parentId, tx) : undefined;
    const unit = await this.ports.units.placeOf(agency.adminUnitCode, tx);
    const place = unit?.provinceName ?? unit?.name ?? agency.name;

    const template = templateFor(input.result.documentType, input.result.name.vi, input.result.template);
    const year = vnDateParts(now).year;
    // One number at a time per agency, type and year (concurrent issuing on PostgreSQL waits here, not on the index).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`result-number:${agency.id}:${template.documentType}:${year}`}))`);
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${resultDocuments.seq}), 0) + 1` })
      .from(resultDocuments)
      .where(and(eq(resultDocuments.issuerAgencyId, agency.id), eq(resultDocuments.documentType, template.documentType), eq(resultDocuments.year, year)));
    const seq = Number(next);
    const number = `${seq}/${year}/${template.symbol}`;
    const code = newVerificationCode();
    const verifyUrl = `${this.publicUrl}/xac-thuc?ma=${code}`;
    const ctx = {
      data: input.data,
      labels: input.labels,
      dossier: { code: input.code, procedureName: input.procedureName, subjectName: input.subject.name },
      agency: { name: agency.name, kind: agency.kind, parentName: parent?.name ?? null, place },
      number,
      issuedAt: now,
      verifyUrl,
      verificationCode: code,
      demo: this.trust.config.demo,
    };
    const subject = subjectOf(template, ctx);
    const page = renderResult(template, ctx);
    const title = input.result.name.vi;
    const prepared = preparePdf(page, { title, author: agency.name, subject: `${template.title} số ${number}`, keywords: `${template.documentType}; ${code}` }, { at: now, name: agency.name, reason: `Cấp ${title} số ${number}`, location: place });

    let signer;
    try {
      signer = this.trust.signerFor({ code: agency.code, name: agency.name });
    } catch {
      throw resultErrors.signingUnavailable(RESULT_ERROR_DETAILS.signingUnavailable);
    }
    let signed: Buffer;
    try {
      signed = (await signPades(prepared, signer, this.trust.tsa(), this.trust.validationData(signer))).pdf;
    } catch (err) {
      if (err instanceof TsaUnavailable) throw resultErrors.tsaUnavailable(RESULT_ERROR_DETAILS.tsaUnavailable);
      throw err;
    }
    const row = await this.record(tx, signed, { dossierId: input.dossierId, verificationCode: code, documentType: template.documentType, title, subjectType: subject.type, subjectId: subject.id, issuerAgencyId: agency.id, issuerName: agency.name, number, year, seq, issuedAt: now, fileName: resultFileName(template.title, code) });
    const { sha256 } = row;
    const previous = replacing?.row ?? (existing && existing.status === 'valid' ? existing : undefined);
    if (previous) {
      await tx.update(resultDocuments).set({ status: 'replaced', replacedBy: row.verificationCode, reason: replacing?.reason ?? 'Cấp lại' }).where(eq(resultDocuments.id, previous.id));
    }
    await appendAudit(tx, platformActor('dossier.result_issued'), { action: 'result.issued', targetType: 'result_document', targetId: row.id, after: { dossierId: input.dossierId, documentType: row.documentType, number, sha256, code }, agencyId: agency.id }, now);
    await enqueueEvent(tx, { type: 'result.issued', aggregateType: 'result_document', aggregateId: row.id, payload: { dossierId: input.dossierId, documentType: row.documentType, agencyId: agency.id, sha256 } });
    return { row, bytes: signed, agency };
  }

  /**
   * Signs a PDF that another module rendered (forms 01–05) with the agency's certificate — the signer of its results,
   * the one-stop unit named in the signature — PAdES B-LT, no register entry. Reads through `db` (a transaction's
   * handle inside one).
   */
  async signDocument(db: DbOrTx, input: { pdf: Uint8Array; agencyId: string; reason: string }, now: Date): Promise<Buffer> {
    const agency = await this.ports.agencies.get(input.agencyId, db);
    if (!agency) throw resultErrors.signingUnavailable(RESULT_ERROR_DETAILS.signingUnavailable);
    const unit = await this.ports.units.placeOf(agency.adminUnitCode, db);
    const doc = await loadPdf(input.pdf);
    return this.signLoaded(doc, agency, { reason: input.reason, location: unit?.provinceName ?? unit?.name ?? agency.name }, now);
  }

  /**
   * A further PAdES B-LT signature on an already signed PDF, in an incremental update (the earlier signatures stay
   * valid): by a person (her DEMO certificate in demo mode, or the `signer` given — a remote-signing service).
   */
  async countersign(input: { pdf: Uint8Array; person: { id: string; name: string }; reason: string; location: string; signer?: Signer }, now: Date): Promise<Buffer> {
    let signer: Signer;
    try {
      signer = input.signer ?? this.trust.personSigner(input.person);
    } catch {
      throw resultErrors.signingUnavailable(RESULT_ERROR_DETAILS.signingUnavailable);
    }
    const prepared = await prepareIncremental(input.pdf, { at: now, name: input.person.name, reason: input.reason, location: input.location });
    try {
      embedSignature(prepared, await cadesDetached(digest(signedBytes(prepared)), signer, this.trust.tsa()));
    } catch (err) {
      if (err instanceof TsaUnavailable) throw resultErrors.tsaUnavailable(RESULT_ERROR_DETAILS.tsaUnavailable);
      throw err;
    }
    return appendDssExisting(prepared, this.trust.validationData(signer));
  }

  /** PAdES B-LT over a loaded document, with the agency's signer. */
  async signLoaded(doc: Awaited<ReturnType<typeof loadPdf>>, agency: ResultAgency, sig: { reason: string; location: string }, now: Date): Promise<Buffer> {
    let signer;
    try {
      signer = this.trust.signerFor({ code: agency.code, name: agency.name });
    } catch {
      throw resultErrors.signingUnavailable(RESULT_ERROR_DETAILS.signingUnavailable);
    }
    const prepared = await prepareExisting(doc, { at: now, name: agency.oneStopUnit ?? agency.name, reason: sig.reason, location: sig.location });
    try {
      embedSignature(prepared, await cadesDetached(digest(signedBytes(prepared)), signer, this.trust.tsa()));
    } catch (err) {
      if (err instanceof TsaUnavailable) throw resultErrors.tsaUnavailable(RESULT_ERROR_DETAILS.tsaUnavailable);
      throw err;
    }
    return appendDssExisting(prepared, this.trust.validationData(signer));
  }

  /**
   * Chứng thực bản sao điện tử từ bản chính: the receiving officer confirms that the scan matches the original shown
   * at the desk; the scan's pages and a certification page (number and book, date, officer, agency, QR code) are
   * signed like a result, recorded in the register (so verification and revocation work), audited with the
   * confirmation, announced in the outbox and put in the subject's data store — all in `tx`.
   */
  async certifyCopy(tx: Tx, principal: Principal, actor: Actor, dossierId: string, input: CertifyCopyInput, now: Date): Promise<ResultRow> {
    if (!this.ports.dossiers.copyTarget) throw resultErrors.notCertification(RESULT_ERROR_DETAILS.notCertification);
    const target = await this.ports.dossiers.copyTarget(principal, dossierId, tx);
    if (target.input.result.documentType !== CERTIFIED_COPY_TYPE) throw resultErrors.notCertification(RESULT_ERROR_DETAILS.notCertification);
    const role = await this.ports.agencies.roleIn(principal, COPY_ROLES, target.input.agencyId, tx);
    if (!role) throw resultErrors.copyNotAllowed(RESULT_ERROR_DETAILS.copyNotAllowed);
    if (!COPY_STATES.has(target.state)) throw resultErrors.copyWrongState(RESULT_ERROR_DETAILS.copyWrongState);
    if (input.confirmed !== true) throw resultErrors.copyConfirmationMissing(RESULT_ERROR_DETAILS.copyConfirmationMissing);
    const type = scanTypeOf(input.scan);
    if (!type) throw resultErrors.unsupportedScan(RESULT_ERROR_DETAILS.unsupportedScan);
    let doc;
    try {
      doc = await scanDocument(input.scan, type);
    } catch (err) {
      if (err instanceof UnsupportedScan) throw resultErrors.unsupportedScan(RESULT_ERROR_DETAILS.unsupportedScan);
      throw err;
    }
    const pages = doc.getPageCount();
    const agency = await this.ports.agencies.get(target.input.agencyId, tx);
    if (!agency) throw resultErrors.signingUnavailable(RESULT_ERROR_DETAILS.signingUnavailable);
    const parent = agency.parentId ? await this.ports.agencies.get(agency.parentId, tx) : undefined;
    const unit = await this.ports.units.placeOf(agency.adminUnitCode, tx);
    const place = unit?.provinceName ?? unit?.name ?? agency.name;
    const officer = (principal.accountId && (await this.ports.people?.displayNameOf(principal.accountId, tx))) || 'Cán bộ tiếp nhận';

    const year = vnDateParts(now).year;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`result-number:${agency.id}:${CERTIFIED_COPY_TYPE}:${year}`}))`);
    const [{ next }] = await tx
      .select({ next: sql<number>`coalesce(max(${resultDocuments.seq}), 0) + 1` })
      .from(resultDocuments)
      .where(and(eq(resultDocuments.issuerAgencyId, agency.id), eq(resultDocuments.documentType, CERTIFIED_COPY_TYPE), eq(resultDocuments.year, year)));
    const seq = Number(next);
    const book = `01/${year}-SCT/BS`;
    const number = `${seq}, quyển số ${book}`;
    const code = newVerificationCode();
    const verifyUrl = `${this.publicUrl}/xac-thuc?ma=${code}`;
    const documentName = input.documentName?.trim() || 'Bản chính giấy tờ, văn bản';
    const title = `Bản sao điện tử chứng thực từ bản chính: ${documentName}`.slice(0, 300);
    await certifiedCopy(doc, { documentName, pages, seq, book, at: now, place, agency: { name: agency.name, parentName: parent?.name ?? null }, officer, verifyUrl, verificationCode: code, demo: this.trust.config.demo }, { title, author: agency.name });
    const signed = await this.signLoaded(doc, agency, { reason: `Chứng thực bản sao từ bản chính, số ${seq}, quyển số ${book}`, location: place }, now);
    const subject = target.input.subject;
    const row = await this.record(tx, signed, { dossierId, verificationCode: code, documentType: CERTIFIED_COPY_TYPE, title, subjectType: subject.type === 'business' ? 'business' : 'person', subjectId: subject.id, issuerAgencyId: agency.id, issuerName: agency.name, number, year, seq, issuedAt: now, fileName: resultFileName('Bản sao chứng thực', code) });
    const { sha256, fileName } = row;
    // The confirmation (who, when, that the scan matches the original shown at the desk) is the audit record.
    await appendAudit(
      tx,
      { ...actor, role, agencyId: agency.id },
      { action: 'result.copy_certified', targetType: 'result_document', targetId: row.id, after: { dossierId, number, sha256, code, pages, scanType: type, scanSha256: createHash('sha256').update(input.scan).digest('hex'), confirmedMatchesOriginal: true, confirmedBy: principal.accountId, confirmedAt: now.toISOString() }, agencyId: agency.id },
      now,
    );
    await enqueueEvent(tx, { type: 'result.copy_certified', aggregateType: 'result_document', aggregateId: row.id, payload: { dossierId, documentType: CERTIFIED_COPY_TYPE, agencyId: agency.id, sha256 } });
    await this.ports.copyIssued?.(tx, { input: { ...target.input, result: { ...target.input.result, name: { vi: title, en: `Certified electronic copy: ${documentName}` } } }, agencyCode: target.agencyCode, file: { bytes: signed, sha256, fileName } }, now);
    return row;
  }

  /**
   * The result a revocation or replacement is about, locked for the transaction, after checking that the caller
   * is the approver or result officer of the issuing agency and that the result still stands.
   */
  /** Stores a signed file (by its hash) and its register row, in the issuing transaction (results and copies). */
  private async record(tx: Tx, signed: Buffer, fields: Omit<typeof resultDocuments.$inferInsert, 'sha256' | 'blobKey' | 'sizeBytes'>): Promise<ResultRow> {
    const sha256 = createHash('sha256').update(signed).digest('hex');
    await this.ports.blobs.put(sha256, signed);
    const [row] = await tx.insert(resultDocuments).values({ ...fields, sha256, blobKey: sha256, sizeBytes: signed.length }).returning();
    return row;
  }

  private async changeable(tx: Tx, principal: Principal, resultId: string, reason: string): Promise<{ row: ResultRow; reason: string; role: Role }> {
    const [row] = await tx.select().from(resultDocuments).where(eq(resultDocuments.id, resultId)).for('update');
    if (!row) throw resultErrors.notFound();
    const role = await this.ports.agencies.roleIn(principal, STATUS_ROLES, row.issuerAgencyId, tx);
    if (!role) throw resultErrors.notAllowed(RESULT_ERROR_DETAILS.notAllowed);
    if (row.status === 'revoked') throw resultErrors.alreadyRevoked();
    if (row.status === 'replaced') throw resultErrors.alreadyReplaced(RESULT_ERROR_DETAILS.alreadyReplaced);
    const clean = reason.trim();
    if (!clean || clean.length > MAX_REASON) throw resultErrors.reasonRequired(RESULT_ERROR_DETAILS.reasonRequired);
    return { row, reason: clean, role };
  }

  /** Thu hồi: the result no longer stands; the register, the verifier and the subject's data store say so. */
  async revoke(tx: Tx, principal: Principal, actor: Actor, resultId: string, reason: string, now: Date): Promise<ResultRow> {
    const { row, reason: why, role } = await this.changeable(tx, principal, resultId, reason);
    const [updated] = await tx.update(resultDocuments).set({ status: 'revoked', reason: why }).where(eq(resultDocuments.id, row.id)).returning();
    await appendAudit(tx, { ...actor, role, agencyId: row.issuerAgencyId }, { action: 'result.revoked', targetType: 'result_document', targetId: row.id, before: { status: row.status }, after: { status: 'revoked', reason: why }, agencyId: row.issuerAgencyId }, now);
    await enqueueEvent(tx, { type: 'result.revoked', aggregateType: 'result_document', aggregateId: row.id, payload: { dossierId: row.dossierId, documentType: row.documentType, agencyId: row.issuerAgencyId, sha256: row.sha256 } });
    await this.ports.statusChanged?.(tx, { dossierId: row.dossierId, sha256: row.sha256, status: 'revoked', replacedBy: null }, now);
    return updated;
  }

  /**
   * Cấp lại: a new result is rendered and signed for the same dossier (new number, new verification code) and
   * the old one is marked replaced by it; the new file joins the subject's data store.
   */
  async replace(tx: Tx, principal: Principal, actor: Actor, resultId: string, reason: string, now: Date): Promise<{ result: ResultRow; replaced: ResultRow }> {
    const { row, reason: why, role } = await this.changeable(tx, principal, resultId, reason);
    if (row.documentType === CERTIFIED_COPY_TYPE) throw resultErrors.copyNotReplaceable(RESULT_ERROR_DETAILS.copyNotReplaceable);
    const input = await this.ports.dossiers.issueInput(principal, row.dossierId, tx);
    const signed = await this.issue(tx, { ...input, agencyId: row.issuerAgencyId }, now, { row, reason: why });
    const [replaced] = await tx.select().from(resultDocuments).where(eq(resultDocuments.id, row.id));
    await appendAudit(tx, { ...actor, role, agencyId: row.issuerAgencyId }, { action: 'result.replaced', targetType: 'result_document', targetId: row.id, before: { status: row.status }, after: { status: 'replaced', replacedBy: signed.row.verificationCode, newResultId: signed.row.id, reason: why }, agencyId: row.issuerAgencyId }, now);
    await enqueueEvent(tx, { type: 'result.replaced', aggregateType: 'result_document', aggregateId: row.id, payload: { dossierId: row.dossierId, documentType: row.documentType, agencyId: row.issuerAgencyId, sha256: row.sha256, newResultId: signed.row.id, newSha256: signed.row.sha256 } });
    await this.ports.statusChanged?.(tx, { dossierId: row.dossierId, sha256: row.sha256, status: 'replaced', replacedBy: signed.row.verificationCode, replacement: { input, agencyCode: signed.agency.code, file: { bytes: signed.bytes, sha256: signed.row.sha256, fileName: signed.row.fileName } } }, now);
    return { result: signed.row, replaced };
  }

  /** The results of a dossier, for whoever may read it. */
  async listFor(principal: Principal, dossierId: string): Promise<ResultRow[]> {
    await this.ports.dossiers.readable(principal, dossierId);
    return this.db.select().from(resultDocuments).where(eq(resultDocuments.dossierId, dossierId)).orderBy(desc(resultDocuments.issuedAt));
  }

  /** The signed file of a result, for whoever may read its dossier. */
  async download(principal: Principal, dossierId: string, resultId: string): Promise<{ row: ResultRow; bytes: Buffer }> {
    await this.ports.dossiers.readable(principal, dossierId);
    const [row] = await this.db.select().from(resultDocuments).where(and(eq(resultDocuments.id, resultId), eq(resultDocuments.dossierId, dossierId)));
    if (!row) throw resultErrors.notFound();
    const bytes = await this.ports.blobs.get(row.blobKey);
    if (!bytes) throw resultErrors.notFound();
    return { row, bytes };
  }

  /** For the public verifier: status by the file's SHA-256 or by the verification code; no personal data. */
  async byHash(sha256Hex: string, db: DbOrTx = this.db): Promise<IssuedResultStatus | undefined> {
    if (!/^[0-9a-f]{64}$/i.test(sha256Hex)) return undefined;
    const [row] = await db.select().from(resultDocuments).where(eq(resultDocuments.sha256, sha256Hex.toLowerCase()));
    return row ? statusView(row) : undefined;
  }

  async byCode(code: string, db: DbOrTx = this.db): Promise<IssuedResultStatus | undefined> {
    const c = code.trim().toUpperCase();
    if (!CODE_RE.test(c)) return undefined;
    const [row] = await db.select().from(resultDocuments).where(eq(resultDocuments.verificationCode, c));
    return row ? statusView(row) : undefined;
  }
}
