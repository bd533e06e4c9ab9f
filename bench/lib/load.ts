import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface LoadResult {
  rps: number;
  p99_ms: number;
  p50_ms: number;
  errors: number;
  non2xx: number;
  requests: number;
  /** Answers 2xx. */
  ok: number;
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH';
  headers?: Record<string, string>;
  /** A fresh body per request. */
  body?: () => string;
  path?: () => string;
  /** Headers of each request besides `headers` (an Idempotency-Key per request). */
  headersEach?: () => Record<string, string>;
  connections?: number;
  seconds?: number;
}

/** Drives load with autocannon from this process; the server under test runs in a child process. */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: o.url,
    connections: o.connections ?? 50,
    duration: o.seconds ?? Number(process.env.BENCH_SECONDS ?? 10),
    requests: [
      {
        method: o.method ?? 'POST',
        headers: { ...(o.body ? { 'content-type': 'application/json' } : {}), ...(o.headers ?? {}) },
        setupRequest: (req: any) => ({ ...req, ...(o.body ? { body: o.body() } : {}), ...(o.path ? { path: o.path() } : {}), ...(o.headersEach ? { headers: { ...req.headers, ...o.headersEach() } } : {}) }),
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
    ok: result['2xx'],
  };
}

/** Starts `bench/servers/<name>.ts` in a child process and resolves with what it reports once listening. */
export function startServer<T = { port: number }>(name: string, env: Record<string, string | undefined>): Promise<{ info: T; child: ChildProcess; stop: () => Promise<void> }> {
  const child = fork(path.join(here, '..', 'servers', `${name}.ts`), [], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)],
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`server ${name} exited with ${code}`)));
    child.once('message', (info) =>
      resolve({
        info: info as T,
        child,
        stop: () =>
          new Promise<void>((res) => {
            child.removeAllListeners('exit');
            child.once('exit', () => res());
            child.kill('SIGTERM');
          }),
      }),
    );
  });
}

/** A bench server's process CPU time and driver statement count (bench/lib/counters.ts), asked over IPC. */
export function statsOf(child: ChildProcess): Promise<{ cpu_ms: number; queries: number }> {
  return new Promise((resolve) => {
    const on = (m: unknown) => {
      const s = (m as { stats?: { cpu_ms: number; queries: number } }).stats;
      if (!s) return;
      child.off('message', on);
      resolve(s);
    };
    child.on('message', on);
    child.send({ stats: true });
  });
}

/** Runs a load and reports, beside it, the server's CPU time and statements per 2xx answer during it. */
export async function measuredLoad(child: ChildProcess, o: LoadOptions): Promise<LoadResult & { cpu_ms_per_ok: number; queries_per_ok: number }> {
  const before = await statsOf(child);
  const r = await runLoad(o);
  const after = await statsOf(child);
  const per = (x: number) => (r.ok ? Math.round((x / r.ok) * 100) / 100 : 0);
  return { ...r, cpu_ms_per_ok: per(after.cpu_ms - before.cpu_ms), queries_per_ok: per(after.queries - before.queries) };
}

/** A payload of about 1 KB, different each time. */
export function kilobyteText(seed: number): string {
  const words = 'Cấp giấy phép xây dựng nhà ở riêng lẻ tại phường Hạ Long tỉnh Quảng Ninh theo Nghị định 175/2024/NĐ-CP '.repeat(8);
  return `${seed} ${words}`.slice(0, 900);
}
