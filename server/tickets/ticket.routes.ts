import { Router } from 'express';
import { z } from 'zod';
import { CreateTicket, StatusEnquiry, TicketCommand, TicketListQuery } from '../contracts/ticket.contract.ts';
import { BulkTicketCommand } from '../contracts/bulk-ticket.contract.ts';
import { parse } from '../errors.ts';
import { requireUser } from '../http/request-user.ts';
import type { TicketService } from './ticket.service.ts';

const TicketId = z.object({
  id: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be ≥ 1')
    .max(2_147_483_647, 'is too large'),
});

/** /api/tickets: thin delegates to the ticket service. */
export function ticketRoutes(tickets: TicketService): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    res.json(await tickets.list(requireUser(req), parse(TicketListQuery, req.query)));
  });
  router.post('/', async (req, res) => {
    res.status(201).json(await tickets.create(requireUser(req), parse(CreateTicket, req.body)));
  });
  // Before '/:id': "bulk" is not a ticket id.
  router.post('/bulk', async (req, res) => {
    res.json(await tickets.bulk(requireUser(req), parse(BulkTicketCommand, req.body)));
  });
  router.get('/:id', async (req, res) => {
    res.json(await tickets.get(requireUser(req), parse(TicketId, req.params).id));
  });
  router.post('/:id/status-enquiry', async (req, res) => {
    const user = requireUser(req);
    res
      .status(201)
      .json(
        await tickets.statusEnquiry(
          user,
          parse(TicketId, req.params).id,
          parse(StatusEnquiry, req.body ?? {}),
        ),
      );
  });
  router.get('/:id/deliveries', async (req, res) => {
    res.json(await tickets.deliveries(requireUser(req), parse(TicketId, req.params).id));
  });
  router.post('/:id/events', async (req, res) => {
    const user = requireUser(req);
    res.json(await tickets.command(user, parse(TicketId, req.params).id, parse(TicketCommand, req.body)));
  });
  return router;
}
