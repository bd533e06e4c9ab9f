// Verification module (xác thực kết quả): the public face. Verifies signed PDFs (PAdES) against the trust list and
// answers the register status of issued results through the IssuedResultLookup port (the result module implements it).
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { registerVerificationRoutes } from './verification.routes';
import { noIssuedResults, type IssuedResultLookup } from './verification.service';
import { TrustAnchors } from './verification.trust';

export { noIssuedResults, buildReport, type IssuedResultLookup, type IssuedResultStatus } from './verification.service';
export { PdfVerifier, parsePemBundle, type DocumentReport, type SignatureReport } from './verification.verifier';
export { TrustAnchors } from './verification.trust';

export interface VerificationWiring {
  /** The register of issued results (default: empty, until the result module is wired). */
  lookup?: IssuedResultLookup;
  /** The trust list (default: the PEM bundle at TRUST_ANCHORS_FILE). */
  trust?: TrustAnchors;
}

export interface VerificationModule {
  trust: TrustAnchors;
}

/** Registers the public verification API. */
export function registerVerification(app: App, ctx: AppContext, wiring: VerificationWiring = {}): VerificationModule {
  const trust = wiring.trust ?? new TrustAnchors(ctx.config.verification.trustAnchorsFile, (what) => app.log.warn(`verification trust list: ${what}`));
  registerVerificationRoutes(app, ctx, trust, wiring.lookup ?? noIssuedResults);
  return { trust };
}
