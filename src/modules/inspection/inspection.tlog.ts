import { createHash } from 'node:crypto';
import { rowLeafSource } from '../tlog';
import { inspections } from './inspection.schema';

type InspectionRow = typeof inspections.$inferSelect;
const sha = (text: string) => createHash('sha256').update(Buffer.from(text)).digest('hex');

/** The minutes both sides signed: the PDF's hash, as appended and as the verifier re-derives it. */
export function inspectionMinutesLeaf(r: { id: string; agencyId: string; code: string; enterpriseCode: string; minutesSha256: string; entitySignedAt: Date }) {
  return { fields: { agencyId: r.agencyId, code: r.code, sha256: r.minutesSha256, signedAt: r.entitySignedAt.toISOString() }, private: { inspectionId: r.id, enterpriseCode: r.enterpriseCode } };
}

/** The leader's conclusion (kết luận kiểm tra): its text's hash, the text itself only committed to. */
export function conclusionLeaf(r: { id: string; agencyId: string; code: string; enterpriseCode: string; conclusion: string; concludedAt: Date }) {
  return { fields: { agencyId: r.agencyId, code: r.code, sha256: sha(r.conclusion), concludedAt: r.concludedAt.toISOString() }, private: { inspectionId: r.id, enterpriseCode: r.enterpriseCode, conclusion: r.conclusion } };
}

/** Every inspection's signed minutes and conclusion have their leaves, unchanged (for `motcua log verify`). */
export const inspectionLeafSources = [
  rowLeafSource('inspection_minutes', inspections, { id: inspections.id, loggedWhen: inspections.entitySignedAt }, (r: InspectionRow) =>
    inspectionMinutesLeaf({ ...r, minutesSha256: r.minutesSha256 ?? '', entitySignedAt: r.entitySignedAt! }),
  ),
  rowLeafSource('inspection_conclusion', inspections, { id: inspections.id, loggedWhen: inspections.concludedAt }, (r: InspectionRow) => conclusionLeaf({ ...r, conclusion: r.conclusion ?? '', concludedAt: r.concludedAt! })),
];
