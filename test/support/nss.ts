import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * An NSS certificate database (what pdfsig reads) under `work`, trusting the roots of a PEM file — the independent
 * verifier of the signed PDFs in tests. Returns its folder; pass `-nssdir sql:<folder>` to pdfsig.
 */
export function nssTrusting(work: string, anchorsFile: string): string {
  const nss = path.join(work, 'nss');
  fs.mkdirSync(nss);
  const run = (args: string[]) => execFileSync('certutil', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  run(['-N', '-d', `sql:${nss}`, '--empty-password']);
  run(['-A', '-n', 'root', '-t', 'CT,C,C', '-i', anchorsFile, '-d', `sql:${nss}`]);
  return nss;
}
