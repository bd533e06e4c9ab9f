import { describe, expect, it } from 'vitest';
import { classifyPortalAnswer, isPortalChange, portalRecord, portalTime, syncRate } from '.';

const change = { code: '000.00.21.H38-260316-0001', from: 'received', to: 'processing', nationalStatus: 4, at: '2026-03-16T02:05:09.000Z', channel: 'online' as const, procedureKey: 'birth-re-registration', dueAt: '2026-03-23T10:00:00.000Z', prefilled: true };

describe('national portal record', () => {
  it('pushes only changes of the national status (and the submission)', () => {
    expect(isPortalChange(change)).toBe(true);
    expect(isPortalChange({ ...change, from: 'processing', to: 'consulting', nationalStatus: 4 })).toBe(false);
    expect(isPortalChange({ ...change, from: 'draft', to: 'submitted', nationalStatus: 1 })).toBe(true);
    expect(isPortalChange({ ...change, code: null })).toBe(false);
  });
  it('writes the de facto field names, codes and Vietnam-time dates', () => {
    expect(portalTime('2026-03-16T17:30:00Z')).toBe('20260317003000');
    expect(portalRecord(change, '000.00.21.H38')).toEqual({
      MaHoSo: '000.00.21.H38-260316-0001',
      MaTTHC: 'birth-re-registration',
      DonViXuLy: '000.00.21.H38',
      TrangThaiHoSo: 4,
      KenhThucHien: 2,
      DuocLayTuKhoDMQG: 1,
      NgayCapNhat: '20260316090509',
      NgayHenTra: '20260323170000',
      NgayKetThucXuLy: null,
    });
    expect(portalRecord({ ...change, to: 'returned', nationalStatus: 10, channel: 'post', prefilled: false }, 'X')).toMatchObject({ KenhThucHien: 3, DuocLayTuKhoDMQG: 0, NgayKetThucXuLy: '20260316090509' });
  });
  it('classes answers: 2xx synced, timeouts and 5xx retried, other 4xx failed', () => {
    expect([200, 202, null, 408, 429, 500, 503, 400, 401, 422].map(classifyPortalAnswer)).toEqual(['synced', 'synced', 'retry', 'retry', 'retry', 'retry', 'retry', 'failed', 'failed', 'failed']);
  });
  it('computes the sync rate, full when nothing was to sync', () => {
    expect(syncRate({ total: 3, synced: 2 })).toBe(0.6667);
    expect(syncRate({ total: 0, synced: 0 })).toBe(1);
  });
});
