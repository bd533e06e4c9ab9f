import { Type } from 'typebox';
import { sql } from 'drizzle-orm';
import type { App } from './app';
import type { AppContext } from '../context';
import { policy } from '../auth/policy';
import { databaseUnavailable, platformErrors } from './errors';
import { Obj } from './schemas';

export function registerHealthRoutes(app: App, ctx: AppContext) {
  app.get(
    '/healthz',
    {
      config: { policy: policy.public(), errors: [] },
      schema: { operationId: 'liveness', tags: ['health'], summary: 'Liveness', description: 'Answers as long as the process serves HTTP (for a supervisor’s liveness probe).', response: { 200: Obj({ status: Type.Literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: { policy: policy.public(), errors: [platformErrors.notReady, platformErrors.databaseUnavailable] },
      schema: {
        operationId: 'readiness',
        tags: ['health'],
        summary: 'Readiness: the database answers',
        description: 'Ready when start-up work (e.g. loading reference data) is done and the database answers; 503 `not_ready` while starting, 503 `platform.database_unavailable` (with Retry-After) while the database cannot be reached — it turns ready again by itself once the database is back (for a load balancer’s readiness probe).',
        response: { 200: Obj({ status: Type.Literal('ready'), database: Type.String() }) },
      },
    },
    async () => {
      if (ctx.startup.pending) throw platformErrors.notReady({ vi: `Đang khởi động: ${ctx.startup.pending}.`, en: `Starting up: ${ctx.startup.pending}.` });
      try {
        await ctx.db.execute(sql`select 1`);
      } catch {
        // Every failed check opens a new connection next time: ready again within a probe of the database's return.
        throw databaseUnavailable();
      }
      return { status: 'ready' as const, database: ctx.database.kind };
    },
  );
}
