/**
 * The dashboard's channel filter, its grid of sub-agencies (communes) and the printable PDF report, over facts
 * folded from synthetic outbox events of one month in Hồng Bàng: an online dossier on time, one filed in person and
 * finished late, one filed by post still open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestClient } from '../../../test/support/platform';
import { agencyId, HONG_BANG, NGO_QUYEN, ok, startDossierPlatform, vn } from '../../../test/support/dossier';
import type { AnalyticsEvent } from '../../shared/analytics';
import { applyEvents } from './analytics.rollup';

let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let hb: string;
let leader: TestClient;
const ids = { online: 'rep-online-1', inPerson: 'rep-person-1', post: 'rep-post-1' };

function journey(id: string, agency: string, channel: string, finish: string | null): AnalyticsEvent[] {
  const ev = (type: string, at: string, payload: Record<string, unknown>): AnalyticsEvent => ({ type, aggregateId: id, occurredAt: vn(at).toISOString(), payload: { agencyId: agency, procedureKey: 'birth-re-registration', channel, code: `BC-${id}`, at: vn(at).toISOString(), ...payload } });
  const out = [ev('dossier.submitted', '2026-05-04T08:00', { to: 'submitted' }), ev('dossier.received', '2026-05-04T09:00', { to: 'received', dueAt: vn('2026-05-08T17:00').toISOString() })];
  if (finish) out.push(ev('dossier.result_issued', finish, { to: 'result_issued' }));
  return out;
}

function pdfText(pdf: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'analytics-report-')), 'r.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

beforeAll(async () => {
  p = await startDossierPlatform();
  hb = await agencyId(p, HONG_BANG);
  p.clock.set(vn('2026-05-20T10:00'));
  await applyEvents(p.ctx.db, [...journey(ids.online, hb, 'online', '2026-05-07T10:00'), ...journey(ids.inPerson, hb, 'in_person', '2026-05-12T10:00'), ...journey(ids.post, hb, 'post', null)]);
  leader = await p.loginAs('lanhdao.hongbang');
});
afterAll(() => p?.close());

describe('analytics: channel filter, communes grid, printable report', () => {
  it('filters the dashboard, the index and the explanations by channel', async () => {
    const all = ok(await leader.get('/api/analytics/dashboard?at=2026-05'));
    expect(all.status).toMatchObject({ received: 3, finished: 2, onTime: 1, late: 1, open: 1, overdueNow: 1 });
    const person = ok(await leader.get('/api/analytics/dashboard?at=2026-05&channel=in_person'));
    expect(person.status).toMatchObject({ received: 1, finished: 1, onTime: 0, late: 1, open: 0 });
    const online = ok(await leader.get('/api/analytics/dashboard?at=2026-05&channel=online'));
    expect(online.status).toMatchObject({ received: 1, finished: 1, onTime: 1, late: 0 });
    expect(online.shares.filedOnline).toBe(1);
    const post = ok(await leader.get('/api/analytics/dashboard?at=2026-05&channel=post'));
    expect(post.status).toMatchObject({ received: 1, finished: 0, open: 1, overdueNow: 1 });
    expect(post.backlogByStep).toEqual([{ state: 'received', open: 1, overdue: 1 }]);

    const late = ok(await leader.get('/api/analytics/index/explain?at=2026-05&indicator=onTime&channel=in_person'));
    expect(late).toMatchObject({ kind: 'dossier', total: 1 });
    expect(late.items[0]).toMatchObject({ id: ids.inPerson, code: `BC-${ids.inPerson}` });
    expect(ok(await leader.get('/api/analytics/index/explain?at=2026-05&indicator=onTime&channel=online')).total).toBe(0);
    const idx = ok(await leader.get('/api/analytics/index?at=2026-05&channel=online'));
    const onTime = idx.groups.flatMap((g: { indicators: Array<{ id: string }> }) => g.indicators).find((i: { id: string }) => i.id === 'onTime');
    expect(onTime.inputs).toMatchObject({ onTime: 1, finished: 1, received: 1 });

    expect(ok(await leader.get('/api/analytics/dashboard?at=2026-05&channel=fax'), 400)).toBeTruthy();
  });

  it('lists the agencies of the scope with their volume and on-time rate', async () => {
    const all = ok(await leader.get(`/api/analytics/dashboard?at=2026-05&agency=${hb}`));
    expect(all.communes).toEqual([{ agencyId: hb, code: HONG_BANG, name: expect.stringContaining('Hồng Bàng'), received: 3, finished: 2, onTime: 1, late: 1, onTimeRate: 0.5 }]);
    const online = ok(await leader.get(`/api/analytics/dashboard?at=2026-05&agency=${hb}&channel=online`));
    expect(online.communes[0]).toMatchObject({ received: 1, onTimeRate: 1 });
  });

  it('prints the figures of the chosen filters as a PDF with Vietnamese text', async () => {
    const res = await leader.get(`/api/analytics/report.pdf?at=2026-05&agency=${hb}&channel=in_person`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain('bao-cao-thong-ke-2026-05.pdf');
    const text = pdfText(res.rawPayload);
    expect(text).toContain('BÁO CÁO THỐNG KÊ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(text).toContain('Kênh nộp hồ sơ: Trực tiếp');
    expect(text).toContain('Kỳ báo cáo: tháng 2026-05');
    expect(text).toMatch(/Tiếp nhận: 1 hồ sơ; đã giải quyết: 1, trong đó đúng hạn 0, trễ hạn 1/);
    expect(text).toContain('Chỉ số phục vụ (Quyết định 766)');
    expect(text).toMatch(/Hồng Bàng: 1 hồ sơ, đúng hạn 0 \/ 1/);

    const quarter = await leader.get('/api/analytics/report.pdf?period=quarter&at=2026-05');
    expect(quarter.statusCode).toBe(200);
    const q = pdfText(quarter.rawPayload);
    expect(q).toContain('Kênh nộp hồ sơ: tất cả');
    expect(q).toMatch(/Tiếp nhận: 3 hồ sơ/);

    const nq = await agencyId(p, NGO_QUYEN);
    expect(ok(await leader.get(`/api/analytics/report.pdf?agency=${nq}`), 403).code).toBe('analytics.out_of_jurisdiction');
  });
});
