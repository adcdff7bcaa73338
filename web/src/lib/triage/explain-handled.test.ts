import { describe, expect, it, vi } from 'vitest';
import { ticketEventFactory, ticketFactory } from '../tickets/ticket.factory.ts';
import { explainHandled } from './explain-handled.ts';
import { socialPostFactory as post } from './social-post.factory.ts';

const ticketWith = (creator: string) => ({
  ...ticketFactory({ id: 9, registrationNumber: '2026-000009' }),
  events: [ticketEventFactory({ type: 'ticket.create', actorName: creator })],
});

describe('explainHandled', () => {
  it('names the appeal a post became and who registered it, from the post this screen already knows', async () => {
    const listHandled = vi.fn();
    const facts = await explainHandled(1, 'converted', {
      known: post({ id: 1, status: 'converted', ticketId: 9 }),
      listHandled,
      getTicket: async () => ticketWith('Dana'),
    });
    expect(facts).toMatchObject({ number: '2026-000009', creator: 'Dana' });
    expect(listHandled).not.toHaveBeenCalled();
  });

  it('asks the server for a post it never saw handled', async () => {
    const facts = await explainHandled(2, 'dismissed', {
      known: undefined,
      listHandled: async (status) => [post({ id: 2, status, dismissReason: 'Advertising' })],
      getTicket: async () => ticketWith('nobody'),
    });
    expect(facts.post?.dismissReason).toBe('Advertising');
    expect(facts.number).toBeNull();
  });

  it('keeps what it found when a lookup fails', async () => {
    const facts = await explainHandled(3, 'converted', {
      known: post({ id: 3, status: 'converted', ticketId: 9 }),
      listHandled: async () => [],
      getTicket: async () => {
        throw new Error('offline');
      },
    });
    expect(facts).toMatchObject({ post: { id: 3 }, number: null, creator: null });
  });
});
