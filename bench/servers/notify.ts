// The platform with demo data for bench:notify: its e-mail, SMS and Zalo adapters point at the simulated carriers
// the bench runs; BENCH_RECIPIENTS citizens (default 100) with every channel chosen and the consents, each with a
// received dossier.
// On request it writes dossier events into the outbox — as the dossier module's transactions do — at a steady rate.
import { benchPlatform } from '../lib/platform';
import { randomUUID } from 'node:crypto';
import { DEMO_CITIZENS } from '../../src/modules/identity';
import { readCatalogueFiles } from '../../src/modules/catalog';
import { recordConsent } from '../../src/modules/vault';
import { platformActor } from '../../src/platform/auth/actor';
import { outboxEvents } from '../../src/platform/events/outbox.schema';

const { platform, db, app } = await benchPlatform({ NOTIFY_SIMULATOR: 'false' });

const agencies = (await app.inject({ method: 'GET', url: '/api/agencies' })).json() as Array<{ id: string; code: string }>;
const hongBang = agencies.find((a) => a.code === '000.00.21.H38')!.id;
const procedure = (await readCatalogueFiles()).flatMap((f) => f.procedures).find((p) => p.key === 'birth-re-registration')!;
const desk = await platform.services.identity.passwordLogin('tiepnhan.hongbang', 'MotCua@2026', 'bench');
const deskHeaders = { cookie: `motcua_session=${desk.token}`, 'x-csrf-token': desk.csrfToken };
const pdf = Buffer.concat([
  Buffer.from('------b\r\nContent-Disposition: form-data; name="documentId"\r\n\r\npersonal-records\r\n------b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n'),
  Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  Buffer.from('\r\n------b--\r\n'),
]);

const recipients: Array<{ accountId: string; dossierId: string }> = [];
// The demo citizens, then made-up ones (the e-ID provider vouches for them; the registry has no record: no prefill).
const N = Number(process.env.BENCH_RECIPIENTS ?? 100);
const people = [...DEMO_CITIZENS.filter((c) => c.assuranceLevel === 2)];
for (let i = people.length; i < N; i++) people.push({ ...people[i % 18], personalId: `0311${String(90000000 + i).slice(-8)}`, fullName: `Công dân thử ${i}` });
for (const [i, person] of people.slice(0, N).entries()) {
  const s = await platform.services.identity.loginCitizen({ personalId: person.personalId, fullName: person.fullName, birthdate: person.birthdate, assuranceLevel: 2 }, 'eid', 'bench');
  const h = { cookie: `motcua_session=${s.token}`, 'x-csrf-token': s.csrfToken };
  for (const purpose of ['sms_notifications', 'zalo_notifications'] as const) await recordConsent(db, platformActor('bench'), { personalId: person.personalId, purpose, noticeVersion: 1, given: true }, new Date());
  const phone = `0912${String(100000 + i).slice(-6)}`;
  const prefs = await app.inject({ method: 'PUT', url: '/api/me/notification-preferences', headers: h, payload: { language: 'vi', email: `citizen${i}@example.vn`, phone, channels: { email: true, sms: true, zalo: true } } });
  if (prefs.statusCode !== 200) throw new Error(`preferences: ${prefs.body}`);
  const draft = (await app.inject({ method: 'POST', url: '/api/dossiers', headers: h, payload: { procedure: procedure.key, agencyId: hongBang, data: procedure.sampleData } })).json();
  const up = await app.inject({ method: 'POST', url: `/api/dossiers/${draft.id}/attachments`, headers: { ...h, 'content-type': 'multipart/form-data; boundary=----b' }, payload: pdf });
  if (up.statusCode !== 201) throw new Error(`upload: ${up.body}`);
  await app.inject({ method: 'POST', url: `/api/dossiers/${draft.id}/submit`, headers: h });
  const r = await app.inject({ method: 'POST', url: `/api/dossiers/${draft.id}/receive`, headers: deskHeaders });
  if (r.statusCode !== 200) throw new Error(`receive: ${r.body}`);
  recipients.push({ accountId: s.account.id, dossierId: draft.id });
}
// The set-up's own messages go out before the measurement.
await platform.services.notify.drain();

platform.startBackground();
await app.listen({ port: 0, host: '127.0.0.1' });
process.send!({ cmd: 'ready', port: (app.server.address() as { port: number }).port, recipients });

type Go = { cmd: 'go'; events: number; perSecond: number };
process.on('message', async (m: Go) => {
  if (m.cmd !== 'go') return;
  const sent: Array<{ eventId: string; accountId: string; at: number }> = [];
  const tick = 50;
  const perTick = Math.max(1, Math.round((m.perSecond * tick) / 1000));
  const t0 = Date.now();
  for (let done = 0, n = 0; done < m.events; n++) {
    const batch: Array<typeof outboxEvents.$inferInsert> = [];
    for (let k = 0; k < perTick && done < m.events; k++, done++) {
      const r = recipients[done % recipients.length];
      const id = randomUUID();
      const at = new Date().toISOString();
      batch.push({ id, type: 'dossier.received', aggregateType: 'dossier', aggregateId: r.dossierId, payload: { code: null, agencyId: hongBang, from: 'submitted', to: 'received', at, seq: 1, forms: ['01'] } });
      sent.push({ eventId: id, accountId: r.accountId, at: Date.now() });
    }
    // One transaction per batch, as many request transactions would each write one.
    await db.transaction((tx) => tx.insert(outboxEvents).values(batch));
    const wait = t0 + (n + 1) * tick - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  process.send!({ cmd: 'sent', sent });
});
process.on('SIGTERM', async () => {
  await platform.close();
  process.exit(0);
});
