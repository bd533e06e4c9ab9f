/**
 * npm run demo:exchange — three MotCua nodes on this machine, each its own process, PGlite folder and port: a
 * ministry-level registry (Bộ Công an, also the exchange's configuration authority), a province (UBND tỉnh) and a
 * ward (UBND phường). Joined with the real `motcua exchange` commands; the province and the ward may read the
 * ministry's population registry. Prints a lookup to try; Ctrl-C stops all three.
 * Folders: ./.data-exchange-demo/<node> (kept between runs: delete the folder to start again).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config';
import { migrateDatabase, openDatabase, type Db } from '../src/platform/db/client';
import { runExchangeCommand } from '../src/modules/exchange';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BASE = path.join(ROOT, '.data-exchange-demo');
const nodes = [
  { key: 'ministry', name: 'Bộ Công an — Cơ sở dữ liệu quốc gia về dân cư (thử nghiệm)', code: '000.00.00.G01', port: 3101 },
  { key: 'province', name: 'UBND tỉnh (thử nghiệm)', code: '000.00.00.H31', port: 3102 },
  { key: 'ward', name: 'UBND phường (thử nghiệm)', code: '000.00.31.H31', port: 3103 },
].map((n) => ({ ...n, url: `http://127.0.0.1:${n.port}`, id: `VN/GOV/${n.code}/motcua`, env: { ...(process.env as Record<string, string>), PORT: String(n.port), PUBLIC_URL: `http://127.0.0.1:${n.port}`, DATA_DIR: path.join(BASE, n.key), EXCHANGE_MEMBER_CODE: n.code, LOG_LEVEL: 'warn', SEED_DEMO: 'true', ...(n.key === 'ministry' ? {} : { EXCHANGE_AUTHORITY_URL: 'http://127.0.0.1:3101' }) } }));

async function cmd(env: Record<string, string>, ...args: string[]) {
  let out = '';
  const config = loadConfig(env);
  const withDb = async <T>(fn: (db: Db) => Promise<T>) => {
    const d = await openDatabase({ dataDir: config.dataDir });
    try {
      await migrateDatabase(d);
      return await fn(d.db);
    } finally {
      await d.close();
    }
  };
  const code = await runExchangeCommand(args, config, withDb, (s) => (out += s), (s) => (out += s));
  if (code !== 0) throw new Error(`motcua exchange ${args.join(' ')}: ${out}`);
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

const [ministry, ...others] = nodes;
if (!fs.existsSync(path.join(BASE, 'ministry', 'exchange', 'authority', 'state.json'))) {
  console.log('Joining the three nodes (first run)…');
  for (const n of nodes) fs.mkdirSync(n.env.DATA_DIR, { recursive: true });
  const init = await cmd(ministry.env, 'init', '--name', ministry.name);
  for (const n of others) {
    const join = await cmd(n.env, 'join', '--name', n.name, '--authority-key', init.authorityKey);
    await cmd(ministry.env, 'authority', 'add-member', '--request', join.registration);
    for (const service of ['population', 'business', 'dossierStatus', 'resultVerification']) await cmd(ministry.env, 'access', 'grant', '--service', service, '--client', n.id);
  }
  await cmd(ministry.env, 'authority', 'publish');
}

const procs: ChildProcess[] = nodes.map((n) => {
  const p = spawn(process.execPath, [path.join(ROOT, 'bin/motcua.js'), 'start'], { cwd: ROOT, env: n.env, stdio: ['ignore', 'pipe', 'inherit'] });
  p.stdout!.on('data', (d) => {
    if (/Ready in/.test(String(d))) console.log(`  ${n.key.padEnd(9)} ${n.url}  ${n.id}  — ready`);
  });
  return p;
});
const stop = () => {
  for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
console.log(`Starting the three nodes (ministry = configuration authority)…
Try, once they are ready — the ward reads a citizen from the ministry's registry through both gateways:
  curl -s -H 'X-Road-Client: ${others[1].id}' -H 'X-Road-Issue: HS-DEMO-1' -H 'X-MotCua-Purpose: dossier_processing' \\
    ${others[1].url}/r1/${ministry.id}/population/people/031085001234?fields=fullName
  curl -s ${others[1].url}/r1/${ministry.id}/listMethods -H 'X-Road-Client: ${others[1].id}'
Ctrl-C stops all three.`);
await Promise.all(procs.map((p) => new Promise((r) => p.once('exit', r))));
