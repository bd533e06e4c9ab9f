import { describe, expect, it } from 'vitest';
import { agencyFilter, agencySubject, backoffMs, checkMessage, checkPrefix, durableName, isAgencyCode, streamConfig, subjectMatches } from '.';

const message = (over: Record<string, unknown> = {}) => ({
  v: 1,
  id: '0a7d5f0e-6a43-4f0e-9a52-3d2f1c9b8e11',
  type: 'consultation.requested',
  fromNode: 'node_a',
  from: { code: '000.00.21.H38', name: 'UBND phường Hồng Bàng' },
  to: { code: '000.00.01.H38', name: 'Sở Tư pháp' },
  at: '2026-03-16T03:00:00.000Z',
  body: { consultationId: '5b1c4f7e-2f7a-4a3e-8a11-0f6b1e2d3c4a', dossierCode: '000.00.21.H38-260316-0001', procedureName: 'Đăng ký lại khai sinh', question: 'Xin xác minh', stepDueAt: null, askedAt: '2026-03-16T03:00:00.000Z' },
  ...over,
});

describe('subjects per agency', () => {
  it('keeps the agency code as four tokens under <prefix>.agency', () => {
    expect(agencySubject('motcua', '000.00.01.H38', 'consultation.requested')).toBe('motcua.agency.000.00.01.H38.consultation.requested');
    expect(agencyFilter('motcua', '000.00.01.H38')).toBe('motcua.agency.000.00.01.H38.>');
    expect(streamConfig({ name: 'S', prefix: 'motcua', duplicateWindowMs: 120_000, maxAgeMs: 0, replicas: 1 })).toMatchObject({ subjects: ['motcua.agency.>'], duplicate_window: 120_000_000_000, max_age: 0 });
  });
  it('refuses codes and prefixes that would make wildcards or empty tokens', () => {
    expect(isAgencyCode('000.00.05.H38')).toBe(true);
    expect(isAgencyCode('000.00.*.H38')).toBe(false);
    expect(isAgencyCode('000.00.05')).toBe(false);
    expect(() => agencySubject('motcua', '>', 'consultation.answered')).toThrow();
    expect(() => checkPrefix('motcua..x')).toThrow();
    expect(checkPrefix('motcua.test_1')).toBe('motcua.test_1');
  });
  it('names durable consumers without dots', () => {
    expect(durableName('node_a', '000.00.01.H38')).toBe('node_a_000_00_01_H38');
  });
});

describe('message check', () => {
  it('accepts a well-formed message and checks its subject', () => {
    const r = checkMessage(message());
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(subjectMatches('motcua', 'motcua.agency.000.00.01.H38.consultation.requested', r.message)).toBe(true);
      // Addressed to another agency than the subject it came on: not applied.
      expect(subjectMatches('motcua', 'motcua.agency.000.00.21.H38.consultation.requested', r.message)).toBe(false);
    }
  });
  it('refuses what is not one', () => {
    expect(checkMessage(null)).toMatchObject({ ok: false });
    expect(checkMessage(message({ v: 2 }))).toMatchObject({ ok: false, reason: 'unknown version' });
    expect(checkMessage(message({ id: 'x' }))).toMatchObject({ ok: false, reason: 'bad id' });
    expect(checkMessage(message({ type: 'dossier.deleted' }))).toMatchObject({ ok: false, reason: 'unknown type' });
    expect(checkMessage(message({ to: { code: 'nope', name: 'x' } }))).toMatchObject({ ok: false, reason: 'bad agency' });
    expect(checkMessage(message({ body: { ...message().body, question: '' } }))).toMatchObject({ ok: false, reason: 'bad body' });
    expect(checkMessage(message({ type: 'consultation.answered' }))).toMatchObject({ ok: false, reason: 'bad body' });
    const answer = message({ type: 'consultation.answered', body: { consultationId: message().body.consultationId, dossierCode: 'X', opinion: 'Đồng ý', answeredBy: 'Bùi Quang Huy', answeredAt: '2026-03-17T08:00:00Z' } });
    expect(checkMessage(answer).ok).toBe(true);
  });
});

describe('back-off', () => {
  it('doubles from the base up to the cap, jitter only shortening it', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, 100, 1000, () => 0))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffMs(3, 100, 1000, () => 1)).toBe(320);
  });
});
