/**
 * Three `motcua start` processes, each with its own database (the department's on the PostgreSQL server when
 * MOTCUA_TEST_DB=postgres), over the machine's NATS server: a ward (Hồng Bàng, node A), the Department of Justice
 * (node B) and a ministry-level population registry holding the exchange's configuration authority role (node C).
 * A ward's dossier is transferred (liên thông) to the department, which opens its own dossier, looks its applicant
 * up in C's registry through the two X-Road gateways (purpose and case: its dossier code), works the dossier to its
 * result and answers back; the outcome is recorded on the origin dossier, which returns to processing; the read is
 * in the applicant's tracker at C, the node holding her record. Node B is killed (SIGKILL) after the receipt and
 * before the answer, then started again: the transfer completes, nothing is duplicated on either side (the same
 * transfer replayed under another event id opens no second dossier).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { openDatabase } from '../../../platform/db/client';
import { onPostgres } from '../../../../test/support/platform';
import { agencyIdOf, dropStream, exchangeCli, login, natsEnv, NATS, NodeProcesses, ok, until, type Node } from '../../../../test/support/nodes';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const run = `x${randomBytes(4).toString('hex')}`;
const STREAM = `MOTCUA_TEST_${run}`;
const HONG_BANG = '000.00.21.H38';
const TU_PHAP = '000.00.01.H38';
/** Nguyễn Văn An: in the demo population registry (node C). */
const AN = '031085001234';
const REGISTRY = '000.00.00.G01';

const procs = new NodeProcesses(run);

async function node(name: string, agencies: string | null, pgUrl: string | null, member: string, extra: Record<string, string> = {}): Promise<Node> {
  return procs.node(name, {
    pgUrl,
    member,
    env: {
      EXCHANGE_GLOBALCONF_REFRESH_MS: '300',
      ...(agencies ? natsEnv(run, name, agencies) : {}),
      ...extra,
    },
  });
}

const cli = exchangeCli;

let a: Node;
let b: Node;
let c: Node;

beforeAll(async () => {
  c = await node('node_c', null, null, REGISTRY);
  a = await node('node_a', HONG_BANG, null, HONG_BANG);
  b = await node('node_b', TU_PHAP, onPostgres ? await procs.pgDatabase() : null, TU_PHAP, { EXCHANGE_AUTHORITY_URL: c.url });
  // C becomes the configuration authority (and the registry's provider); B joins and may read the population registry.
  const init = await cli(c, 'init', '--name', 'Bộ Công an (thử nghiệm)');
  const join = await cli(b, 'join', '--name', 'Sở Tư pháp thành phố Hải Phòng', '--authority-key', init.authorityKey);
  await cli(c, 'authority', 'add-member', '--request', join.registration);
  expect(await cli(c, 'authority', 'publish')).toMatchObject({ version: 2, members: 2 });
  await cli(c, 'access', 'grant', '--service', 'population', '--client', b.id);
  await procs.start(c);
  await procs.start(a);
  await procs.start(b);
}, 400_000);

afterAll(async () => {
  await procs.close();
  await dropStream(run);
});

