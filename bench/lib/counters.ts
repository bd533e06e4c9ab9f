/**
 * What a bench server reports about itself: its process CPU time and the statements it sent to PostgreSQL, counted
 * at the driver (every `pg` Client.query, BEGIN and COMMIT included, background work included). The parent asks
 * with an IPC message `{ stats: true }` before and after a load and takes the difference.
 */
import pg from 'pg';

export interface ServerStats {
  cpu_ms: number;
  queries: number;
}

let queries = 0;
const original = pg.Client.prototype.query;
(pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  queries++;
  return (original as (...a: unknown[]) => unknown).apply(this, args);
};

export function serverStats(): ServerStats {
  const u = process.cpuUsage();
  return { cpu_ms: (u.user + u.system) / 1000, queries };
}

/** Answers the parent's `{ stats: true }` messages with `{ stats }`. */
export function answerStats(): void {
  process.on('message', (m) => {
    if ((m as { stats?: boolean })?.stats) process.send!({ stats: serverStats() });
  });
}
