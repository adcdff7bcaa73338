import type { SocialPost } from '#contracts/social.contract.ts';
import type { TicketWithHistory } from '#contracts/ticket.contract.ts';

/** What is known about a post someone else handled first: the post as handled, its appeal and who made it. */
export interface HandledFacts {
  post: SocialPost | null;
  /** The registration number of the appeal it became. */
  number: string | null;
  /** Who registered that appeal, as the event log names them. */
  creator: string | null;
}

/** Where the facts come from (the API, or fakes in tests). */
export interface HandledSources {
  /** The post as last pushed or seen handled, if known here. */
  known: SocialPost | undefined;
  listHandled: (status: 'converted' | 'dismissed') => Promise<SocialPost[]>;
  getTicket: (id: number) => Promise<TicketWithHistory>;
}

/**
 * Finds out what happened to a post refused with 409 post_already_handled (`status` is the error's
 * currentState): the post as handled, and for a conversion the appeal's number and who registered it.
 * Lookups that fail leave their part unknown; the notice is given with what was found.
 */
export async function explainHandled(
  postId: number,
  status: string | null,
  sources: HandledSources,
): Promise<HandledFacts> {
  const facts: HandledFacts = { post: sources.known ?? null, number: null, creator: null };
  try {
    if (!facts.post && (status === 'converted' || status === 'dismissed'))
      facts.post = (await sources.listHandled(status)).find((p) => p.id === postId) ?? null;
    if (facts.post?.status === 'converted' && facts.post.ticketId !== null) {
      const ticket = await sources.getTicket(facts.post.ticketId);
      facts.number = ticket.registrationNumber;
      facts.creator = ticket.events.find((e) => e.type === 'ticket.create')?.actorName ?? null;
    }
  } catch {
    // What was found so far is told; the rest stays unknown.
  }
  return facts;
}
