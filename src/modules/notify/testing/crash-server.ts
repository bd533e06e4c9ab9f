/**
 * The platform as a child process for the crash test: configuration from the environment (carriers, database),
 * the consent notices (no demo data: the test needs none), background work on, listening on a free port. Over IPC
 * it reports its port, signs a demo citizen in (what the e-ID login would do) and records an event in the outbox
 * (what another module's transaction would do).
 */
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../../config';
import { buildPlatform } from '../../../main';
import { enqueueEvent } from '../../../platform/events/outbox';
import { seedConsentNotices } from '../../vault';
import { DEMO_CITIZENS } from '../../identity';
import { PETITION_ANSWERED, type PetitionAnsweredPayload } from '../notify.planner';
import { notifyMessages } from '../notify.schema';

const config = loadConfig(process.env);
const platform = await buildPlatform(config, { logger: false });
await seedConsentNotices(platform.ctx.db);
await platform.app.listen({ port: 0, host: '127.0.0.1' });
platform.startBackground();
process.on('message', async (m: { cmd: string; personalId?: string; accountId?: string }) => {
  if (m.cmd === 'citizen') {
    const person = DEMO_CITIZENS.find((c) => c.personalId === m.personalId)!;
    const s = await platform.services.identity.loginCitizen({ personalId: person.personalId, fullName: person.fullName, birthdate: person.birthdate, assuranceLevel: 2 }, 'eid', 'crash-test');
    process.send!({ cmd: 'citizen', token: s.token, csrf: s.csrfToken });
  }
  if (m.cmd === 'messages') {
    // The test cannot open an embedded database this process holds: it asks for the rows.
    const rows = await platform.ctx.db.select({ id: notifyMessages.id, channel: notifyMessages.channel, status: notifyMessages.status, attempts: notifyMessages.attempts, statusReason: notifyMessages.statusReason }).from(notifyMessages);
    process.send!({ cmd: 'messages', rows });
  }
  if (m.cmd === 'event') {
    const payload: PetitionAnsweredPayload = { accountId: m.accountId!, petitionId: randomUUID(), code: 'PA-2603-0001' };
    await platform.ctx.db.transaction((tx) => enqueueEvent(tx, { type: PETITION_ANSWERED, aggregateType: 'petition', aggregateId: payload.petitionId, payload: { ...payload } }));
    process.send!({ cmd: 'event', petitionId: payload.petitionId });
  }
});
process.send!({ cmd: 'ready', port: (platform.app.server.address() as { port: number }).port });
process.on('SIGTERM', async () => {
  await platform.close();
  process.exit(0);
});
