/**
 * bench:exchange — the same population-registry lookup (one person, one field, access log written) called
 * (a) directly on the provider node's registry API with a system client's token, and (b) through two gateways: a
 * local consumer on the client node → the client node's gateway (signs, logs) → the provider node's gateway
 * (verifies, checks the nonce, reads and logs in one transaction, signs the answer) → back (answer verified,
 * logged). Two node processes, alternating rounds in one run; ends with one JSON line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { BENCH_DB, createBenchDatabase } from './lib/database';
import { runLoad, startServer, type LoadResult } from './lib/load';
import { Authority, NodeKeys } from '../src/modules/exchange';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const AN = '031085001234';
const PROVIDER = 'VN/GOV/000.00.00.G01/motcua';
const CLIENT = 'VN/GOV/000.00.00.H31/motcua';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

const [pPort, cPort] = [await freePort(), await freePort()];
const pDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bx-p-'));
const cDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bx-c-'));
const authority = new Authority(pDir);
const { publicKey } = authority.init({ instance: 'VN', id: PROVIDER, url: `http://127.0.0.1:${pPort}`, tsa: null });
for (const d of [pDir, cDir]) fs.writeFileSync(path.join(d, 'authority.pub'), publicKey);
const services = [{ code: 'population', title: { vi: 'Tra cứu dân cư', en: 'Population lookup' }, personalData: true }];
authority.addMember({ id: PROVIDER, name: 'Provider', address: `http://127.0.0.1:${pPort}`, keys: NodeKeys.ensure(pDir), services });
authority.addMember({ id: CLIENT, name: 'Client', address: `http://127.0.0.1:${cPort}`, keys: NodeKeys.ensure(cDir), services });
authority.publish(new Date(), 24);

const pDb = await createBenchDatabase('motcua_bench_xp');
const cDb = await createBenchDatabase('motcua_bench_xc');
const common = { EXCHANGE_GLOBALCONF_REFRESH_MS: '500', MFA_REQUIRED_ROLES: '' };
const [provider, client] = await Promise.all([
  startServer<{ port: number; token: string }>('exchange-node', { ...common, DATABASE_URL: pDb.url, PORT: String(pPort), EXCHANGE_DIR: pDir, EXCHANGE_MEMBER_CODE: '000.00.00.G01', BENCH_GRANT_CLIENT: CLIENT }),
  startServer<{ port: number; token: string }>('exchange-node', { ...common, DATABASE_URL: cDb.url, PORT: String(cPort), EXCHANGE_DIR: cDir, EXCHANGE_MEMBER_CODE: '000.00.00.H31', EXCHANGE_AUTHORITY_URL: `http://127.0.0.1:${pPort}` }),
]);

const direct = { url: `http://127.0.0.1:${pPort}/api/registry/population/${AN}?purpose=verification&dossierId=HS-BENCH&fields=fullName`, method: 'GET' as const, headers: { authorization: `Bearer ${provider.info.token}` }, connections };
const gateway = { url: `http://127.0.0.1:${cPort}/r1/${PROVIDER}/population/people/${AN}?fields=fullName`, method: 'GET' as const, headers: { 'x-road-client': CLIENT, 'x-road-issue': 'HS-BENCH', 'x-motcua-purpose': 'verification' }, connections };

// Both answer before measuring (the client node fetches the global configuration at start).
for (const o of [direct, gateway]) {
  for (let i = 0; ; i++) {
    const r = await fetch(o.url, { headers: o.headers });
    if (r.status === 200) break;
    if (i > 100) throw new Error(`${o.url}: ${r.status} ${await r.text()}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}
await runLoad({ ...direct, seconds: 2 });
await runLoad({ ...gateway, seconds: 2 });
const runs: { direct: LoadResult[]; gateway: LoadResult[] } = { direct: [], gateway: [] };
for (let round = 0; round < 2; round++) {
  runs.direct.push(await runLoad({ ...direct, seconds }));
  runs.gateway.push(await runLoad({ ...gateway, seconds }));
}
await Promise.all([provider.stop(), client.stop()]);
await Promise.all([pDb.drop(), cDb.drop()]);
for (const d of [pDir, cDir]) fs.rmSync(d, { recursive: true, force: true });

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const d = { rps: mean(runs.direct.map((r) => r.rps)), p50: mean(runs.direct.map((r) => r.p50_ms)), p99: mean(runs.direct.map((r) => r.p99_ms)) };
const g = { rps: mean(runs.gateway.map((r) => r.rps)), p50: mean(runs.gateway.map((r) => r.p50_ms)), p99: mean(runs.gateway.map((r) => r.p99_ms)) };
const bad = [...runs.direct, ...runs.gateway].reduce((n, r) => n + r.non2xx + r.errors, 0);
console.error(`direct: ${JSON.stringify(runs.direct)}\ngateway: ${JSON.stringify(runs.gateway)}`);
if (bad) console.error(`warning: ${bad} non-2xx answers or errors`);
const r2 = (x: number) => Math.round(x * 100) / 100;
console.log(JSON.stringify({ bench: 'exchange', db: BENCH_DB, connections, direct_rps: Math.round(d.rps), gateway_rps: Math.round(g.rps), ratio: r2(g.rps / d.rps), added_p50_ms: r2(g.p50 - d.p50), added_p99_ms: r2(g.p99 - d.p99) }));
