import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import type { TestClient } from '../../../test/support/platform';
import { expectProblem } from '../../../test/support/platform';
import { principalOf } from '../../../test/support/identity/citizens';
import { agencyId, citizenClient, CITIZEN, CITIZEN_L1, ok, startDossierPlatform } from '../../../test/support/dossier';
import { auditLog } from '../../platform/audit/audit.schema';
import { outboxEvents } from '../../platform/events/outbox.schema';
import { tlogEntries, tlogPending } from '../../platform/tlog/tlog.schema';

const XAY_DUNG = '000.00.02.H38';
let p: Awaited<ReturnType<typeof startDossierPlatform>>;
let agency: string;
let chair: TestClient;
let leader: TestClient;
let member: TestClient;
let outsider: TestClient;
let stranger: TestClient;
let meetingId: string;

const key = () => ({ 'idempotency-key': randomUUID() });
const pdfBase64 = (title: string) => p.services.results.textPdf({ agency: { name: 'Sở Xây dựng', parentName: null }, title, sections: [{ lines: ['Nội dung dự thảo.'] }], signatures: [], subject: title, demo: true }, p.clock.now()).toString('base64');

beforeAll(async () => {
  p = await startDossierPlatform({ SESSION_IDLE_MINUTES: '1440' });
  p.clock.set('2026-05-11T02:00:00Z');
  agency = await agencyId(p, XAY_DUNG);
  chair = await p.loginAs('chuyenvien.xaydung');
  leader = await p.loginAs('lanhdao.xaydung');
  member = await p.loginAs('trakq.xaydung');
  outsider = await citizenClient(p, CITIZEN);
  stranger = await citizenClient(p, CITIZEN_L1);
});
afterAll(() => p?.close());