describe('a dossier transferred between motcua processes, with a registry lookup through the gateway', () => {
  it('ward on A → department on B (its registry lookup at C), answered back; B killed after the receipt and restarted, nothing lost or applied twice', async () => {
    const sample = JSON.parse(fs.readFileSync(path.join(ROOT, 'seed/catalog/civil-status/birth-re-registration.json'), 'utf8')).procedures.find((p: any) => p.key === 'birth-re-registration').sampleData;
    const adminA = await login(a, 'admin');
    const adminB = await login(b, 'admin');
    ok(await adminA.put(`/api/exchange/remote-agencies/${TU_PHAP}`, { name: 'Sở Tư pháp thành phố Hải Phòng', node: 'node_b' }));
    ok(await adminB.put(`/api/exchange/remote-agencies/${HONG_BANG}`, { name: 'Ủy ban nhân dân phường Hồng Bàng', node: 'node_a' }));

    // On A: a counter filing received and taken up by the ward's specialist.
    const desk = await login(a, 'tiepnhan.hongbang');
    const specialistA = await login(a, 'chuyenvien.hongbang');
    const d = ok(await desk.post('/api/officer/dossiers', { procedure: 'birth-re-registration', agencyId: await agencyIdOf(a, HONG_BANG), channel: 'in_person', applicant: { type: 'citizen', personalId: AN, fullName: 'Nguyễn Văn An' }, data: sample }), 201);
    const form = new FormData();
    form.set('documentId', 'personal-records');
    form.set('file', new Blob([Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')], { type: 'application/pdf' }), 'giay-to.pdf');
    ok(await desk.post(`/api/dossiers/${d.id}/attachments`, form), 201);
    const { code } = ok(await desk.post(`/api/dossiers/${d.id}/submit`));
    ok(await desk.post(`/api/dossiers/${d.id}/receive`));
    ok(await specialistA.post(`/api/dossiers/${d.id}/claim`));

    // The transfer: A's dossier waits for the department; the request goes over NATS.
    const sent = ok(await specialistA.post('/api/exchange/transfers', { dossierId: d.id, agencyCode: TU_PHAP, note: 'Đề nghị Sở Tư pháp giải quyết theo thẩm quyền' }), 201);
    expect(sent).toMatchObject({ direction: 'outgoing', status: 'sent', dossierCode: code, to: { code: TU_PHAP }, procedureKey: 'birth-re-registration' });
    expect(ok(await specialistA.get(`/api/dossiers/${d.id}`)).state).toBe('consulting');

    // On B: received, and the department's own dossier opened for its one-stop desk, with the applicant.
    const deskB = await login(b, 'tiepnhan.tuphap');
    const got = await until(async () => ok(await deskB.get('/api/exchange/transfers?direction=incoming')).items.find((x: any) => x.id === sent.id && x.status === 'received'), 'the transfer on B');
    expect(got).toMatchObject({ dossierCode: code, from: { code: HONG_BANG }, note: 'Đề nghị Sở Tư pháp giải quyết theo thẩm quyền', localDossierId: expect.any(String) });
    const opened = ok(await deskB.get(`/api/dossiers/${got.localDossierId}`));
    expect(opened).toMatchObject({ state: 'submitted', code: got.remoteDossierCode });
    expect(opened.code.startsWith(TU_PHAP)).toBe(true);

    // B looks the applicant up in C's registry through the two gateways, for its dossier (purpose and case).
    const lookup = () =>
      fetch(`${b.url}/r1/${c.id}/population/people/${AN}?fields=fullName`, { headers: { 'x-road-client': b.id, 'x-road-id': `xfer-${run}`, 'x-road-issue': opened.code, 'x-motcua-purpose': 'dossier_processing', 'x-road-userid': 'VN/chuyenvien.tuphap' } });
    let res = await lookup();
    for (let i = 0; i < 60 && res.headers.get('x-road-error') === 'Server.ClientProxy.OutdatedGlobalConf'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      res = await lookup();
    }
    const person = await res.json();
    expect(res.status, JSON.stringify(person)).toBe(200);
    expect(person).toEqual({ personalId: AN, fullName: expect.any(String) });
    expect(res.headers.get('x-road-service')).toBe(`${c.id}/population`);

    // B is killed after the receipt, before its answer, and started again.
    await procs.stop(b, 'SIGKILL');
    await procs.start(b);
    const deskB2 = await login(b, 'tiepnhan.tuphap');
    const afterRestart = ok(await deskB2.get('/api/exchange/transfers?direction=incoming')).items.filter((x: any) => x.id === sent.id);
    expect(afterRestart).toHaveLength(1);
    expect(afterRestart[0]).toMatchObject({ status: 'received', localDossierId: got.localDossierId });
    const toReceive = ok(await deskB2.get('/api/officer/inbox?queue=to_receive')).items.filter((x: any) => x.subject.id === AN);
    expect(toReceive.map((x: any) => x.id)).toEqual([got.localDossierId]);

    // The same transfer again under another event id (past the inbox and the stream's de-duplication), then a marker
    // transfer behind it on the same consumer: once the marker's dossier exists, the replay was seen, and opened nothing.
    const nc = await connect({ servers: NATS });
    const stored = await (await jetstreamManager(nc)).streams.getMessage(STREAM, { last_by_subj: `motcua_${run}.agency.${TU_PHAP}.transfer.requested` });
    const original = stored!.json<Record<string, any>>();
    const js = jetstream(nc);
    await js.publish(stored!.subject, JSON.stringify({ ...original, id: randomUUID() }), { msgID: randomUUID() });
    const marker = { ...original, id: randomUUID(), body: { ...original.body, transferId: randomUUID(), dossierCode: 'MARKER' } };
    await js.publish(stored!.subject, JSON.stringify(marker), { msgID: marker.id });
    await nc.close();
    await until(async () => ok(await deskB2.get('/api/exchange/transfers?direction=incoming')).items.some((x: any) => x.id === marker.body.transferId && x.status === 'received'), 'the marker on B');
    expect(ok(await deskB2.get('/api/exchange/transfers?direction=incoming')).items.filter((x: any) => x.id === sent.id)).toHaveLength(1);
    expect(ok(await deskB2.get('/api/officer/inbox?queue=to_receive')).items.filter((x: any) => x.subject.id === AN)).toHaveLength(2); // the transfer's and the marker's

    // B works its dossier to the result; the outcome goes back by itself.
    const id = got.localDossierId;
    ok(await deskB2.post(`/api/dossiers/${id}/receive`));
    const specialistB = await login(b, 'chuyenvien.tuphap');
    ok(await specialistB.post(`/api/dossiers/${id}/claim`));
    ok(await specialistB.post(`/api/dossiers/${id}/propose`, { recommendation: 'approve' }));
    ok(await (await login(b, 'lanhdao.tuphap')).post(`/api/dossiers/${id}/approve`, {}));
    ok(await (await login(b, 'trakq.tuphap')).post(`/api/dossiers/${id}/issue-result`, { electronic: false }));

    // A: the outcome recorded on the transfer and on the origin dossier, back in processing, once.
    const back = await until(async () => {
      const v = ok(await specialistA.get(`/api/dossiers/${d.id}`));
      return v.state === 'processing' ? v : null;
    }, 'the outcome on A');
    const answers = back.timeline.filter((t: any) => t.type === 'answer_consultation');
    expect(answers).toHaveLength(1);
    expect(JSON.stringify(answers[0])).toContain('Kết quả liên thông');
    const done = ok(await specialistA.get(`/api/exchange/transfers/${sent.id}`));
    expect(done).toMatchObject({ status: 'answered', outcome: 'result_issued', remoteDossierCode: opened.code, answeredBy: expect.any(String) });
    expect(ok(await deskB2.get(`/api/exchange/transfers/${sent.id}`))).toMatchObject({ status: 'answered', outcome: 'result_issued' });
    const adminB2 = await login(b, 'admin');
    await until(async () => ok(await adminB2.get('/api/exchange/events/status')).pending === 0, 'B to publish the answer');
    expect(ok(await specialistA.get('/api/exchange/transfers?direction=outgoing')).items.filter((x: any) => x.id === sent.id)).toHaveLength(1);

    // The applicant's tracker at C, the node holding her record: B's read, with its purpose and case (C's PGlite
    // database is read once C has stopped: one process at a time).
    await procs.stop(c);
    const database = await openDatabase({ dataDir: c.env.DATA_DIR });
    try {
      const reads = (await database.db.execute(`select client, purpose, dossier_id, fields from data_access_log where subject_id = '${AN}' and request_id = 'xfer-${run}'` as never)) as unknown as { rows: any[] };
      expect(reads.rows).toHaveLength(1);
      expect(reads.rows[0]).toMatchObject({ purpose: 'dossier_processing', dossier_id: opened.code, fields: ['fullName'] });
      expect(reads.rows[0].client).toContain(b.id);
    } finally {
      await database.close();
    }
  }, 300_000);
});
