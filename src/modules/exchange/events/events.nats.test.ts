/**
 * Events between nodes with the REAL NATS server: two platforms (each its own database) in this process, node A
 * hosting Hồng Bàng, node B hosting the Department of Justice. A consultation asked on A is seen and answered on B;
 * the answer returns A's dossier to processing with form 06 rows both ways. A re-publication with the same
 * Nats-Msg-Id is stored once; the same event under another message id is applied once (inbox); with the NATS server
 * down the message waits in the outbound table and goes when it is back, and a server back without its store gets
 * the stream and the durable consumers again (a private nats-server for that part).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { eq, sql } from 'drizzle-orm';
import type { TestClient } from '../../../../test/support/platform';
import { agencyId, citizenClient, CITIZEN, HONG_BANG, ok, startDossierPlatform, submittedDossier, TU_PHAP, vn } from '../../../../test/support/dossier';
import { exchangeInbox, exchangeOutbound } from './events.schema';

const NATS = 'nats://127.0.0.1:4222';
const run = `t${randomBytes(4).toString('hex')}`;
const STREAM = `MOTCUA_TEST_${run}`;
const PREFIX = `motcua_${run}`;

type P = Awaited<ReturnType<typeof startDossierPlatform>>;

const nodeEnv = (node: string, agencies: string, url = NATS, stream = STREAM, prefix = PREFIX) => ({
  NATS_URL: url,
  NATS_STREAM: stream,
  NATS_SUBJECT_PREFIX: prefix,
  NATS_NODE: node,
  NATS_AGENCIES: agencies,
  NATS_RELAY_POLL_MS: '50',
  NATS_RETRY_BASE_MS: '50',
  NATS_RETRY_MAX_MS: '400',
  NATS_PUBLISH_TIMEOUT_MS: '500',
  OUTBOX_POLL_MS: '30',
});

async function startNode(env: Record<string, string>): Promise<P> {
  const p = await startDossierPlatform(env);
  p.ctx.dispatcher.start();
  p.services.exchangeEvents.start();
  return p;
}

async function register(p: P, code: string, name: string, node: string) {
  const admin = await p.loginAs('admin');
  ok(await admin.put(`/api/exchange/remote-agencies/${code}`, { name, node }, { 'idempotency-key': randomUUID() }));
}

/** A dossier of Hồng Bàng on `p`, received and taken up by the specialist: in processing. */
async function processingDossier(p: P, specialist: TestClient) {
  const citizen = await citizenClient(p, CITIZEN);
  const desk = await p.loginAs('tiepnhan.hongbang');
  p.clock.set(vn('2026-03-16T08:30'));
  const d = await submittedDossier(p, citizen, await agencyId(p, HONG_BANG));
  p.clock.set(vn('2026-03-16T09:00'));
  ok(await desk.post(`/api/dossiers/${d.id}/receive`));
  ok(await specialist.post(`/api/dossiers/${d.id}/claim`));
  return d;
}

