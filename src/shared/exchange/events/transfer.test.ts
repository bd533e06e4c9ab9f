import { describe, expect, it } from 'vitest';
import { agencySubject, checkMessage, subjectMatches, type NodeMessage } from '.';

/** The envelope check of the transfer (liên thông) messages: what a receiving node applies, what it drops. */
const envelope = { v: 1, id: '0a7d5f0e-6a43-4f0e-9a52-3d2f1c9b8e11', fromNode: 'node_a', from: { code: '000.00.21.H38', name: 'UBND phường Hồng Bàng' }, to: { code: '000.00.01.H38', name: 'Sở Tư pháp' }, at: '2026-03-16T03:00:00.000Z' };
const requested = (body: Record<string, unknown> = {}) => ({
  ...envelope,
  type: 'transfer.requested',
  body: { transferId: '5b1c4f7e-2f7a-4a3e-8a11-0f6b1e2d3c4a', dossierCode: '000.00.21.H38-260316-0001', procedureKey: 'birth-re-registration', procedureName: 'Đăng ký lại khai sinh', applicant: { type: 'citizen', id: '031190004567', name: 'Trần Thị Bình' }, data: { hoTen: 'Trần Thị Bình' }, note: null, stepDueAt: null, sentAt: '2026-03-16T03:00:00.000Z', ...body },
});
const answered = (body: Record<string, unknown> = {}) => ({
  ...envelope,
  from: envelope.to,
  to: envelope.from,
  type: 'transfer.answered',
  body: { transferId: '5b1c4f7e-2f7a-4a3e-8a11-0f6b1e2d3c4a', dossierCode: '000.00.21.H38-260316-0001', remoteDossierCode: '000.00.01.H38-260317-0001', outcome: 'result_issued', nationalStatus: 9, summary: 'Đã có kết quả giải quyết', answeredBy: 'Sở Tư pháp', answeredAt: '2026-03-17T08:00:00Z', ...body },
});

describe('transfer messages', () => {
  it('accepts a transfer and its outcome, addressed by subject to the receiving agency', () => {
    const r = checkMessage(requested());
    expect(r.ok).toBe(true);
    expect(checkMessage(answered()).ok).toBe(true);
    expect(subjectMatches('motcua', agencySubject('motcua', '000.00.01.H38', 'transfer.requested'), (r as { message: NodeMessage }).message)).toBe(true);
    expect(subjectMatches('motcua', agencySubject('motcua', '000.00.21.H38', 'transfer.requested'), (r as { message: NodeMessage }).message)).toBe(false);
  });
  it('refuses a bad transfer id, applicant, data or outcome', () => {
    expect(checkMessage(requested({ transferId: 'x' }))).toEqual({ ok: false, reason: 'bad body' });
    expect(checkMessage(requested({ applicant: { type: 'robot', id: '1', name: 'X' } }))).toEqual({ ok: false, reason: 'bad body' });
    expect(checkMessage(requested({ data: [] }))).toEqual({ ok: false, reason: 'bad body' });
    expect(checkMessage(answered({ outcome: 'approved' }))).toEqual({ ok: false, reason: 'bad body' });
    expect(checkMessage(answered({ summary: '' }))).toEqual({ ok: false, reason: 'bad body' });
  });
});
