import { canonicalJson, sha256 } from '../../platform/audit/canonical';
import { rowLeafSource } from '../tlog';
import { supervisionDeliveries } from './supervision.schema';

type DeliveryRow = typeof supervisionDeliveries.$inferSelect;

/** A delivery's transparency-log leaf (its receipt's hash and signature), as appended and as the verifier re-derives it. */
export function receiptLeaf(d: Pick<DeliveryRow, 'obligationId' | 'agencyId' | 'period' | 'version' | 'contentSha256' | 'receipt' | 'signature' | 'receivedAt' | 'enterpriseCode'>) {
  return {
    fields: { obligationId: d.obligationId, agencyId: d.agencyId, period: d.period, version: d.version, contentSha256: d.contentSha256, receiptSha256: sha256(canonicalJson(d.receipt)), signature: d.signature, at: d.receivedAt.toISOString() },
    private: { enterpriseCode: d.enterpriseCode },
  };
}

/** Every delivery has its leaf, unchanged (for `motcua log verify`). */
export const supervisionLeafSource = rowLeafSource('supervision_receipt', supervisionDeliveries, { id: supervisionDeliveries.id }, (r: DeliveryRow) => receiptLeaf(r));