const until = async <T,>(f: () => Promise<T | undefined | null | false>, what: string, ms = 60_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('consultation across two nodes over NATS JetStream', () => {
  let a: P;
  let b: P;
  let specialistA: TestClient;
  let specialistB: TestClient;

  beforeAll(async () => {
    // One after the other: a loaded machine starts two platforms at once too slowly for Fastify's plugin timeout.
    a = await startNode(nodeEnv('node_a', HONG_BANG));
    b = await startNode(nodeEnv('node_b', TU_PHAP));
    const names = async (p: P) => new Map(((await p.anonymous().get('/api/agencies')).json() as Array<{ code: string; name: string }>).map((x) => [x.code, x.name]));
    const [na, nb] = await Promise.all([names(a), names(b)]);
    await register(a, TU_PHAP, nb.get(TU_PHAP)!, 'node_b');
    await register(b, HONG_BANG, na.get(HONG_BANG)!, 'node_a');
    specialistA = await a.loginAs('chuyenvien.hongbang');
    specialistB = await b.loginAs('chuyenvien.tuphap');
  }, 400_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    const nc = await connect({ servers: NATS });
    await (await jetstreamManager(nc)).streams.delete(STREAM).catch(() => undefined);
    await nc.close();
  });

  it('asks on A, answers on B, the answer comes back on A; each event applied once', async () => {
    const d = await processingDossier(a, specialistA);
    a.clock.set(vn('2026-03-16T10:00'));
    const asked = ok(await specialistA.post('/api/exchange/consultations', { dossierId: d.id, agencyCode: TU_PHAP, question: 'Xin xác minh hộ tịch', workingDays: 2 }, { 'idempotency-key': randomUUID() }), 201);
    expect(asked).toMatchObject({ direction: 'outgoing', status: 'asked', to: { code: TU_PHAP }, dossierCode: d.code });
    const consulting = ok(await specialistA.get(`/api/dossiers/${d.id}`));
    expect(consulting.state).toBe('consulting');
    expect(consulting.consultations.at(-1)).toMatchObject({ agency: TU_PHAP, stepDueAt: vn('2026-03-18T10:00').toISOString() });

    // B: the consulted agency's specialist sees the request.
    const incoming = await until(async () => ok(await specialistB.get('/api/exchange/consultations?direction=incoming')).items.find((x: any) => x.id === asked.id), 'the request on B');
    expect(incoming).toMatchObject({ direction: 'incoming', dossierCode: d.code, question: 'Xin xác minh hộ tịch', from: { code: HONG_BANG }, status: 'asked' });
    // Another agency's specialist on B does not.
    expect(ok(await (await b.loginAs('chuyenvien.hongbang')).get('/api/exchange/consultations?direction=incoming')).items.some((x: any) => x.id === asked.id)).toBe(false);

    b.clock.set(vn('2026-03-17T15:00'));
    const answered = ok(await specialistB.post(`/api/exchange/consultations/${asked.id}/answer`, { opinion: 'Thông tin hộ tịch khớp' }, { 'idempotency-key': randomUUID() }));
    expect(answered.status).toBe('answered');

    // A: the dossier is back in processing, with the answer as a hand-off judged against its own deadline.
    a.clock.set(vn('2026-03-17T15:05'));
    const back = await until(async () => {
      const v = ok(await specialistA.get(`/api/dossiers/${d.id}`));
      return v.state === 'processing' ? v : null;
    }, 'the answer on A');
    expect(back.consultations.at(-1)).toMatchObject({ agency: TU_PHAP, answeredAt: expect.any(String), handOff: 'early' });
    const outgoing = ok(await specialistA.get(`/api/exchange/consultations/${asked.id}`));
    expect(outgoing).toMatchObject({ status: 'answered', opinion: 'Thông tin hộ tịch khớp', answeredBy: 'Bùi Quang Huy' });

    // Form 06: a row to the Department of Justice (its name from the registry) and a row back from its officer.
    const sheet = await specialistA.get(`/api/dossiers/${d.id}/documents/06?format=html`);
    expect(sheet.statusCode).toBe(200);
    const tpName = (await b.anonymous().get('/api/agencies')).json().find((x: any) => x.code === TU_PHAP).name;
    expect(sheet.body).toContain('Xin ý kiến cơ quan khác');
    expect(sheet.body).toContain('Trả lời xin ý kiến');
    expect(sheet.body).toContain(`Bùi Quang Huy<br>${tpName}`);

    // De-duplication: the same outbound message published again (same Nats-Msg-Id) is stored once.
    const [row] = await a.ctx.db.select().from(exchangeOutbound).where(eq(exchangeOutbound.status, 'sent')).limit(1);
    const nc = await connect({ servers: NATS });
    const js = jetstream(nc);
    const again = await js.publish(row.subject, JSON.stringify(row.message), { msgID: row.id });
    expect(again.duplicate).toBe(true);
    // The inbox: the same event under another message id (outside de-duplication) is applied once on B.
    const [incomingMsg] = await a.ctx.db.select().from(exchangeOutbound).where(eq(exchangeOutbound.id, (await b.ctx.db.select().from(exchangeInbox))[0].id));
    const before = (await b.ctx.db.select({ n: sql<number>`count(*)::int` }).from(exchangeInbox))[0].n;
    const replay = await js.publish(incomingMsg.subject, JSON.stringify(incomingMsg.message), { msgID: randomUUID() });
    expect(replay.duplicate).toBe(false);
    // A marker message after it: once the marker is applied, the replay was seen (same consumer, in order).
    const marker = { ...(incomingMsg.message as Record<string, any>), id: randomUUID(), body: { ...(incomingMsg.message as any).body, consultationId: randomUUID(), dossierCode: 'MARKER' } };
    await js.publish(incomingMsg.subject, JSON.stringify(marker), { msgID: marker.id });
    await until(async () => (await b.ctx.db.select().from(exchangeInbox).where(eq(exchangeInbox.id, marker.id))).length > 0, 'the marker on B');
    const after = (await b.ctx.db.select({ n: sql<number>`count(*)::int` }).from(exchangeInbox))[0].n;
    expect(after).toBe(before + 1); // the marker only
    const list = ok(await specialistB.get('/api/exchange/consultations?direction=incoming')).items.filter((x: any) => x.id === asked.id);
    expect(list).toHaveLength(1);
    expect(list[0].status).toBe('answered'); // the replayed request did not reopen it
    await nc.close();

    // The link's status for the operator.
    const status = ok(await (await a.loginAs('admin')).get('/api/exchange/events/status'));
    expect(status).toMatchObject({ enabled: true, connected: true, node: 'node_a', pending: 0 });
  }, 200_000);
});

