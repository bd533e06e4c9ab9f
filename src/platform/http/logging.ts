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
      err: (err: Error & { code?: string }) => ({ type: err.name, code: err.code, message: err.message, stack: err.stack ?? '' }),
    },
  };
}
