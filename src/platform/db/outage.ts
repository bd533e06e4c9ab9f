/**
 * Telling a lost database connection from any other failure. A request caught by an outage (the server restarting,
 * a failover, an administrator terminating backends, the network gone) is answered 503 with Retry-After, not 500:
 * nothing was committed, and the same request sent again once the database is back is served as usual.
 */

/** Socket-level failures reaching or talking to the database server. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs meaning the session is gone or cannot start: class 08 (connection exception), 57P01 admin_shutdown
 * (pg_terminate_backend, a fast shutdown), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or in
 * recovery), 53300 too_many_connections.
 */
const SESSION_LOST = /^(08...|57P0[123]|53300)$/;

/** What node-postgres and pg-pool say, without a code, when the connection dies or cannot be had. */
const DRIVER_MESSAGES = [
  'Connection terminated',
  'is not queryable',
  'timeout exceeded when trying to connect',
  'Connection terminated due to connection timeout',
];

/**
 * True when `err` (or what it wraps: Drizzle wraps the driver's error as `cause`) says the database connection was
 * lost or could not be opened. A FATAL error from the server ends the session by definition (e.g. a database that
 * does not accept connections at the moment).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  let e = err as any;
  for (let i = 0; e && typeof e === 'object' && i < 5; i++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && SESSION_LOST.test(code)) return true;
    if (e.severity === 'FATAL' || e.severity === 'PANIC') return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (!code && DRIVER_MESSAGES.some((m) => message.startsWith(m) || message.endsWith(m))) return true;
    if (Array.isArray(e.errors) && e.errors.some((x: unknown) => isDatabaseUnavailable(x))) return true;
    e = e.cause;
  }
  return false;
}

/** True when the database rolled the transaction back as a serialization failure (40001) or a deadlock (40P01). */
export function isConcurrencyFailure(err: unknown): boolean {
  let e = err as any;
  for (let i = 0; e && typeof e === 'object' && i < 5; i++) {
    if (e.code === '40001' || e.code === '40P01') return true;
    e = e.cause;
  }
  return false;
}
