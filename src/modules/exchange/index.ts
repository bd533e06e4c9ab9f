/**
 * Agency-to-agency data exchange (trao đổi dữ liệu giữa các cơ quan): an X-Road REST gateway between MotCua nodes
 * — members and the signed global configuration, the services this node offers with their OpenAPI descriptions,
 * access rights, signed and logged requests, metaservices. Events between nodes (NATS) and the national portal
 * sync live in ./events and ./portal. This file is the module's only public face.
 */
import type { App } from '../../platform/http/app';
import type { AppContext } from '../../platform/context';
import { AccessRights, pruneNonces } from './exchange.access';
import { Authority, GlobalConfHolder } from './exchange.globalconf';
import { ExchangeClient, Gateway } from './exchange.gateway';
import { NodeKeys } from './exchange.keys';
import { exchangeServices } from './exchange.services';
import { registerExchangeRoutes } from './exchange.routes';
import type { ExchangePorts } from './exchange.ports';

export type { ExchangePorts } from './exchange.ports';
export { Authority, GlobalConfHolder, checkSignedConf } from './exchange.globalconf';
export { NodeKeys } from './exchange.keys';
export { Gateway, ExchangeClient, exchangeLeafSource, type GatewayRequest, type GatewayResponse } from './exchange.gateway';
export { exchangeErrors } from './exchange.errors';
export { runExchangeCommand, rotateExchangeKey } from './exchange.cli';

export interface ExchangeModule {
  gateway: Gateway;
  client: ExchangeClient;
  conf: GlobalConfHolder;
  authority: Authority;
  /** Fetches the global configuration now (also done every EXCHANGE_GLOBALCONF_REFRESH_MS). */
  refresh(): Promise<unknown>;
  start(): void;
  stop(): Promise<void>;
}

export function registerExchange(app: App, ctx: AppContext, ports: ExchangePorts): ExchangeModule {
  const cfg = ctx.config.exchange;
  const now = () => ctx.clock.now();
  const log = app.log.child({ module: 'exchange' });
  const conf = new GlobalConfHolder(cfg.dir, cfg.authorityKey, now);
  const keys = new NodeKeys(cfg.dir);
  const authority = new Authority(cfg.dir);
  const services = new Map(exchangeServices(ports).map((s) => [s.code, s]));
  // The authority node reads its own published configuration from disk; the others fetch it.
  const refresh = async () => {
    const r = cfg.authorityUrl ? await conf.refresh(cfg.authorityUrl, cfg.timeoutMs) : authority.published() ? conf.accept(JSON.parse(authority.published()!)) : null;
    if (r && !r.ok) log.warn({ reason: r.reason }, 'global configuration refused; the last good one is kept');
    const self = conf.conf?.members.find((m) => m.id === cfg.id);
    if (r?.ok && r.changed && self) NodeKeys.prune(cfg.dir, new Set(self.keys.map((k) => k.id)));
    return r;
  };
  const gateway = new Gateway(ctx.db, cfg, conf, keys, services, new AccessRights(ctx.db), now, refresh);
  registerExchangeRoutes(app, { db: ctx.db, gateway, authority, now });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    running ??= refresh()
      .then(() => pruneNonces(ctx.db, new Date(now().getTime() - 2 * cfg.skewSeconds * 1000)))
      .catch((err) => log.error({ err }, 'exchange refresh failed'))
      .finally(() => (running = null));
  };
  return {
    gateway,
    client: new ExchangeClient(gateway),
    conf,
    authority,
    refresh,
    start() {
      if (timer) return;
      tick();
      timer = setInterval(tick, cfg.refreshMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
