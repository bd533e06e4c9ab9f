/** What the payment module needs from the others, wired in src/main.ts. */
import type { DbOrTx, Tx } from '../../platform/db/client';
import type { Principal } from '../../platform/auth/policy';
import type { Role } from '../../shared/auth/roles';
import type { FeeItem } from '../../shared/catalog/fees';
import type { ReceiptContext } from '../result';

/** A dossier as the payment module sees it (hồ sơ có nghĩa vụ tài chính). */
export interface PaymentDossier {
  id: string;
  code: string | null;
  agencyId: string;
  state: string;
  channel: string;
  subjectName: string;
  /** Whose dossier (the receipt goes to her data store). */
  subject: { type: 'citizen' | 'business'; id: string; name: string };
  agencyCode: string;
  procedureName: string;
  /** The version's fee rules and the answers they are computed from. */
  fees: readonly FeeItem[];
  data: Record<string, unknown>;
  /** The officer's open request for payment (national status 6), when the dossier waits for it. */
  paymentRequest: { amountVnd: number | null; reason: string; at: Date } | null;
}

export interface PaymentPorts {
  dossiers: {
    /** The dossier if the caller may read it (the dossier module's 404/403 otherwise), and whether she is its applicant. */
    readable(principal: Principal, id: string, db: DbOrTx): Promise<{ dossier: PaymentDossier; applicant: boolean }>;
    load(id: string, db: DbOrTx): Promise<PaymentDossier | undefined>;
    /** Records that the obligations were paid (confirm_payment by the system) when the dossier waits for it. */
    confirmPaid(tx: Tx, id: string, reference: string): Promise<void>;
  };
  agencies: {
    get(id: string, db?: DbOrTx): Promise<{ id: string; name: string; code: string; parentId: string | null } | undefined>;
    roleIn(principal: Principal | null, roles: readonly Role[], agencyId: string, db?: DbOrTx): Promise<Role | null>;
  };
  /** Puts a signed receipt in the data store (kho dữ liệu) of the dossier's subject, in the caller's transaction. */
  storeReceipt(tx: Tx, receipt: { dossier: PaymentDossier; title: string; file: { bytes: Buffer; sha256: string; fileName: string } }, now: Date): Promise<void>;
  /** Signs a rendered receipt with the collecting agency's certificate (the result module's signer), PAdES B-LT. */
  sign(input: { pdf: Uint8Array; agencyId: string; reason: string }, now: Date, db: DbOrTx): Promise<Buffer>;
}

/** What a receipt shows (biên lai thu phí, lệ phí): the result module's page, rendered on the results' layout. */
export type ReceiptContent = ReceiptContext;

export interface ReceiptRenderer {
  /** The receipt as an unsigned one-page PDF. */
  render(content: ReceiptContent): Uint8Array;
}
