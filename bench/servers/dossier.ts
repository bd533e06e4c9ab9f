// The platform under bench:dossier (see bench/lib/dossier-setup.ts), reporting its CPU time and statement count.
import { answerStats } from '../lib/counters';
import { prepareDossierBench } from '../lib/dossier-setup';

answerStats();
const { platform, app, citizen, officer, ids } = await prepareDossierBench();
platform.startBackground();
await app.listen({ port: 0, host: '127.0.0.1' });
process.send!({ port: (app.server.address() as { port: number }).port, citizen: { token: citizen.token, csrf: citizen.csrfToken }, officer: { token: officer.token, csrf: officer.csrfToken }, drafts: ids });
process.on('SIGTERM', async () => {
  await platform.close();
  process.exit(0);
});
