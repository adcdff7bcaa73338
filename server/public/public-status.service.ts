import type { Sql } from '../../db/client.ts';
import { countTicketAttachments } from '../../db/queries/attachments.ts';
import { findNearbyTickets } from '../../db/queries/nearby-tickets.ts';
import { findTicketIdByRegistrationNumber } from '../../db/queries/public-tickets.ts';
import { findCategory, listCategories } from '../../db/queries/reference.ts';
import { listTicketEvents } from '../../db/queries/ticket-events.ts';
import { findTicket } from '../../db/queries/tickets.ts';
import { FINAL_TICKET_STATES } from '../../workflows/ticket/ticket.types.ts';
import type { Clock } from '../clock.ts';
import type {
  NearbyAppeals,
  NearbyQuery,
  PublicCategories,
  PublicTicketStatus,
} from '../contracts/public.contract.ts';
import { notFound, unknownReference } from '../errors.ts';
import { toPublicStatus } from './public.mapper.ts';
import { statusUrlOf } from './public-report.service.ts';

// Appeals worth following instead of filing again: not finished, not already folded into an
// incident (the incident itself is listed), not resolved and waiting for confirmation.
const NOT_FOLLOWABLE = [...FINAL_TICKET_STATES, 'merged', 'resolved'] as const;
const NEARBY_LIMIT = 10;

/** What the public pages read. */
export interface PublicStatusDeps {
  db: Sql;
  clock: Clock;
  /** DUPLICATE_RADIUS_M and DUPLICATE_WINDOW_HOURS. */
  duplicateRadiusM: number;
  duplicateWindowMs: number;
}

/** The residents' read-only doors: an appeal's status page, appeals nearby, the categories. */
export class PublicStatusService {
  private readonly deps: PublicStatusDeps;

  constructor(deps: PublicStatusDeps) {
    this.deps = deps;
  }

  /** The public status of one appeal (404 for a number that was never given out). */
  async status(registrationNumber: string): Promise<PublicTicketStatus> {
    const { db } = this.deps;
    const id = await findTicketIdByRegistrationNumber(db, registrationNumber);
    const ticket = id === undefined ? undefined : await findTicket(db, id);
    if (!ticket || ticket.registrationNumber === null) throw notFound(`Appeal ${registrationNumber}`);
    const [events, attachments] = await Promise.all([
      listTicketEvents(db, ticket.id),
      countTicketAttachments(db, ticket.id),
    ]);
    return toPublicStatus({ ...ticket, registrationNumber: ticket.registrationNumber }, events, attachments);
  }

  /** Open appeals of the category near the point, filed recently, nearest first. */
  async nearby(q: NearbyQuery): Promise<NearbyAppeals> {
    const { db, clock, duplicateRadiusM, duplicateWindowMs } = this.deps;
    if (!(await findCategory(db, q.categoryId))) {
      throw unknownReference({ categoryId: `no category "${q.categoryId}"` });
    }
    const rows = await findNearbyTickets(db, {
      lat: q.lat,
      lon: q.lon,
      radiusM: duplicateRadiusM,
      categoryId: q.categoryId,
      createdSince: new Date(clock().getTime() - duplicateWindowMs),
      excludeStates: NOT_FOLLOWABLE,
      excludeTicketId: null,
      limit: NEARBY_LIMIT,
    });
    return {
      items: rows.flatMap((t) =>
        t.registrationNumber === null
          ? []
          : [
              {
                registrationNumber: t.registrationNumber,
                state: t.state,
                distanceM: Math.round(t.distanceM),
                createdAt: t.createdAt.toISOString(),
                statusUrl: statusUrlOf(t.registrationNumber),
              },
            ],
      ),
      radiusM: duplicateRadiusM,
      windowHours: duplicateWindowMs / 3_600_000,
    };
  }

  /** Every category in display order, in the three languages, for the report form. */
  async categories(): Promise<PublicCategories> {
    const rows = await listCategories(this.deps.db);
    return { items: rows.map((c) => ({ id: c.id, name: { ru: c.name_ru, kk: c.name_kk, en: c.name_en } })) };
  }
}
