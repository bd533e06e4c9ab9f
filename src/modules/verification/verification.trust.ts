/**
 * The trust list: a PEM bundle of root certificates (TRUST_ANCHORS_FILE). Read when first needed and again when the
 * file changes (the signing module writes the demo root on first start, possibly after this module is registered).
 * A missing file is an empty list: every signature is then "not trusted".
 */
import { readFileSync, statSync } from 'node:fs';
import { PdfVerifier, parsePemBundle } from './verification.verifier';

export class TrustAnchors {
  private cached: { key: string; verifier: PdfVerifier } | null = null;
  private checkedAt = 0;

  constructor(
    private readonly file: string,
    private readonly onProblem: (what: string) => void = () => {},
    private readonly recheckMs = 2000,
  ) {}

  /** The verifier over the current trust list. */
  verifier(): PdfVerifier {
    const now = Date.now();
    if (this.cached && now - this.checkedAt < this.recheckMs) return this.cached.verifier;
    this.checkedAt = now;
    let key = 'missing';
    try {
      const st = statSync(this.file);
      key = `${st.mtimeMs}:${st.size}`;
    } catch {
      key = 'missing';
    }
    if (this.cached?.key === key) return this.cached.verifier;
    let certs: ReturnType<typeof parsePemBundle>['certs'] = [];
    if (key !== 'missing') {
      try {
        const parsed = parsePemBundle(readFileSync(this.file, 'utf8'));
        certs = parsed.certs;
        if (parsed.skipped) this.onProblem(`${parsed.skipped} unreadable certificate(s) in the trust list skipped`);
      } catch {
        this.onProblem('the trust list could not be read');
      }
    }
    this.cached = { key, verifier: new PdfVerifier(certs) };
    return this.cached.verifier;
  }
}