describe('a paperless meeting', () => {
  it('is created with officers and an outsider, who are invited', async () => {
    const [c, l, m] = await Promise.all([principalOf(p, chair), principalOf(p, leader), principalOf(p, member)]);
    const res = await chair.post(
      '/api/meetings',
      {
        agencyId: agency,
        title: 'Họp thẩm định quy hoạch chi tiết khu đô thị',
        agenda: ['Báo cáo thẩm định', 'Biểu quyết thông qua'],
        startsAt: '2026-05-11T11:00:00Z',
        endsAt: '2026-05-11T13:00:00Z',
        participants: [
          { kind: 'officer', accountId: c.accountId, role: 'chair', voting: true },
          { kind: 'officer', accountId: l.accountId, role: 'member', voting: true },
          { kind: 'officer', accountId: m.accountId, role: 'member', voting: true },
          { kind: 'outsider', personalId: CITIZEN, name: 'Nguyễn Văn An', role: 'guest', voting: true },
        ],
      },
      key(),
    );
    const body = ok(res, 201);
    meetingId = body.id;
    expect(body.participants).toHaveLength(4);
    expect(body.videoUrl).toBe(`https://meet.jit.si/motcua-${meetingId}`);
    expect(body.me).toMatchObject({ role: 'chair', organiser: true });
    const invited = await p.ctx.db.select().from(outboxEvents).where(and(eq(outboxEvents.aggregateId, meetingId), eq(outboxEvents.type, 'meeting.invited')));
    expect(invited).toHaveLength(4);
    expect(invited.some((e) => (e.payload as { personalId?: string }).personalId === CITIZEN)).toBe(true);
    // The outsider sees it among her meetings; someone not invited does not get in.
    expect(ok(await outsider.get('/api/meetings')).items.map((i: { id: string }) => i.id)).toContain(meetingId);
    expectProblem(await stranger.get(`/api/meetings/${meetingId}`), 403, 'meeting.not_participant');
    expectProblem(await outsider.post(`/api/meetings/${meetingId}/open`, undefined, key()), 403, 'meeting.not_organiser');
  });

  it('distributes documents as watermarked copies and logs every read', async () => {
    const withDeadline = ok(await chair.post(`/api/meetings/${meetingId}/documents`, { title: 'Dự thảo báo cáo thẩm định', file: { fileName: 'du-thao.pdf', contentBase64: pdfBase64('Dự thảo') }, opinionDeadline: '2026-05-11T10:00:00Z' }, key()), 201);
    expect(withDeadline.documents).toHaveLength(1);
    expectProblem(await chair.post(`/api/meetings/${meetingId}/documents`, { title: 'Hỏng', file: { fileName: 'x.pdf', contentBase64: Buffer.from('not a pdf').toString('base64') } }, key()), 400, 'meeting.not_pdf');
    const docId = withDeadline.documents[0].id;
    const res = await outsider.get(`/api/meetings/${meetingId}/documents/${docId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const copy = await PDFDocument.load(res.rawPayload);
    expect(copy.getSubject()).toContain('Nguyễn Văn An');
    const reads = ok(await chair.get(`/api/meetings/${meetingId}/documents/${docId}/reads`)).items;
    expect(reads).toEqual([expect.objectContaining({ participant: 'Nguyễn Văn An' })]);
    expectProblem(await outsider.get(`/api/meetings/${meetingId}/documents/${docId}/reads`), 403, 'meeting.not_organiser');
    const audited = await p.ctx.db.select().from(auditLog).where(and(eq(auditLog.targetId, meetingId), eq(auditLog.action, 'meeting.document_read')));
    expect(audited).toHaveLength(1);
  });

  it('takes written opinions before the deadline and refuses them after', async () => {
    const doc = ok(await chair.get(`/api/meetings/${meetingId}`)).documents[0];
    expect(doc.opinionOpen).toBe(true);
    const given = ok(await outsider.post(`/api/meetings/${meetingId}/documents/${doc.id}/opinions`, { stance: 'agree', text: 'Đồng ý với dự thảo.' }, key()), 201);
    expect(given.documents[0].myOpinion).toMatchObject({ stance: 'agree' });
    expectProblem(await outsider.post(`/api/meetings/${meetingId}/documents/${doc.id}/opinions`, { stance: 'disagree', text: 'Đổi ý.' }, key()), 409, 'meeting.already_given');
    p.clock.set('2026-05-11T10:00:00Z');
    expectProblem(await leader.post(`/api/meetings/${meetingId}/documents/${doc.id}/opinions`, { stance: 'comment', text: 'Góp ý muộn.' }, key()), 409, 'meeting.opinion_closed');
    const seen = ok(await chair.get(`/api/meetings/${meetingId}`)).documents[0];
    expect(seen.opinionOpen).toBe(false);
    expect(seen.opinions).toEqual([expect.objectContaining({ participant: 'Nguyễn Văn An', stance: 'agree' })]);
  });

  it('votes with and without quorum', async () => {
    p.clock.set('2026-05-11T11:00:00Z');
    ok(await chair.post(`/api/meetings/${meetingId}/open`, undefined, key()));
    const joined = ok(await outsider.post(`/api/meetings/${meetingId}/attendance`, undefined, key()));
    expect(joined.participants.find((x: { name: string }) => x.name === 'Nguyễn Văn An').attendedAt).not.toBeNull();
    await leader.post(`/api/meetings/${meetingId}/attendance`, undefined, key());

    // More than half of 4 voting members must take part: one ballot is not enough.
    const first = ok(await chair.post(`/api/meetings/${meetingId}/votes`, { question: 'Thông qua báo cáo (lần 1)', quorum: 'more_than_half', majority: 'of_cast' }, key()), 201).votes[0];
    ok(await outsider.post(`/api/meetings/${meetingId}/votes/${first.id}/ballots`, { choice: 'yes' }, key()), 201);
    expectProblem(await outsider.post(`/api/meetings/${meetingId}/votes/${first.id}/ballots`, { choice: 'no' }, key()), 409, 'meeting.already_given');
    expectProblem(await chair.post(`/api/meetings/${meetingId}/close`, undefined, key()), 409, 'meeting.votes_open');
    const none = ok(await chair.post(`/api/meetings/${meetingId}/votes/${first.id}/close`, undefined, key()));
    expect(none.result).toEqual({ members: 4, yes: 1, no: 0, abstain: 0, outcome: 'no_quorum' });
    expectProblem(await leader.post(`/api/meetings/${meetingId}/votes/${first.id}/ballots`, { choice: 'yes' }, key()), 409, 'meeting.vote_closed');

    const second = ok(await chair.post(`/api/meetings/${meetingId}/votes`, { question: 'Thông qua báo cáo (lần 2)', quorum: 'more_than_half', majority: 'of_cast' }, key()), 201).votes[1];
    for (const [c, choice] of [[outsider, 'yes'], [leader, 'yes'], [member, 'no']] as const) ok(await c.post(`/api/meetings/${meetingId}/votes/${second.id}/ballots`, { choice }, key()), 201);
    const mine = ok(await outsider.get(`/api/meetings/${meetingId}`)).votes[1];
    expect(mine).toMatchObject({ myChoice: 'yes', ballots: 3, result: null });
    const adopted = ok(await chair.post(`/api/meetings/${meetingId}/votes/${second.id}/close`, undefined, key()));
    expect(adopted.result).toEqual({ members: 4, yes: 2, no: 1, abstain: 0, outcome: 'adopted' });
  });

  it('signs the minutes at the end, audited and logged', async () => {
    expectProblem(await chair.post(`/api/meetings/${meetingId}/minutes`, { summary: 'Thông qua.' }, key()), 409, 'meeting.wrong_state');
    ok(await chair.post(`/api/meetings/${meetingId}/close`, undefined, key()));
    const k = key();
    const signed = ok(await chair.post(`/api/meetings/${meetingId}/minutes`, { summary: 'Hội nghị thông qua báo cáo thẩm định.' }, k));
    expect(signed.state).toBe('minutes_signed');
    // A replay answers the first answer.
    const replay = await chair.post(`/api/meetings/${meetingId}/minutes`, { summary: 'Hội nghị thông qua báo cáo thẩm định.' }, k);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const pdf = await outsider.get(`/api/meetings/${meetingId}/minutes.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain('/ETSI.CAdES.detached');
    const leaves = await p.ctx.db.select().from(tlogPending).where(and(eq(tlogPending.kind, 'meeting_minutes'), eq(tlogPending.ref, meetingId)));
    const entries = await p.ctx.db.select().from(tlogEntries).where(and(eq(tlogEntries.kind, 'meeting_minutes'), eq(tlogEntries.ref, meetingId)));
    expect(leaves.length + entries.length).toBe(1);
    const actions = (await p.ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, meetingId))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['meeting.created', 'meeting.opened', 'meeting.vote_closed', 'meeting.closed', 'meeting.minutes_signed']));
  });
});
