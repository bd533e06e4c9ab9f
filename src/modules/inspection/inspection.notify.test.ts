/**
 * The inspection's notices to the inspected enterprise's legal representative, through the outbox and the notify
 * module: the inspection scheduled (its plan approved), then the minutes the team signed waiting for her signature —
 * read in her in-app inbox through the API; the remote session's invitation reaches her as a meeting guest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { TestClient } from '../../../test/support/platform';
import { principalOf } from '../../../test/support/identity/citizens';
import { agencyId, citizenClient, CITIZEN, ok, startDossierPlatform } from '../../../test/support/dossier';

const XAY_DUNG = '000.00.02.H38';
const ENTERPRISE = '0201234567'; // legal representative: CITIZEN
let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let lead: TestClient;
let leader: TestClient;
let rep: TestClient;

const key = () => ({ 'idempotency-key': randomUUID() });
type Item = { kind: string; title: string; body: string };

beforeAll(async () => {
  p = await startDossierPlatform({ SESSION_IDLE_MINUTES: '1440' });
  p.clock.set('2026-05-11T01:00:00Z');
  lead = await p.loginAs('chuyenvien.xaydung');
  leader = await p.loginAs('lanhdao.xaydung');
  // She has signed in once: she has an account for her inbox.
  rep = await citizenClient(p, CITIZEN);
});
afterAll(() => p?.close());

describe('inspection notifications', () => {
  it('tell the representative the inspection is scheduled, then that the minutes wait for her signature', async () => {
    const l = await principalOf(p, lead);
    const planned = ok(
      await lead.post(
        '/api/inspections',
        { agencyId: await agencyId(p, XAY_DUNG), enterpriseCode: ENTERPRISE, title: 'Kiểm tra công tác bảo vệ môi trường trong thi công', scope: 'Công trình mở rộng bến cảng số 3', legalBasis: 'Quyết định số 15/QĐ-SXD ngày 05/5/2026', team: [{ accountId: l.accountId, role: 'lead' }], startsOn: '2026-05-11', endsOn: '2026-05-15' },
        key(),
      ),
      201,
    );
    const id = planned.id as string;
    const mine = async (): Promise<Item[]> => ok(await rep.get('/api/me/notifications?limit=100')).items.filter((i: Item) => i.body.includes(`/kiem-tra/${id}`) || i.body.includes(planned.code));
    await p.services.notify.drain();
    expect(await mine()).toEqual([]); // a draft is not the entity's business yet

    ok(await leader.post(`/api/inspections/${id}/approve`, undefined, key()));
    await p.services.notify.drain();
    const scheduled = (await mine()).filter((i) => i.kind === 'inspection_scheduled');
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0].title).toBe(`Thông báo kiểm tra ${planned.code} — Công ty Cổ phần Dịch vụ Cảng Hải Phòng Xanh`);
    expect(scheduled[0].body).toContain('Thời gian kiểm tra: 11/05/2026 – 15/05/2026.');

    ok(await lead.post(`/api/inspections/${id}/start`, { startsAt: '2026-05-11T02:00:00Z', endsAt: '2026-05-11T04:00:00Z' }, key()));
    ok(await lead.post(`/api/inspections/${id}/findings`, { text: 'Chưa có biện pháp che chắn bụi.' }, key()), 201);
    ok(await lead.post(`/api/inspections/${id}/minutes/team-signature`, undefined, key()));
    await p.services.notify.drain();
    const toSign = (await mine()).filter((i) => i.kind === 'inspection_minutes_to_sign');
    expect(toSign).toHaveLength(1);
    expect(toSign[0].title).toBe(`Biên bản kiểm tra ${planned.code} chờ Ông/Bà ký`);
    expect(toSign[0].body).toContain(`/kiem-tra/${id}`);
    // The remote session's invitation, as a guest of the meeting.
    const guest = ok(await rep.get('/api/me/notifications?limit=100')).items.filter((i: Item) => i.kind === 'meeting_guest_invited' && i.title.includes(planned.code));
    expect(guest).toHaveLength(1);
  });
});
