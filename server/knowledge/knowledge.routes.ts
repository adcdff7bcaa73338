import { Router } from 'express';
import { z } from 'zod';
import { KnowledgeArticleInput, KnowledgeQuery } from '../contracts/knowledge.contract.ts';
import { parse } from '../errors.ts';
import { requireUser } from '../http/request-user.ts';
import type { KnowledgeService } from './knowledge.service.ts';

const ArticleId = z.object({
  id: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be ≥ 1')
    .max(2_147_483_647, 'is too large'),
});

/** /api/knowledge: thin delegates to the knowledge service. */
export function knowledgeRoutes(knowledge: KnowledgeService): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await knowledge.search(requireUser(req), parse(KnowledgeQuery, req.query)));
  });
  router.post('/', async (req, res) => {
    res.status(201).json(await knowledge.create(requireUser(req), parse(KnowledgeArticleInput, req.body)));
  });
  router.put('/:id', async (req, res) => {
    const user = requireUser(req);
    res.json(
      await knowledge.update(user, parse(ArticleId, req.params).id, parse(KnowledgeArticleInput, req.body)),
    );
  });
  router.delete('/:id', async (req, res) => {
    await knowledge.archive(requireUser(req), parse(ArticleId, req.params).id);
    res.status(204).end();
  });
  return router;
}
