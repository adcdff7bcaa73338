import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTicketMessages, type OutboxMessage } from '../../db/queries/outbox.ts';
import { Delivery } from '../../server/contracts/delivery.contract.ts';
import { createLogger } from '../../server/logger.ts';
import { OutboxWorker } from '../../server/notifications/outbox-worker.ts';
import type { Transport } from '../../server/notifications/transport.ts';
import { ticketFactory } from '../support/factories.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  expectApiError,
  expectStatus,
  expectTicket,
  startTestStack,
  type TestStack,
} from '../support/test-server.ts';

const SECOND_MS = 1000;
const silent = createLogger('silent');

/** A transport that records what it sent and can be told to fail, like a gateway that is down. */
class RecordingTransport implements Transport {
  readonly channel = 'sms' as const;
  readonly sent: { to: string; text: string }[] = [];
  failuresLeft = 0;

  async send(message: OutboxMessage, text: string): Promise<void> {
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('gateway unavailable');
    }
    this.sent.push({ to: message.address, text });
  }
}

describe.each(DATABASE_KINDS)('messages to residents on %s', (kind) => {
  let stack: TestStack;
  let now = Date.parse('2026-11-25T06:00:00Z');
  const clock = () => new Date(now);
  const transport = new RecordingTransport();
  let worker: OutboxWorker;

  beforeAll(async () => {
    stack = await startTestStack(kind, { clock });
    await stack.server.komek.outbox.stop();
    await stack.server.komek.timers.stop();
    worker = new OutboxWorker(
      stack.server.komek.db,
      [transport],
      { publicUrl: 'https://109.astana.kz', timeZone: 'Asia/Almaty' },
      silent,
      clock,
      { maxAttempts: 3, retryBaseMs: 10 * SECOND_MS, leaseMs: 60 * SECOND_MS },
    );
  });
  afterAll(() => stack?.close());

  /** Files an appeal as a channel does: with the resident to tell, on SMS. */
  const fileWithSubscriber = (phone: string, locale: 'ru' | 'kk' | 'en' = 'ru') =>
    stack.server.komek.tickets.create(
      { userId: null, role: 'system' },
      { ...ticketFactory({ categoryId: 'flooding' }), channel: 'phone' },
      { subscribers: [{ channel: 'sms', address: phone, locale }] },
    );
  const messages = (ticketId: number) => listTicketMessages(stack.server.komek.db, ticketId);
  const send = async (id: number, command: Record<string, unknown>, as = stack.staff.supervisor) =>
    expectTicket(await as.api.command(id, command));

  it('queues a message with the change that causes it, and delivers it in the resident’s language', async () => {
    const ticket = await fileWithSubscriber('+7 701 000 00 01', 'kk');
    expect((await messages(ticket.id)).map((m) => [m.kind, m.status])).toEqual([['registered', 'pending']]);
    expect(await worker.deliverDue()).toEqual({ sent: 1, failed: 0 });
    expect(transport.sent.at(-1)).toEqual({
      to: '+7 701 000 00 01',
      text: expect.stringMatching(new RegExp(`^Сіздің № ${ticket.registrationNumber} өтінішіңіз`)),
    });

    // A comment or a refused command tells the resident nothing; a state change does.
    await send(ticket.id, { type: 'ticket.comment', text: 'Called the crew' });
    expectApiError(
      await stack.staff.supervisor.api.command(ticket.id, { type: 'ticket.resume' }),
      409,
      'event_not_accepted',
    );
    expect(await messages(ticket.id)).toHaveLength(1);
    await send(ticket.id, { type: 'ticket.resolve', resolution: 'Pumped out' }, stack.staff.water);
    const [, resolved] = await messages(ticket.id);
    expect(resolved).toMatchObject({
      kind: 'state_changed',
      status: 'pending',
      payload: { state: 'resolved', resolution: 'Pumped out' },
    });
    await worker.deliverDue();
    expect(transport.sent.at(-1)!.text).toContain('Нәтижесі: Pumped out');
  });

  it('shows each delivery on the ticket, masking the address on wall displays', async () => {
    const ticket = await fileWithSubscriber('+7 701 000 00 02');
    await worker.deliverDue();
    const res = await stack.staff.supervisor.api.get(`/api/tickets/${ticket.id}/deliveries`);
    expectStatus(res, 200);
    expect(Delivery.array().parse(res.body)).toEqual([
      expect.objectContaining({
        channel: 'sms',
        address: '+7 701 000 00 02',
        kind: 'registered',
        status: 'sent',
        attempts: 1,
      }),
    ]);
    const wall = Delivery.array().parse(
      (await stack.staff.display.api.get(`/api/tickets/${ticket.id}/deliveries`)).body,
    );
    expect(wall[0]!.address).toBe('•••');
    expectApiError(await stack.staff.vet.api.get(`/api/tickets/${ticket.id}/deliveries`), 404, 'not_found');
  });

  it('retries a failed delivery with a doubling backoff and gives up after the last attempt', async () => {
    const ticket = await fileWithSubscriber('+7 701 000 00 03');
    transport.failuresLeft = 1;
    expect(await worker.deliverDue()).toEqual({ sent: 0, failed: 1 });
    let [message] = await messages(ticket.id);
    expect(message).toMatchObject({ status: 'pending', attempts: 1, lastError: 'gateway unavailable' });
    expect(message!.nextAttemptAt.getTime()).toBe(now + 10 * SECOND_MS);
    expect(await worker.deliverDue()).toEqual({ sent: 0, failed: 0 });
    now += 10 * SECOND_MS;
    expect(await worker.deliverDue()).toEqual({ sent: 1, failed: 0 });

    const doomed = await fileWithSubscriber('+7 701 000 00 04');
    transport.failuresLeft = 3;
    for (const waitMs of [0, 10, 20].map((s) => s * SECOND_MS)) {
      now += waitMs;
      await worker.deliverDue();
    }
    [message] = await messages(doomed.id);
    expect(message).toMatchObject({ status: 'failed', attempts: 3, lastError: 'gateway unavailable' });
  });

  it('sends again a message whose delivery was cut off, once its lease ends', async () => {
    const ticket = await fileWithSubscriber('+7 701 000 00 05');
    // A worker leases it and dies before recording anything.
    await stack.server.komek.db.query(
      "update outbox_messages set attempts = 1, next_attempt_at = $2 where ticket_id = $1 and status = 'pending'",
      [ticket.id, new Date(now + 60 * SECOND_MS)],
    );
    expect(await worker.deliverDue()).toEqual({ sent: 0, failed: 0 });
    now += 60 * SECOND_MS;
    expect(await worker.deliverDue()).toEqual({ sent: 1, failed: 0 });
    expect((await messages(ticket.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('tells the residents of merged appeals when their incident is resolved', async () => {
    const incident = await stack.staff.operator.api.createTicket({ categoryId: 'flooding' });
    const call = await fileWithSubscriber('+7 701 000 00 06', 'en');
    await send(call.id, { type: 'ticket.merge', incidentId: incident.id }, stack.staff.operator);
    await send(incident.id, { type: 'ticket.resolve', resolution: 'Storm drain cleared' }, stack.staff.water);
    await worker.deliverDue();
    const texts = transport.sent.filter((s) => s.to === '+7 701 000 00 06').map((s) => s.text);
    expect(texts).toHaveLength(3); // registered, merged, resolved
    expect(texts.at(-1)).toContain('Outcome: Storm drain cleared');
  });
});
