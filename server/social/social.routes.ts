import { Router } from 'express';
import { z } from 'zod';
import { ConvertSocialPost, DismissSocialPost, SocialPostListQuery } from '../contracts/social.contract.ts';
import { parse } from '../errors.ts';
import { requireUser } from '../http/request-user.ts';
import type { SocialService } from './social.service.ts';

const PostId = z.object({
  id: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be ≥ 1')
    .max(2_147_483_647, 'is too large'),
});

/** /api/social-posts: the triage queue, thin delegates to the social service. */
export function socialRoutes(social: SocialService): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await social.list(requireUser(req), parse(SocialPostListQuery, req.query)));
  });
  router.post('/:id/convert', async (req, res) => {
    const user = requireUser(req);
    res
      .status(201)
      .json(await social.convert(user, parse(PostId, req.params).id, parse(ConvertSocialPost, req.body)));
  });
  router.post('/:id/dismiss', async (req, res) => {
    const user = requireUser(req);
    res.json(
      await social.dismiss(user, parse(PostId, req.params).id, parse(DismissSocialPost, req.body).reason),
    );
  });
  return router;
}
