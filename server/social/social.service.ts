import type { Db } from '../../db/client.ts';
import { enqueueMessages } from '../../db/queries/outbox.ts';
import {
  findSocialPost,
  findSocialPostByExternalId,
  insertSocialPost,
  listSocialPosts,
  markSocialPostHandled,
  type SocialPostRow,
} from '../../db/queries/social-posts.ts';
import { canCreateTickets, WALL_ROOM, type Viewer } from '../auth/access.ts';
import type { Clock } from '../clock.ts';
import {
  SocialPostDelivery,
  type ConvertSocialPost,
  type SocialDeliveryReceipt,
  type SocialPost,
  type SocialPostListQuery,
} from '../contracts/social.contract.ts';
import { CreateTicket, type Ticket } from '../contracts/ticket.contract.ts';
import { conflict, DomainError, forbidden, notFound, parse } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Realtime } from '../realtime/realtime.ts';
import type { TicketService } from '../tickets/ticket.service.ts';
import { checkDelivery } from './social-signature.ts';

/** Where replies to a post's author go: the connector's outbox address `<source>:<external id>`. */
const replyAddress = (post: SocialPostRow) => `${post.source}:${post.external_id}`;

/**
 * Social networks: connectors deliver posts by signed webhook into the triage queue; operators turn a
 * post into an appeal (linked to it, its author answered through the connector) or dismiss it with a
 * reason (the author is told why).
 */
export class SocialService {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly secrets: ReadonlyMap<string, string>;
  private readonly tickets: TicketService;
  private readonly realtime: Realtime;
  private readonly logger: Logger;

