import { Router } from 'express';
import { CreateUser } from '../contracts/auth.contract.ts';
import { parse } from '../errors.ts';
import { requireUser } from '../http/request-user.ts';
import type { UserService } from './user.service.ts';

/** /api/users: account management for administrators. */
export function userRoutes(users: UserService): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json({ items: await users.list(requireUser(req)) });
  });
  router.post('/', async (req, res) => {
    res.status(201).json(await users.create(requireUser(req), parse(CreateUser, req.body)));
  });
  return router;
}
