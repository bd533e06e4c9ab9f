import type { Config } from '../config';
import type { Database, Db } from './db/client';
import type { InProcessEventBus, OutboxDispatcher } from './events/outbox';

/** Injected clock, so tests can travel in time. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Everything a module needs from the platform, passed explicitly (no hidden globals). */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  bus: InProcessEventBus;
  dispatcher: OutboxDispatcher;
  /** Start-up work still running (e.g. loading reference data); /readyz answers 503 until it is done. */
  startup: { pending: string | null };
}
