/**
 * `motcua exchange …`: joining the data exchange and (on the node that holds the role) the configuration authority.
 * The authority's state is files in EXCHANGE_DIR/authority, so these commands run while the server runs; the
 * server serves the last published configuration at /exchange/globalconf.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import type { Db } from '../../platform/db/client';
import { platformActor } from '../../platform/auth/actor';
import { parseSubsystemId } from '../../shared/exchange';
import { Authority, AuthorityError } from './exchange.globalconf';
import { NodeKeys, type StoredKey } from './exchange.keys';
import { exchangeServices } from './exchange.services';
import { AccessRights } from './exchange.access';

export const EXCHANGE_USAGE = `Usage: motcua exchange init [--address URL] [--name N] [--tsa-name N --tsa-url URL]
       motcua exchange join [--address URL] [--name N] [--authority-key K]
       motcua exchange authority add-member --request <registration.json>
       motcua exchange authority suspend|revoke|reactivate --member <id>
       motcua exchange authority rotate-key --member <id> --key-id K --public-key X
       motcua exchange authority publish
       motcua exchange access grant --service <code> --client <id> | list
`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const offered = () => exchangeServices({ registry: { readPerson: async () => null, readBusiness: async () => null }, dossierStatus: async () => undefined, resultStatus: async () => undefined, supervisionDelivery: async () => ({ status: 503, body: null }) }).map((s) => ({ code: s.code, title: s.title, personalData: s.personalData }));

/** This node's registration request: what the authority's operator adds with `authority add-member --request`. */
function registration(config: Config, keys: StoredKey[], args: string[]) {
  return { id: config.exchange.id, name: flag(args, '--name') ?? config.exchange.memberCode, address: (flag(args, '--address') ?? config.publicUrl).replace(/\/+$/, ''), keys: keys.map((k) => ({ id: k.id, publicKey: k.publicKey })), services: offered() };
}

/** `motcua keys rotate-exchange`: a new node key beside the old one; on the authority node itself, registered and published at once. */
export function rotateExchangeKey(config: Config, now = new Date()): { memberId: string; keyId: string; publicKey: string; published: number | null } {
  const k = NodeKeys.rotate(config.exchange.dir);
  const authority = new Authority(config.exchange.dir);
  let published: number | null = null;
  if (authority.exists() && authority.state().members.some((m) => m.id === config.exchange.id)) {
    authority.rotateKey(config.exchange.id, { id: k.id, publicKey: k.publicKey });
    published = authority.publish(now, config.exchange.confValidityHours).conf.version;
  }
  return { memberId: config.exchange.id, keyId: k.id, publicKey: k.publicKey, published };
}

export async function runExchangeCommand(args: string[], config: Config, withDb: <T>(fn: (db: Db) => Promise<T>) => Promise<T>, out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  const [sub, action, ...rest] = args;
  const cfg = config.exchange;
  const authority = new Authority(cfg.dir);
  const print = (v: unknown) => out(`${JSON.stringify(v)}\n`);
  try {
    if (sub === 'init') {
      const a = [action, ...rest].filter((x): x is string => x !== undefined);
      const tsaUrl = flag(a, '--tsa-url');
      const r = authority.init({ instance: cfg.instance, id: cfg.id, url: (flag(a, '--address') ?? config.publicUrl).replace(/\/+$/, ''), tsa: tsaUrl ? { name: flag(a, '--tsa-name') ?? tsaUrl, url: tsaUrl } : null });
      fs.writeFileSync(path.join(cfg.dir, 'authority.pub'), `${r.publicKey}\n`);
      const keys = NodeKeys.ensure(cfg.dir);
      authority.addMember(registration(config, keys, a));
      const signed = authority.publish(new Date(), cfg.confValidityHours);
      print({ authority: cfg.id, authorityKey: r.publicKey, created: r.created, version: signed.conf.version, globalConf: `${signed.conf.authority.url}/exchange/globalconf` });
      return 0;
    }
    if (sub === 'join') {
      const a = [action, ...rest].filter((x): x is string => x !== undefined);
      const keys = NodeKeys.ensure(cfg.dir);
      const key = flag(a, '--authority-key');
      if (key) {
        if (!/^[A-Za-z0-9_-]{43}$/.test(key)) throw new AuthorityError('--authority-key: an Ed25519 public key in base64url (43 characters)');
        fs.writeFileSync(path.join(cfg.dir, 'authority.pub'), `${key}\n`);
      }
      const req = registration(config, keys, a);
      fs.writeFileSync(path.join(cfg.dir, 'registration.json'), JSON.stringify(req, null, 2));
      print({ registration: path.join(cfg.dir, 'registration.json'), ...req });
      return 0;
    }
    if (sub === 'authority') {
      const member = flag(rest, '--member');
      switch (action) {
        case 'add-member': {
          const file = flag(rest, '--request');
          if (!file) break;
          const req = JSON.parse(fs.readFileSync(path.resolve(file), 'utf8'));
          if (!parseSubsystemId(String(req.id))) throw new AuthorityError(`${req.id}: not a subsystem id`);
          authority.addMember(req);
          print({ added: req.id });
          return 0;
        }
        case 'suspend':
        case 'revoke':
        case 'reactivate':
          if (!member) break;
          authority.setStatus(member, action === 'suspend' ? 'suspended' : action === 'revoke' ? 'revoked' : 'active');
          print({ member, status: action === 'suspend' ? 'suspended' : action === 'revoke' ? 'revoked' : 'active' });
          return 0;
        case 'rotate-key': {
          const keyId = flag(rest, '--key-id');
          const publicKey = flag(rest, '--public-key');
          if (!member || !keyId || !publicKey) break;
          authority.rotateKey(member, { id: keyId, publicKey });
          print({ member, added: keyId });
          return 0;
        }
        case 'publish': {
          const s = authority.publish(new Date(), cfg.confValidityHours);
          print({ version: s.conf.version, expiresAt: s.conf.expiresAt, members: s.conf.members.length });
          return 0;
        }
      }
      err(EXCHANGE_USAGE);
      return 2;
    }
    if (sub === 'access') {
      if (action === 'grant') {
        const service = flag(rest, '--service');
        const client = flag(rest, '--client');
        if (!service || !client || !parseSubsystemId(client) || !offered().some((s) => s.code === service)) {
          err(`${EXCHANGE_USAGE}Services: ${offered().map((s) => s.code).join(', ')}\n`);
          return 2;
        }
        return withDb(async (db) => {
          const r = await db.transaction((tx) => new AccessRights(db).grant(tx, platformActor('cli:exchange-access'), service, client, new Date()));
          print({ granted: r.id, service, client });
          return 0;
        });
      }
      if (action === 'list') return withDb(async (db) => (print(await new AccessRights(db).list()), 0));
    }
  } catch (e) {
    if (e instanceof AuthorityError) {
      err(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
  err(EXCHANGE_USAGE);
  return 2;
}
