import { Router } from 'express';
import type { Db } from '../../db/client.ts';
import { migrationsDone } from '../../db/migrate.ts';

/** /healthz: the process answers. /readyz: the database answers and every migration is applied. */
export function healthRoutes(db: Db): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      if (!(await migrationsDone(db))) {
        res.status(503).json({ status: 'migrating' });
        return;
      }
      res.json({ status: 'ready', database: db.kind });
    } catch {
      res.status(503).json({ status: 'database unreachable' });
    }
  });
  return router;
}