/** A private NATS server (same binary as the machine's), so that stopping it disturbs nobody. */
async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function startNats(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn('/usr/sbin/nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], { stdio: 'ignore' });
  await until(
    () =>
      new Promise<boolean>((resolve) => {
        const c = net.connect(port, '127.0.0.1', () => (c.destroy(), resolve(true)));
        c.on('error', () => resolve(false));
      }),
    'nats-server to listen',
  );
  return child;
}

const stopNats = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

describe('NATS down, then up', () => {
  let a: P;
  let b: P;
  let nats: ChildProcess;
  let port: number;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-nats-'));

  beforeAll(async () => {
    port = await freePort();
    nats = await startNats(port, dir);
    const url = `nats://127.0.0.1:${port}`;
    a = await startNode(nodeEnv('node_a', HONG_BANG, url));
    b = await startNode(nodeEnv('node_b', TU_PHAP, url));
    await register(a, TU_PHAP, 'Sở Tư pháp', 'node_b');
    await register(b, HONG_BANG, 'Ủy ban nhân dân phường Hồng Bàng', 'node_a');
    // Both links open before the server goes away.
    await until(async () => ok(await (await a.loginAs('admin')).get('/api/exchange/events/status')).connected && ok(await (await b.loginAs('admin')).get('/api/exchange/events/status')).connected, 'both links');
  }, 400_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    if (nats) await stopNats(nats);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the message in the outbound table while NATS is down and delivers it once when it is back', async () => {
    const specialistA = await a.loginAs('chuyenvien.hongbang');
    const d = await processingDossier(a, specialistA);
    await stopNats(nats);
    const asked = ok(await specialistA.post('/api/exchange/consultations', { dossierId: d.id, agencyCode: TU_PHAP, question: 'Xin ý kiến khi mất kết nối' }, { 'idempotency-key': randomUUID() }), 201);
    // The event reaches the outbound table, and publication fails there (retried with back-off), nothing lost.
    const waiting = await until(async () => (await a.ctx.db.select().from(exchangeOutbound).where(eq(exchangeOutbound.status, 'pending')))[0]?.attempts ? true : null, 'a failed publication');
    expect(waiting).toBe(true);
    expect(ok(await (await a.loginAs('admin')).get('/api/exchange/events/status')).pending).toBe(1);

    nats = await startNats(port, dir);
    const specialistB = await b.loginAs('chuyenvien.tuphap');
    const got = await until(async () => ok(await specialistB.get('/api/exchange/consultations?direction=incoming')).items.find((x: any) => x.id === asked.id), 'the request on B after the restart', 90_000);
    expect(got.status).toBe('asked');
    await until(async () => (await a.ctx.db.select().from(exchangeOutbound).where(eq(exchangeOutbound.status, 'pending'))).length === 0, 'the row marked sent');
    const inbox = await b.ctx.db.select().from(exchangeInbox);
    expect(inbox.filter((r) => r.type === 'consultation.requested')).toHaveLength(1);
  }, 200_000);

  it('makes the stream and the consumers again when the server comes back without its store', async () => {
    const specialistA = await a.loginAs('chuyenvien.hongbang');
    const d = await processingDossier(a, specialistA);
    await stopNats(nats);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir);
    nats = await startNats(port, dir);
    const asked = ok(await specialistA.post('/api/exchange/consultations', { dossierId: d.id, agencyCode: TU_PHAP, question: 'Xin ý kiến sau khi máy chủ mất dữ liệu' }, { 'idempotency-key': randomUUID() }), 201);
    const specialistB = await b.loginAs('chuyenvien.tuphap');
    const got = await until(async () => ok(await specialistB.get('/api/exchange/consultations?direction=incoming')).items.find((x: any) => x.id === asked.id), 'the request on B after the store was lost', 90_000);
    expect(got.status).toBe('asked');
    // Both nodes' durable consumers exist again on the new server.
    const nc = await connect({ servers: `nats://127.0.0.1:${port}` });
    const names: string[] = [];
    for await (const c of (await jetstreamManager(nc)).consumers.list(STREAM)) names.push(c.name);
    await nc.close();
    expect(names.sort()).toEqual(['node_a_000_00_21_H38', 'node_b_000_00_01_H38']);
    expect((await b.ctx.db.select().from(exchangeInbox)).filter((r) => r.type === 'consultation.requested')).toHaveLength(2);
  }, 200_000);
});
