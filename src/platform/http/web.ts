import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './app';
import { policy } from '../auth/policy';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The production build of the web app (`npm run build:web`). */
export const WEB_DIST = path.resolve(here, '../../../web/dist');

/** Paths the web app never answers: the API and the built-in e-ID provider keep their own 404s. */
const NOT_WEB = /^\/(api|oidc)(\/|$)/;
/** A request for a file (its last segment has an extension), as opposed to a page of the app. */
const FILE_LIKE = /\/[^/]*\.[A-Za-z0-9]+$/;

const NOT_BUILT = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>MotCua</title></head><body>
<h1>Ứng dụng web chưa được dựng / The web app is not built</h1>
<p>Chạy <code>npm run build:web</code> (hoặc <code>npm start</code>, lệnh này tự dựng). Run <code>npm run build:web</code>.</p>
<p><a href="/api/docs">API</a></p></body></html>`;

/**
 * Serves the web app (React, built by Vite into web/dist) from the same server as the API: hashed assets with a
 * long cache life, and index.html for every other GET that is not an API or e-ID provider address, so that the
 * app's own routes (/thu-tuc/…, /ho-so/…) load on a refresh or from a link. Precompressed .br/.gz twins written
 * by the build are sent when the browser accepts them.
 */
export async function registerWebApp(app: App, opts: { dist?: string } = {}): Promise<void> {
  const dist = opts.dist ?? WEB_DIST;
  await app.register(async (scope) => {
    const built = existsSync(path.join(dist, 'index.html'));
    if (built) {
      await scope.register(fastifyStatic, { root: dist, serve: false, preCompressed: true, index: false, dotfiles: 'deny' });
    }

    // The page is small and names the current hashed assets: always revalidated, so a new build is picked up at once.
    const sendIndex = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });

    const handler = async (req: FastifyRequest, reply: FastifyReply) => {
      const pathname = req.url.split('?')[0];
      if (NOT_WEB.test(pathname)) return reply.callNotFound();
      if (!built) return reply.status(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
      if (FILE_LIKE.test(pathname)) {
        let rel: string;
        try {
          rel = decodeURIComponent(pathname).replace(/^\/+/, '');
        } catch {
          return reply.callNotFound();
        }
        const file = path.resolve(dist, rel);
        if (!file.startsWith(dist + path.sep) || !isFile(file)) return reply.callNotFound();
        if (rel === 'index.html') return sendIndex(reply);
        // Vite names built assets by content hash: they never change, so browsers may keep them for a year.
        const immutable = rel.startsWith('assets/');
        return reply.sendFile(rel, { maxAge: immutable ? 365 * 24 * 3600 * 1000 : 3600 * 1000, immutable });
      }
      return sendIndex(reply);
    };

    scope.get('/', { config: { policy: policy.public() }, schema: { hide: true } }, handler);
    scope.get('/*', { config: { policy: policy.public() }, schema: { hide: true } }, handler);
  });
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
