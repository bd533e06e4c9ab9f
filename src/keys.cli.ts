/**
 * `motcua keys …`: the operator rotates secrets without stopping the service (issue "Operating it safely").
 * - rotate-signing --agency <code> [--p12 <file>]: an agency's result-signing key. Demo mode makes a new DEMO
 *   certificate; otherwise the new PKCS#12 file (same SIGNING_P12_PASSWORD) is checked and moved into place. Every
 *   running server signs with it from its next signature; results signed before keep their own certificate.
 * - rotate-webhooks [--agency <code>]: new secrets for the payment webhooks; the old secret keeps signing beside the
 *   new one for a day, so receivers switch without a gap.
 * - rotate-exchange: a new exchange signing key; the old one stays valid until the next global configuration
 *   version supersedes it (printed for the authority's `rotate-key`, or done at once on the authority node).
 * The transparency log's key is not rotated here: witnesses and citizens pin it, so a new key is a new log
 * (see docs/security.md).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config';
import type { Db } from './platform/db/client';
import { platformActor } from './platform/auth/actor';
import { AgencyDirectory } from './modules/geography';
import { rotateAgencySigningKey } from './modules/result';
import { rotateWebhookSecrets } from './modules/payment';
import { rotateExchangeKey } from './modules/exchange';

export const KEYS_USAGE = 'Usage: motcua keys rotate-signing --agency <code> [--p12 <file>]\n       motcua keys rotate-webhooks [--agency <code>]\n       motcua keys rotate-exchange\n';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function agencyByCode(db: Db, code: string) {
  const all = await new AgencyDirectory(db).all();
  return all.find((a) => a.code === code) ?? null;
}

export async function runKeysCommand(args: string[], config: Config, withDb: <T>(fn: (db: Db) => Promise<T>) => Promise<T>, out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  const [sub, ...rest] = args;
  const code = flag(rest, '--agency');
  if (sub === 'rotate-signing') {
    if (!code) {
      err(KEYS_USAGE);
      return 2;
    }
    const p12 = flag(rest, '--p12');
    return withDb(async (db) => {
      const agency = await agencyByCode(db, code);
      if (!agency) {
        err(`Không có cơ quan mã ${code} / No agency with code ${code}\n`);
        return 2;
      }
      try {
        const r = rotateAgencySigningKey(config.results, { code: agency.code, name: agency.name }, p12 ? new Uint8Array(readFileSync(path.resolve(p12))) : undefined);
        out(`${JSON.stringify({ rotated: 'signing', agency: agency.code, ...r })}\n`);
        return 0;
      } catch (e) {
        err(`Không thay được khóa ký / Could not rotate the signing key: ${(e as Error).message}\n`);
        return 1;
      }
    });
  }
  if (sub === 'rotate-webhooks') {
    return withDb(async (db) => {
      const agency = code ? await agencyByCode(db, code) : null;
      if (code && !agency) {
        err(`Không có cơ quan mã ${code} / No agency with code ${code}\n`);
        return 2;
      }
      const rotated = await rotateWebhookSecrets(db, platformActor('cli:keys-rotate-webhooks'), agency?.id ?? null, new Date());
      out(`${JSON.stringify({ rotated: 'webhooks', count: rotated.length, ids: rotated.map((r) => r.id) })}\n`);
      return 0;
    });
  }
  if (sub === 'rotate-exchange') {
    // No downtime: the running server keeps signing with the old key until a global configuration lists the new one.
    out(`${JSON.stringify({ rotated: 'exchange', ...rotateExchangeKey(config) })}\n`);
    return 0;
  }
  err(KEYS_USAGE);
  return 2;
}
