import { Router } from 'express';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import {
  CreateSlaPolicy,
  DataIdParams,
  PutAgencyCalendar,
  PutCalendar,
  PutCategory,
  PutEscalationPolicy,
  SlaPolicyListQuery,
  SlaPolicyParams,
  SlugParams,
} from '../contracts/sla-admin.contract.ts';
import { parse } from '../errors.ts';
import { requireUser } from '../http/request-user.ts';
import { CalendarAdminService } from './calendar-admin.service.ts';
import { PolicyAdminService } from './policy-admin.service.ts';

/** /api/admin: administrators change deadlines, calendars, escalation and categories at run time. PUT answers 201 when it created. */
export function slaAdminRoutes(deps: { db: Db; clock: Clock; config: Config }): Router {
  const calendars = new CalendarAdminService(deps.db, deps.clock, deps.config.cityTimeZone);
  const policies = new PolicyAdminService(deps.db, deps.clock);
  const router = Router();

  router.get('/calendars', async (req, res) => {
    res.json({ items: await calendars.list(requireUser(req)) });
  });
  router.put('/calendars/:id', async (req, res) => {
    const viewer = requireUser(req);
    const id = parse(DataIdParams, req.params).id;
    const { created, calendar } = await calendars.put(viewer, id, parse(PutCalendar, req.body));
    res.status(created ? 201 : 200).json(calendar);
  });
  router.delete('/calendars/:id', async (req, res) => {
    await calendars.remove(requireUser(req), parse(DataIdParams, req.params).id);
    res.status(204).end();
  });
  router.put('/agencies/:id/calendar', async (req, res) => {
    const viewer = requireUser(req);
    const id = parse(SlugParams, req.params).id;
    res.json(await calendars.setAgencyCalendar(viewer, id, parse(PutAgencyCalendar, req.body)));
  });

  router.get('/sla-policies', async (req, res) => {
    res.json({
      items: await policies.listSlaPolicies(requireUser(req), parse(SlaPolicyListQuery, req.query)),
    });
  });
  router.post('/sla-policies', async (req, res) => {
    res.status(201).json(await policies.createSlaPolicy(requireUser(req), parse(CreateSlaPolicy, req.body)));
  });
  router.delete('/sla-policies/:id', async (req, res) => {
    res.json(await policies.removeSlaPolicy(requireUser(req), parse(SlaPolicyParams, req.params).id));
  });

  router.get('/escalation-policies', async (req, res) => {
    res.json({ items: await policies.listEscalationPolicies(requireUser(req)) });
  });
  router.put('/escalation-policies/:id', async (req, res) => {
    const viewer = requireUser(req);
    const id = parse(DataIdParams, req.params).id;
    const put = await policies.putEscalationPolicy(viewer, id, parse(PutEscalationPolicy, req.body));
    res.status(put.created ? 201 : 200).json(put.policy);
  });

  router.put('/categories/:id', async (req, res) => {
    const viewer = requireUser(req);
    const id = parse(SlugParams, req.params).id;
    const put = await policies.putCategory(viewer, id, parse(PutCategory, req.body));
    res.status(put.created ? 201 : 200).json(put.category);
  });
  return router;
}
