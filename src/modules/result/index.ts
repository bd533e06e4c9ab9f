/**
 * The result module (kết quả điện tử): result templates per document type, PAdES B-LT signing of issued results
 * (CAdES detached, signing-certificate-v2, RFC 3161 signature time-stamp, /DSS), the demo trust setup and its
 * built-in TSA, the signed files for the dossier's readers, and the status lookup the public verifier uses.
 * This file is its only public face.
 */
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import type { DbOrTx, Tx } from '../../platform/db/client';
import { Trust, type AgencyIdentity, type TrustConfig } from './pki/trust';
import { renderReceipt, type ReceiptContext } from './render/receipt';
import { plainPdf } from './render/pdf';
import { renderTextPdf, type TextPdfInput } from './render/text';
import type { Signer } from './pki/signer';
import { resultErrors } from './result.errors';
import { registerResultRoutes } from './result.routes';
import { ResultService } from './result.service';
import type { IssueInput, ResultLookup, ResultPorts, SignedResult } from './result.ports';

export type { IssuedResultStatus, IssueInput, ResultAgency, ResultLookup, ResultPorts, ResultStatusChange, SignedResult } from './result.ports';
export type { Signer } from './pki/signer';
export type { TextPdfInput } from './render/text';
/** A one-page A4 PDF of text on the results' layout, unsigned (demo data, previews). */
export { renderTextPdf } from './render/text';
export type { TimeStampAuthority } from './pki/tsa';
export { resultErrors } from './result.errors';

/** What the issue-result action's route may answer because of signing (listed on that route). */
export const RESULT_ISSUE_ERRORS = [resultErrors.tsaUnavailable, resultErrors.signingUnavailable];

export interface ResultModule {
  /** Renders, signs and records a dossier's result in the action's transaction; returns the signed file. */
  issue(tx: Tx, input: IssueInput, now: Date): Promise<SignedResult>;
  /**
   * Signs a PDF another module rendered (forms 01–05) with the agency's certificate, PAdES B-LT, no register entry.
   * Inside a transaction, pass its handle as `db`.
   */
  signPdf(input: { pdf: Uint8Array; agencyId: string; reason: string }, now: Date, db?: DbOrTx): Promise<Buffer>;
  /**
   * A further signature on a signed PDF (incremental update; earlier signatures stay valid) by a person — an
   * entity's representative countersigning minutes: her DEMO certificate in demo mode, or the given signer.
   */
  countersignPdf(input: { pdf: Uint8Array; person: { id: string; name: string }; reason: string; location: string; signer?: Signer }, now: Date): Promise<Buffer>;
  /** A one-page A4 PDF of text (title, then paragraphs), unsigned, on the results' layout and fonts. */
  textPdf(input: TextPdfInput, at: Date): Buffer;
  /** For the public verifier: a result's status by its file's SHA-256 or its verification code. */
  lookup: ResultLookup;
  /** PEM of the trusted roots (the demo root in demo mode). */
  trustAnchorsPem(): string;
  /** Path of the trust anchors file (TRUST_ANCHORS_FILE). */
  trustAnchorsFile(): string;
  service: ResultService;
}

/** Builds the result module (demo trust setup created on first start in demo mode) and registers its routes. */
export function registerResults(app: App, ctx: AppContext, ports: ResultPorts): ResultModule {
  const trust = new Trust(ctx.config.results, () => ctx.clock.now());
  trust.init();
  const service = new ResultService(ctx.db, trust, ports, ctx.config.publicUrl);
  registerResultRoutes(app, service, trust, ctx.config.publicUrl, ctx.db, () => ctx.clock.now());
  return {
    issue: (tx, input, now) => service.issue(tx, input, now),
    signPdf: (input, now, db) => service.signDocument(db ?? ctx.db, input, now),
    countersignPdf: (input, now) => service.countersign(input, now),
    textPdf: (input, at) => renderTextPdf(input, at),
    lookup: { byHash: (h) => service.byHash(h), byCode: (c) => service.byCode(c) },
    trustAnchorsPem: () => trust.trustAnchorsPem(),
    trustAnchorsFile: () => trust.trustAnchorsFile(),
    service,
  };
}

/**
 * Rotates an agency's signing key in the installation's key folder (`motcua keys rotate-signing`): a new DEMO
 * certificate in demo mode, or the operator's new PKCS#12 file, checked and moved into place atomically. Running
 * servers sign with it from their next signature, without a restart.
 */
export function rotateAgencySigningKey(config: TrustConfig, agency: AgencyIdentity, replacement?: Uint8Array, now: Date = new Date()) {
  const trust = new Trust(config, () => now);
  trust.init();
  return trust.rotateSigningKey(agency, replacement);
}

/** The electronic fee receipt (biên lai) as an unsigned one-page PDF, on the results' page layout. */
export function renderReceiptPdf(c: ReceiptContext): Buffer {
  return plainPdf(renderReceipt(c), { title: `Biên lai ${c.series} số ${c.number}`, author: c.agency.name, subject: `Biên lai thu phí, lệ phí — hồ sơ ${c.dossierCode}` }, c.issuedAt);
}
export type { ReceiptContext } from './render/receipt';
