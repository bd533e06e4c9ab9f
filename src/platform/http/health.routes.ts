import { Type } from 'typebox';
import { sql } from 'drizzle-orm';
import type { App } from './app';
import type { AppContext } from '../context';
import { policy } from '../auth/policy';
import { platformErrors } from './errors';

export function registerHealthRoutes(app: App, ctx: AppContext) {
  app.get('/healthz', { config: { policy: policy.public() }, schema: { tags: ['health'], summary: 'Liveness', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } }, async () => ({ status: 'ok' as const }));
  app.get(
    '/readyz',
    { config: { policy: policy.public() }, schema: { tags: ['health'], summary: 'Readiness: the database answers', response: { 200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }) } } },
    async () => {
      if (ctx.startup.pending) {
        throw platformErrors.notReady({ vi: `Đang khởi động: ${ctx.startup.pending}.`, en: `Starting up: ${ctx.startup.pending}.` });
      }
      try {
        await ctx.db.execute(sql`select 1`);
      } catch {
        throw platformErrors.notReady({ vi: 'Cơ sở dữ liệu không trả lời.', en: 'The database does not answer.' });
      }
      return { status: 'ready' as const, database: ctx.database.kind };
    },
  );
}
