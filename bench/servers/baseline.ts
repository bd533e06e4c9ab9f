// The bare baseline: a Fastify route that validates a ~1 KB body and inserts one row, nothing else.
import Fastify from 'fastify';
import { Type } from 'typebox';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

const url = process.env.DATABASE_URL;
type Exec = (text: string, params: unknown[]) => Promise<unknown>;
let exec: Exec;
let close: () => Promise<void>;
if (url) {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DB_POOL_SIZE ?? 20) });
  exec = (t, p) => pool.query(t, p);
  close = () => pool.end();
} else {
  const db = await PGlite.create('memory://');
  exec = (t, p) => db.query(t, p);
  close = () => db.close();
}
await exec('create table if not exists bench_baseline (id bigserial primary key, title text not null, body text not null, created_at timestamptz not null default now())', []);

const app = Fastify({ logger: false });
const Body = Type.Object({ title: Type.String({ minLength: 1, maxLength: 300 }), body: Type.String({ maxLength: 2000 }), tags: Type.Array(Type.String(), { maxItems: 10 }) }, { additionalProperties: false });
app.post('/bench', { schema: { body: Body } }, async (req, reply) => {
  const b = req.body as { title: string; body: string };
  const r = (await exec('insert into bench_baseline (title, body) values ($1, $2) returning id', [b.title, b.body])) as { rows: Array<{ id: string }> };
  return reply.status(201).send({ id: r.rows[0].id });
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.send!({ port: (app.server.address() as { port: number }).port });
process.on('SIGTERM', async () => {
  await app.close();
  await close();
  process.exit(0);
});
