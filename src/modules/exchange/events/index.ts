/**
 * Events between MotCua nodes on NATS JetStream (issue 17, item 5): the remote agencies registry, the relay from the
 * platform outbox to the stream (marked sent after the PubAck), durable consumers per hosted agency and the inbox
 * that applies each message once; used for consultations (xin ý kiến) asked of an agency on another node and for
 * dossiers transferred (liên thông) to one, with their outcome back. This file is its only public face.
 */
import { count, eq } from 'drizzle-orm';
import type { App } from '../../../platform/http/app';
import type { AppContext } from '../../../platform/context';
import type { DbOrTx, Tx } from '../../../platform/db/client';
import { isAgencyCode, type NodeMessage } from '../../../shared/exchange/events';
import { exchangeOutbound } from './events.schema';
import { ConsultationService, NODE_MESSAGE_EVENT, type EventsPorts } from './consultations.service';
import { RemoteAgencies } from './remote-agencies';
import { OUTCOME_EVENTS, TransferService } from './transfers.service';
import { NatsBridge } from './nats.bridge';
import { registerEventsRoutes } from './events.routes';

export type { EventsPorts, LocalAgency } from './consultations.service';
export { NODE_MESSAGE_EVENT } from './consultations.service';
export { eventsErrors } from './events.errors';
export { RemoteAgencies } from './remote-agencies';

export interface ExchangeEventsModule {
  remote: RemoteAgencies;
  consultations: ConsultationService;
  /** Dossiers transferred (liên thông) to and from agencies on other nodes. */
  transfers: TransferService;
  /** The NATS link (null when NATS_URL is unset). */
  bridge: NatsBridge | null;
  /** The name of an agency on another node (the dossier module's form 06 hook). */
  remoteAgencyName(code: string, db?: DbOrTx): Promise<string | null>;
  start(): void;
  stop(): Promise<void>;
}

export function registerExchangeEvents(app: App, ctx: AppContext, ports: EventsPorts): ExchangeEventsModule {
  const { db, clock, config, bus } = ctx;
  const cfg = config.natsEvents;
  const log = app.log.child({ module: 'exchange-events' });
  const now = () => clock.now();
  const localCodes = async (at?: DbOrTx) => new Set((await ports.agencies.all(at)).filter((a) => a.active).map((a) => a.code));
  // Hosted here: NATS_AGENCIES when set (nodes seeded alike still split the agencies), else every local agency.
  const remote = new RemoteAgencies(db, async (code, at) => (cfg?.agencies ? cfg.agencies.includes(code) : (await localCodes(at)).has(code)));
  const settings = cfg ? { prefix: cfg.subjectPrefix, node: cfg.node } : null;
  const consultations = new ConsultationService(db, ports, remote, settings);
  const transfers = new TransferService(db, ports, remote, settings);

  // Agencies this node consumes for: NATS_AGENCIES, or every local agency not registered as remote.
  const hosted = async () => {
    if (cfg?.agencies) return cfg.agencies.filter(isAgencyCode);
    const away = new Set((await remote.list()).map((r) => r.code));
    return [...(await localCodes())].filter((c) => isAgencyCode(c) && !away.has(c)).sort();
  };
  const applyMessage = async (tx: Tx, m: NodeMessage) => {
    if (!m.type.startsWith('transfer.')) return consultations.apply(tx, m, now());
    // A message for an agency this node lists as remote is not ours (a consumer made before the registry changed).
    if (await remote.get(m.to.code, tx)) return;
    await transfers.apply(tx, m, now());
  };
  const bridge = cfg ? new NatsBridge(db, cfg, hosted, applyMessage, log, now) : null;

  // A transferred dossier reaching its outcome here: the outcome goes back to the origin (in the dispatcher's
  // transaction, once).
  for (const type of Object.keys(OUTCOME_EVENTS)) {
    bus.subscribe(type, async (event, tx?: Tx) => {
      await transfers.onDossierEvent(tx ?? db, event, now());
      if (bridge) setImmediate(() => bridge.poke());
    });
  }

  // The relay's source: messages queued in the platform outbox, copied to the outbound table in the dispatcher's
  // transaction (the event id becomes the message id and the Nats-Msg-Id).
  bus.subscribe(NODE_MESSAGE_EVENT, async (event, tx?: Tx) => {
    const p = event.payload as { subject: string; message: Record<string, unknown> };
    await (tx ?? db)
      .insert(exchangeOutbound)
      .values({ id: event.id, subject: p.subject, message: { ...p.message, id: event.id }, status: 'pending', createdAt: event.occurredAt })
      .onConflictDoNothing();
    if (bridge) setImmediate(() => bridge.poke());
  });

  const pending = async () => Number((await db.select({ n: count() }).from(exchangeOutbound).where(eq(exchangeOutbound.status, 'pending')))[0]?.n ?? 0);
  registerEventsRoutes(app, {
    db,
    now,
    remote,
    consultations,
    transfers,
    poke: () => bridge?.poke(),
    async status() {
      const n = await pending();
      const s = bridge?.status(n);
      return { enabled: !!bridge, connected: s?.connected ?? false, node: cfg?.node ?? null, consumers: s?.consumers ?? [], pending: n, lastError: s?.lastError ?? null };
    },
  });

  return {
    remote,
    consultations,
    transfers,
    bridge,
    remoteAgencyName: async (code, at) => (await remote.get(code, at))?.name ?? null,
    start() {
      bridge?.start();
    },
    async stop() {
      await bridge?.stop();
    },
  };
}
