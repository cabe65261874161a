import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { isSpaRoute } from '@ft/contracts';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from './error-handler';

const API_PREFIXES = ['/api', '/health', '/metrics'];

/**
 * Serves the built single-page app: hashed assets cached for a year, index.html never cached, and
 * the app's routes answered with index.html so they survive a reload. Any other page path gets the
 * same index.html (the app shows its "page not found" screen) with status 404, so the status tells
 * the truth. Unknown API paths get a problem body, never the SPA.
 */
export async function registerSpa(app: FastifyInstance, webDistDir: string | undefined) {
  const indexPath = webDistDir ? path.join(webDistDir, 'index.html') : undefined;
  const hasSpa = indexPath !== undefined && fs.existsSync(indexPath);

  if (hasSpa && webDistDir) {
    await app.register(fastifyStatic, {
      root: webDistDir,
      // Wildcard lookup serves files of a rebuild without a restart; misses fall through to the handler below.
      wildcard: true,
      index: 'index.html',
      // Our own headers below: hashed assets are immutable, everything else is revalidated.
      cacheControl: false,
      setHeaders: (res, filePath) => {
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '/';
    const isApi = API_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
    const wantsPage = request.method === 'GET' || request.method === 'HEAD';
    if (hasSpa && !isApi && wantsPage && !path.extname(pathname)) {
      return reply
        .code(isSpaRoute(pathname) ? 200 : 404)
        .header('cache-control', 'no-cache')
        .sendFile('index.html');
    }
    return sendProblem(request, reply, {
      status: 404,
      code: isApi ? 'ROUTE_NOT_FOUND' : 'NOT_FOUND',
      detail: `Aucune ressource ne correspond à ${request.method} ${pathname}.`,
    });
  });
}
