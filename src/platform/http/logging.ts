import type { FastifyServerOptions } from 'fastify';

/**
 * Structured JSON logs (pino) that never carry personal data: no bodies, no query strings (they can hold names or
 * ID numbers), no cookies or authorization headers, no client addresses.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    base: { service: 'motcua' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    serializers: {
      req: (req: { method: string; url: string; id: string; routeOptions?: { url?: string } }) => ({
        id: req.id,
        method: req.method,
        route: req.routeOptions?.url,
        path: String(req.url).split('?')[0].replace(/\/\d{9,12}(?=\/|$)/g, '/:redacted'),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: safeError,
    },
  };
}

type LoggedError = Error & { code?: unknown; cause?: unknown; query?: unknown; params?: unknown; severity?: unknown; constraint?: unknown; table?: unknown; column?: unknown };

/** A database driver's error (pg, PGlite) or the ORM's wrapper of one, which carries the SQL and its parameters. */
function isDatabaseError(e: LoggedError | undefined): boolean {
  if (!e || typeof e !== 'object') return false;
  if ('query' in e && 'params' in e) return true;
  return typeof e.severity === 'string' && typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code);
}

/** Only the call frames of a stack: its first line repeats the message. */
const framesOf = (stack: string | undefined) => (stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).join('\n');

/**
 * Errors as logged. A database error never shows its message, its SQL or its parameters — they hold names and ID
 * numbers (`Failed query: … params: …`, `invalid input syntax …: "<value>"`, `Key (personal_id)=(…)`): only the
 * SQLSTATE code and the names of the constraint, table and column.
 */
export function safeError(err: LoggedError) {
  const cause = err?.cause as LoggedError | undefined;
  if (isDatabaseError(err) || isDatabaseError(cause)) {
    const db = isDatabaseError(cause) && !(typeof err.severity === 'string') ? (cause as LoggedError) : err;
    const pick = (k: 'constraint' | 'table' | 'column') => (typeof db[k] === 'string' ? { [k]: db[k] } : typeof err[k] === 'string' ? { [k]: err[k] } : {});
    return {
      type: err.name,
      code: typeof db.code === 'string' ? db.code : undefined,
      ...pick('constraint'),
      ...pick('table'),
      ...pick('column'),
      message: 'database error (message, query and parameters withheld)',
      stack: framesOf(err.stack),
    };
  }
  return { type: err?.name, code: err?.code, message: err?.message, stack: err?.stack ?? '' };
}
