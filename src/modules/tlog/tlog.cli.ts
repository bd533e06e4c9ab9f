import fs from 'node:fs';
import type { Config } from '../../config';
import type { Db } from '../../platform/db/client';
import { parseVerifierKey, verifyBundle, SIG_COSIGNATURE_V1, formatVerifierKey, type Verifier } from '../../shared/tlog';
import { loadOrCreateSigner } from './tlog.keys';
import { TransparencyLog } from './tlog.service';
import { verifyLog, type LeafSource, type VerifyReport } from './tlog.verify';
import { auditLeafSource } from './tlog.sources';
import { Witness } from './tlog.witness';

const all = (args: string[], name: string) => args.flatMap((a, i) => (a === name && args[i + 1] ? [args[i + 1]] : []));
const one = (args: string[], name: string) => all(args, name)[0];
const out = (s: string) => process.stdout.write(`${s}\n`);

/** The log key to trust: given on the command line, or this installation's own. */
function trustedLogKey(args: string[], config: Config): Verifier {
  const given = one(args, '--log-key');
  if (given) return parseVerifierKey(given);
  if (!fs.existsSync(config.tlog.keyFile)) throw new Error(`no --log-key given and no log key at ${config.tlog.keyFile}`);
  return parseVerifierKey(formatVerifierKey(loadOrCreateSigner(config.tlog.keyFile, config.tlog.origin).signer));
}

export function printReport(r: VerifyReport): void {
  if (r.ok) out(`Nhật ký minh bạch toàn vẹn / Transparency log intact: ${r.entries} entries, ${r.checkpoints} checkpoints, ${r.records} records checked (${r.pending} pending).`);
  else {
    out(`Nhật ký minh bạch BỊ SỬA / Transparency log TAMPERED: ${r.problems.length} problem(s):`);
    for (const p of r.problems) out(`  - ${p.code}: ${p.detail}`);
  }
}

/** Verifies the whole log in the database (integrating what is pending first), against the given checkpoints. */
export async function verifyInstallationLog(db: Db, config: Config, args: string[], sources: LeafSource[]): Promise<VerifyReport> {
  const given = one(args, '--log-key');
  const logKey = given ? parseVerifierKey(given) : parseVerifierKey(formatVerifierKey(loadOrCreateSigner(config.tlog.keyFile, config.tlog.origin).signer));
  const log = new TransparencyLog(db, { origin: config.tlog.origin, signer: () => loadOrCreateSigner(config.tlog.keyFile, config.tlog.origin).signer });
  await log.integrateAll();
  const checkpoints = all(args, '--checkpoint').map((f) => fs.readFileSync(f, 'utf8'));
  for (const f of all(args, '--witness-state')) {
    const st = JSON.parse(fs.readFileSync(f, 'utf8')) as { logs: Record<string, { note: string }> };
    for (const l of Object.values(st.logs)) checkpoints.push(l.note);
  }
  return verifyLog(db, { logKey, sources: [auditLeafSource, ...sources], checkpoints });
}

/** `motcua log verify [bundle.json …]`: offline bundles, or the installation's log. */
export async function runLogCommand(args: string[], config: Config, withDb: <T>(fn: (db: Db) => Promise<T>) => Promise<T>, sources: LeafSource[]): Promise<number> {
  if (args[0] !== 'verify') {
    process.stderr.write('Usage: motcua log verify [bundle.json …] [--log-key <vkey>] [--witness-key <vkey> … --quorum N] [--subject <personal ID>] [--checkpoint <file> …] [--witness-state <file>]\n');
    return 2;
  }
  const files = args.slice(1).filter((a, i, arr) => !a.startsWith('--') && !(i > 0 && arr[i - 1].startsWith('--')));
  if (files.length) {
    const logKey = trustedLogKey(args, config);
    const witnesses = all(args, '--witness-key').map((k) => parseVerifierKey(k));
    const quorum = Number(one(args, '--quorum') ?? 0);
    const subject = one(args, '--subject');
    let bad = 0;
    for (const f of files) {
      const r = verifyBundle(JSON.parse(fs.readFileSync(f, 'utf8')), { log: logKey, witnesses, quorum, expect: subject ? { subjectId: subject } : undefined });
      if (r.ok) out(`Đã kiểm chứng / Verified: ${f}: leaf ${(JSON.parse(fs.readFileSync(f, 'utf8')) as { leaf: { index: number } }).leaf.index} of ${r.checkpoint!.origin} at size ${r.checkpoint!.size}${r.cosigned.length ? `, cosigned by ${r.cosigned.map((c) => c.name).join(', ')}` : ''}.`);
      else {
        bad++;
        out(`Không kiểm chứng được / NOT verified: ${f}: ${r.failure} — ${r.detail}`);
      }
    }
    return bad ? 1 : 0;
  }
  return withDb(async (db) => {
    const r = await verifyInstallationLog(db, config, args, sources);
    printReport(r);
    return r.ok ? 0 : 1;
  });
}

/** `motcua witness`: serve a C2SP witness until stopped. */
export async function runWitnessCommand(args: string[]): Promise<number> {
  const name = one(args, '--name');
  const keyFile = one(args, '--key');
  const stateFile = one(args, '--state');
  const logs = all(args, '--log');
  const listen = one(args, '--listen') ?? '127.0.0.1:3100';
  if (!name || !keyFile || !stateFile || !logs.length) {
    process.stderr.write('Usage: motcua witness --name <witness name> --key <key file> --state <state file> --log <log verifier key> [--log …] [--listen host:port]\n');
    return 2;
  }
  const { signer } = loadOrCreateSigner(keyFile, name, SIG_COSIGNATURE_V1);
  const witness = new Witness({ signer, logs: logs.map((k) => parseVerifierKey(k)), stateFile, onEvent: (e) => process.stderr.write(`${JSON.stringify({ ...e, at: new Date().toISOString() })}\n`) });
  const [host, port] = [listen.slice(0, listen.lastIndexOf(':')), Number(listen.slice(listen.lastIndexOf(':') + 1))];
  const server = witness.server();
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const addr = server.address() as { port: number };
  out(`witness ${formatVerifierKey(signer)} listening at http://${host}:${addr.port}`);
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return new Promise<number>(() => undefined);
}