  constructor(
    deps: { db: Db; clock: Clock; secrets: ReadonlyMap<string, string>; tickets: TicketService },
    realtime: Realtime,
    logger: Logger,
  ) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.secrets = deps.secrets;
    this.tickets = deps.tickets;
    this.realtime = realtime;
    this.logger = logger;
  }

  /**
   * Takes one delivery from a connector: the signature and its freshness are checked on the exact
   * bytes received before anything is parsed; a post delivered again is acknowledged, not stored twice.
   */
  async receive(
    source: string,
    rawBody: Buffer,
    signature: string | undefined,
    timestamp: string | undefined,
  ): Promise<{ receipt: SocialDeliveryReceipt; created: boolean }> {
    const secret = this.secrets.get(source);
    if (!secret) throw notFound(`Social source "${source}"`);
    const problem = checkDelivery(secret, signature, timestamp, rawBody, this.clock());
    if (problem) {
      throw new DomainError(401, 'bad_signature', SIGNATURE_MESSAGES[problem], {
        [problem === 'stale' ? 'X-Komek-Timestamp' : 'X-Komek-Signature']: SIGNATURE_MESSAGES[problem],
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw new DomainError(400, 'malformed_json', 'The request body is not valid JSON.', {
        _: 'is not valid JSON',
      });
    }
    const post = parse(SocialPostDelivery, json);
    const stored = await insertSocialPost(this.db, {
      source,
      external_id: post.externalId,
      kind: post.kind,
      author_handle: post.author?.handle ?? null,
      author_name: post.author?.name ?? null,
      text: post.text,
      url: post.url ?? null,
      lat: post.location?.lat ?? null,
      lon: post.location?.lon ?? null,
      posted_at: new Date(post.postedAt),
      received_at: this.clock(),
      raw: json,
    });
    if (!stored) {
      const earlier = await findSocialPostByExternalId(this.db, source, post.externalId);
      return { receipt: { id: earlier?.id ?? 0, duplicate: true }, created: false };
    }
    this.logger.info({ source, postId: stored.id, kind: stored.kind }, 'social post received');
    this.realtime.toRoom(WALL_ROOM).emit('social:received', toSocialPostDto(stored));
    return { receipt: { id: stored.id, duplicate: false }, created: true };
  }

  /** The triage queue (or the handled posts), for the centre's staff. */
  async list(viewer: Viewer, q: SocialPostListQuery): Promise<SocialPost[]> {
    requireTriage(viewer);
    return (await listSocialPosts(this.db, q.status, q.limit)).map(toSocialPostDto);
  }

  /**
   * Turns a post into an appeal in one transaction: the ticket (channel social, the author subscribed
   * through the connector) and the post's link to it. Someone who handled the post first wins: 409.
   */
  async convert(viewer: Viewer, id: number, body: ConvertSocialPost): Promise<Ticket> {
    requireTriage(viewer);
    const post = await findSocialPost(this.db, id);
    if (!post) throw notFound(`Social post ${id}`);
    if (post.status !== 'new') throw alreadyHandled(post);
    const usePostLocation = body.lat === undefined && body.address === undefined && post.lat !== null;
    const input = parse(CreateTicket, {
      categoryId: body.categoryId,
      channel: 'social',
      description: body.description ?? post.text,
      ...(body.lat !== undefined && { lat: body.lat, lon: body.lon }),
      ...(usePostLocation && { lat: post.lat, lon: post.lon }),
      ...(body.address && { address: body.address }),
      ...(body.districtId && { districtId: body.districtId }),
      ...(body.priority && { priority: body.priority }),
      ...(post.author_name && { reporterName: post.author_name.slice(0, 200) }),
    });
    const at = this.clock();
    const ticket = await this.tickets.create(viewer, input, {
      subscribers: [{ channel: 'connector', address: replyAddress(post), locale: 'ru' }],
      onCreated: async (tx, created) => {
        const linked = await markSocialPostHandled(tx, id, {
          status: 'converted',
          ticketId: created.id,
          dismissReason: null,
          by: viewer.id,
          at,
        });
        if (!linked) throw alreadyHandled((await findSocialPost(tx, id)) ?? post);
      },
    });
    this.realtime.toRoom(WALL_ROOM).emit(
      'social:handled',
      toSocialPostDto({
        ...post,
        status: 'converted',
        ticket_id: ticket.id,
        handled_by: viewer.id,
        handled_at: at,
      }),
    );
    return ticket;
  }

  /** Dismisses a post with a reason; the author gets the reason through the connector. */
  async dismiss(viewer: Viewer, id: number, reason: string): Promise<SocialPost> {
    requireTriage(viewer);
    const at = this.clock();
    const handled = await this.db.transaction(async (tx) => {
      const post = await markSocialPostHandled(tx, id, {
        status: 'dismissed',
        ticketId: null,
        dismissReason: reason,
        by: viewer.id,
        at,
      });
      if (!post) {
        const found = await findSocialPost(tx, id);
        throw found ? alreadyHandled(found) : notFound(`Social post ${id}`);
      }
      await enqueueMessages(
        tx,
        [
          {
            ticketId: null,
            eventSeq: null,
            channel: 'connector',
            address: replyAddress(post),
            locale: 'ru',
            kind: 'post_dismissed',
            payload: { reason },
          },
        ],
        at,
      );
      return post;
    });
    const dto = toSocialPostDto(handled);
    this.realtime.toRoom(WALL_ROOM).emit('social:handled', dto);
    return dto;
  }
}

const SIGNATURE_MESSAGES = {
  missing: 'X-Komek-Signature and X-Komek-Timestamp are required.',
  malformed: 'The signature must be sha256=<64 hex digits> and the timestamp Unix seconds.',
  stale: 'The delivery is more than 5 minutes old or in the future: replays are refused.',
  mismatch: 'The signature does not match the body and the secret of this source.',
} as const;

function requireTriage(viewer: Viewer): void {
  if (!canCreateTickets(viewer)) throw forbidden(`A ${viewer.role} user does not triage social posts.`);
}

function alreadyHandled(post: SocialPostRow): DomainError {
  return conflict('post_already_handled', `Social post ${post.id} was already ${post.status}.`, {
    currentState: post.status,
  });
}

/** The wire form of a stored post (the original delivery stays in the database). */
export function toSocialPostDto(p: SocialPostRow): SocialPost {
  return {
    id: p.id,
    source: p.source,
    externalId: p.external_id,
    kind: p.kind,
    authorHandle: p.author_handle,
    authorName: p.author_name,
    text: p.text,
    url: p.url,
    lat: p.lat,
    lon: p.lon,
    postedAt: p.posted_at.toISOString(),
    receivedAt: p.received_at.toISOString(),
    status: p.status,
    ticketId: p.ticket_id,
    dismissReason: p.dismiss_reason,
    handledBy: p.handled_by,
    handledAt: p.handled_at?.toISOString() ?? null,
  };
}
