/**
 * The meeting's notifications through the outbox and the notify module: the invitation of each participant (an
 * officer by her account, an outsider by her citizen account) and the reminder before the meeting and the deadline
 * of written opinions, read in the recipients' in-app inboxes through the API (and sent by e-mail to an address).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { TestClient } from '../../../test/support/platform';
import { principalOf } from '../../../test/support/identity/citizens';
import { agencyId, citizenClient, CITIZEN, ok, startDossierPlatform } from '../../../test/support/dossier';

const XAY_DUNG = '000.00.02.H38';
let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let chair: TestClient;
let member: TestClient;
let guest: TestClient;
let meetingId: string;

const key = () => ({ 'idempotency-key': randomUUID() });
type Item = { kind: string; title: string; body: string };
const TITLE = 'Họp thẩm định phương án phòng cháy công trình cảng';
// The demo data's meetings invite the same people: this meeting's notices only.
const inbox = async (c: TestClient): Promise<Item[]> => ok(await c.get('/api/me/notifications?limit=100')).items.filter((i: Item) => i.title.includes(TITLE));

beforeAll(async () => {
  p = await startDossierPlatform({ SESSION_IDLE_MINUTES: '1440', NOTIFY_SIMULATOR: 'true' });
  p.clock.set('2026-05-11T02:00:00Z');
  chair = await p.loginAs('chuyenvien.xaydung');
  member = await p.loginAs('trakq.xaydung');
  guest = await citizenClient(p, CITIZEN);
});
afterAll(() => p?.close());

describe('meeting notifications', () => {
  it('invite every participant: the officers and the outsider, in their in-app inboxes', async () => {
    const [c, m] = await Promise.all([principalOf(p, chair), principalOf(p, member)]);
    // Whom the chair may invite: the agency's officers, by name (not for others).
    const agency = await agencyId(p, XAY_DUNG);
    const officers = ok(await chair.get(`/api/meetings/officers?agencyId=${agency}`)).items.map((o: { accountId: string }) => o.accountId);
    expect(officers).toEqual(expect.arrayContaining([c.accountId, m.accountId]));
    expect((await guest.get(`/api/meetings/officers?agencyId=${agency}`)).statusCode).toBe(403);
    // The member gave an e-mail address for her notifications.
    ok(await member.put('/api/me/notification-preferences', { language: 'vi', email: 'tuan.tm@soxaydung.example.gov.vn', phone: null, channels: { email: true, sms: false, zalo: false } }));
    const created = ok(
      await chair.post(
        '/api/meetings',
        {
          agencyId: agency,
          title: TITLE,
          agenda: ['Báo cáo thẩm định'],
          startsAt: '2026-05-13T02:00:00Z',
          endsAt: '2026-05-13T04:00:00Z',
          participants: [
            { kind: 'officer', accountId: c.accountId, role: 'chair', voting: true },
            { kind: 'officer', accountId: m.accountId, role: 'member', voting: true },
            { kind: 'outsider', personalId: CITIZEN, name: 'Nguyễn Văn An', role: 'guest', voting: false },
          ],
        },
        key(),
      ),
      201,
    );
    meetingId = created.id;
    const pdf = p.services.results.textPdf({ agency: { name: 'Sở Xây dựng', parentName: null }, title: 'Dự thảo', sections: [{ lines: ['Nội dung.'] }], signatures: [], subject: 'Dự thảo', demo: true }, p.clock.now()).toString('base64');
    // Opinions due at 10:00 tomorrow (Vietnam time): 25 hours ahead.
    ok(await chair.post(`/api/meetings/${meetingId}/documents`, { title: 'Dự thảo phương án', file: { fileName: 'du-thao.pdf', contentBase64: pdf }, opinionDeadline: '2026-05-12T03:00:00Z' }, key()), 201);
    await p.services.notify.drain();
    const mine = (await inbox(member)).filter((i) => i.kind === 'meeting_invited');
    expect(mine).toHaveLength(1);
    expect(mine[0].title).toBe(`Giấy mời họp: ${TITLE}`);
    expect(mine[0].body).toContain('13/05/2026 09:00');
    expect(mine[0].body).toContain(`/can-bo/hop/${meetingId}`);
    const theirs = (await inbox(guest)).filter((i) => i.kind === 'meeting_guest_invited');
    expect(theirs).toHaveLength(1);
    expect(theirs[0].body).toContain(`/hop/${meetingId}`);
    expect(theirs[0].body).not.toContain('/can-bo/');
    // And she is written to at her address.
    const mail = p.services.notify.simulator!.of('email').filter((x) => x.to === 'tuan.tm@soxaydung.example.gov.vn');
    expect(mail.map((x) => x.subject)).toContain(`Giấy mời họp: ${TITLE}`);
  });

  it('remind once, within a day of the opinion deadline, those who have not answered', async () => {
    // More than a day before the deadline and the meeting: nothing due yet.
    expect(await p.services.meetings.service.remindDue(p.clock.now())).toBe(0);
    ok(await member.post(`/api/meetings/${meetingId}/documents/${ok(await member.get(`/api/meetings/${meetingId}`)).documents[0].id}/opinions`, { stance: 'agree', text: 'Nhất trí.' }, key()), 201);
    p.clock.set('2026-05-11T06:00:00Z');
    expect(await p.services.meetings.service.remindDue(p.clock.now())).toBe(1);
    expect(await p.services.meetings.service.remindDue(p.clock.now())).toBe(0);
    await p.services.notify.drain();
    const theirs = (await inbox(guest)).filter((i) => i.kind === 'meeting_guest_reminder');
    expect(theirs).toHaveLength(1);
    expect(theirs[0].body).toContain('Hạn góp ý kiến bằng văn bản: 12/05/2026 10:00');
    const chairs = (await inbox(chair)).filter((i) => i.kind === 'meeting_reminder');
    expect(chairs).toHaveLength(1);
    // The member answered already: reminded of the meeting, not of the deadline.
    const members = (await inbox(member)).filter((i) => i.kind === 'meeting_reminder');
    expect(members).toHaveLength(1);
    expect(members[0].body).not.toContain('Hạn góp ý');
  });
});
