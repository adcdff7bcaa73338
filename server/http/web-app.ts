import { existsSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Express, RequestHandler } from 'express';
import type { Logger } from '../logger.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

/**
 * Mounts the SvelteKit app after the API: the adapter-node handler from `build/`, or in development
 * the Vite dev server in middleware mode on the same HTTP server (hot reload included).
 * Returns a function that stops the dev server.
 */
export async function mountWebApp(
  app: Express,
  httpServer: HttpServer,
  dev: boolean,
  logger: Logger,
): Promise<() => Promise<void>> {
  if (dev) {
    const { createServer } = await import('vite');
    const vite = await createServer({
      root: ROOT,
      server: { middlewareMode: true, hmr: { server: httpServer } },
      appType: 'custom',
    });
    app.use(vite.middlewares);
    return () => vite.close();
  }
  const handlerPath = join(ROOT, 'build', 'handler.js');
  if (!existsSync(handlerPath)) {
    logger.error({ handlerPath }, 'web app is not built: run `npm run build` (npm start does it)');
    app.use(((_req, res) => {
      res
        .status(503)
        .type('text')
        .send('The Komek web app is not built. Run `npm run build`, or start with `npm start`.');
    }) satisfies RequestHandler);
    return async () => {};
  }
  const { handler } = (await import(pathToFileURL(handlerPath).href)) as { handler: RequestHandler };
  app.use(handler);
  return async () => {};
}
