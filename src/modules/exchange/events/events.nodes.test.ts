/**
 * Two `motcua start` processes, each with its own database (node B on the PostgreSQL server when
 * MOTCUA_TEST_DB=postgres), over the machine's NATS server: a consultation asked on node A (Hồng Bàng) of the
 * Department of Justice hosted on node B, answered on B, the answer back on A. Each node is restarted while a
 * message for it is in flight (B is down when A asks; A is down when B answers): nothing is lost, nothing is applied
 * twice. The databases start from this run's template (migrated, demo data) so the processes start fast.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres } from '../../../../test/support/platform';
import { agencyIdOf, dropStream, login, natsEnv, NodeProcesses, ok, until, type Node } from '../../../../test/support/nodes';

const run = `n${randomBytes(4).toString('hex')}`;
const HONG_BANG = '000.00.21.H38';
const TU_PHAP = '000.00.01.H38';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const procs = new NodeProcesses(run);

async function node(name: string, agencies: string, pgUrl: string | null): Promise<Node> {
  return procs.node(name, {
    pgUrl,
    env: natsEnv(run, name, agencies),
  });
}

let a: Node;
let b: Node;

beforeAll(async () => {
  a = await node('node_a', HONG_BANG, null);
  b = await node('node_b', TU_PHAP, onPostgres ? await procs.pgDatabase() : null);
  await procs.start(a);
  await procs.start(b);
}, 400_000);

afterAll(async () => {
  await procs.close();
  await dropStream(run);
});

describe('a consultation between two motcua processes', () => {
  it('asked on A, answered on B, back on A; each node restarted with a message in flight, nothing lost or applied twice', async () => {
    const sample = JSON.parse(fs.readFileSync(path.join(ROOT, 'seed/catalog/civil-status/birth-re-registration.json'), 'utf8')).procedures.find((p: any) => p.key === 'birth-re-registration').sampleData;
    const adminA = await login(a, 'admin');
    const adminB = await login(b, 'admin');
    ok(await adminA.put(`/api/exchange/remote-agencies/${TU_PHAP}`, { name: 'Sở Tư pháp thành phố Hải Phòng', node: 'node_b' }));
    ok(await adminB.put(`/api/exchange/remote-agencies/${HONG_BANG}`, { name: 'Ủy ban nhân dân phường Hồng Bàng', node: 'node_a' }));

    // On A: a counter filing received and taken up by the specialist.
    const desk = await login(a, 'tiepnhan.hongbang');
    const specialistA = await login(a, 'chuyenvien.hongbang');
    const hb = await agencyIdOf(a, HONG_BANG);
    const d = ok(await desk.post('/api/officer/dossiers', { procedure: 'birth-re-registration', agencyId: hb, channel: 'in_person', applicant: { type: 'citizen', personalId: '031190004567', fullName: 'Trần Thị Bình' }, data: sample }), 201);
    const form = new FormData();
    form.set('documentId', 'personal-records');
    form.set('file', new Blob([Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')], { type: 'application/pdf' }), 'giay-to.pdf');
    ok(await desk.post(`/api/dossiers/${d.id}/attachments`, form), 201);
    ok(await desk.post(`/api/dossiers/${d.id}/submit`));
    ok(await desk.post(`/api/dossiers/${d.id}/receive`));
    ok(await specialistA.post(`/api/dossiers/${d.id}/claim`));

    // B is down when A asks: the question waits in the stream for B's durable consumer.
    await procs.stop(b);
    const asked = ok(await specialistA.post('/api/exchange/consultations', { dossierId: d.id, agencyCode: TU_PHAP, question: 'Xin xác minh thông tin hộ tịch' }), 201);
    expect(ok(await specialistA.get(`/api/dossiers/${d.id}`)).state).toBe('consulting');
    await until(async () => ok(await adminA.get('/api/exchange/events/status')).pending === 0, 'A to publish the question');
    await procs.start(b);
    const specialistB = await login(b, 'chuyenvien.tuphap');
    const incoming = await until(async () => ok(await specialistB.get('/api/exchange/consultations?direction=incoming')).items.filter((x: any) => x.id === asked.id), 'the question on B');
    expect(incoming).toHaveLength(1);

    // A is down when B answers: the answer waits in the stream for A's durable consumer.
    await procs.stop(a);
    ok(await specialistB.post(`/api/exchange/consultations/${asked.id}/answer`, { opinion: 'Thông tin hộ tịch khớp với sổ đăng ký' }));
    const adminB2 = await login(b, 'admin');
    await until(async () => ok(await adminB2.get('/api/exchange/events/status')).pending === 0, 'B to publish the answer');
    await procs.start(a);
    const specialistA2 = await login(a, 'chuyenvien.hongbang');
    const back = await until(async () => {
      const v = ok(await specialistA2.get(`/api/dossiers/${d.id}`));
      return v.state === 'processing' ? v : null;
    }, 'the answer on A');
    expect(back.timeline.filter((t: any) => t.type === 'answer_consultation')).toHaveLength(1);
    expect(back.timeline.filter((t: any) => t.type === 'request_consultation')).toHaveLength(1);
    expect(ok(await specialistA2.get(`/api/exchange/consultations/${asked.id}`))).toMatchObject({ status: 'answered', answeredBy: 'Bùi Quang Huy' });
    // Still once on B after its restart.
    expect(ok(await specialistB.get('/api/exchange/consultations?direction=incoming')).items.filter((x: any) => x.id === asked.id)).toHaveLength(1);
  }, 300_000);
});
