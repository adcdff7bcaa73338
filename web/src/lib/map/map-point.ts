import type { Ticket } from '#contracts/ticket.contract.ts';
import { isOpen } from '../tickets/ticket-state.ts';

type TicketState = Ticket['state'];

/** How urgent a ticket is for the map: past its resolution deadline, past a warning share, or fine. */
export type SlaLevel = 'on_time' | 'warning' | 'breached';

/** The deadline fields the level is judged from, as epoch milliseconds (null: not running). */
export interface SlaTimes {
  state: TicketState;
  slaPaused: boolean;
  resolveDueMs: number | null;
  resolveWarnMs: number | null;
  ackDueMs: number | null;
  ackWarnMs: number | null;
}

/**
 * What the wall keeps of one open ticket for its map: a dozen fields instead of the whole ticket,
 * since it holds every open ticket in the city (50,000 on a bad day).
 */
export interface MapPoint extends SlaTimes {
  id: number;
  version: number;
  lat: number;
  lon: number;
  /** Where it is and who works it: what a wall's district or agency view filters by. */
  districtId: string | null;
  agencyId: string | null;
  /** The registration number, for a console's tooltip. */
  label: string;
}

/**
 * An open ticket as a wall holds it, placed or not: the map draws those with a point, the wall's
 * counts take them all (a ticket known only by its address is still on someone's plate).
 */
export interface OpenRecord extends Omit<MapPoint, 'lat' | 'lon'> {
  lat: number | null;
  lon: number | null;
}

const epochMs = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

/** The deadline fields of a wire ticket as numbers. */
export function slaTimes(ticket: Ticket): SlaTimes {
  return {
    state: ticket.state,
    slaPaused: ticket.slaPaused,
    resolveDueMs: epochMs(ticket.resolveDueAt),
    resolveWarnMs: epochMs(ticket.resolveWarnAt),
    ackDueMs: epochMs(ticket.ackDueAt),
    ackWarnMs: epochMs(ticket.ackWarnAt),
  };
}

/** The map's record of a ticket, or null when it has no place on the map (no location, or finished). */
export function toMapPoint(ticket: Ticket): MapPoint | null {
  const record = toOpenRecord(ticket);
  return record && isPlaced(record) ? record : null;
}

/** Whether an open ticket has a point to draw. */
export const isPlaced = (record: OpenRecord): record is MapPoint =>
  record.lat !== null && record.lon !== null;

/** What a wall keeps of an open ticket, or null once it is finished. */
export function toOpenRecord(ticket: Ticket): OpenRecord | null {
  if (!isOpen(ticket)) return null;
  return {
    id: ticket.id,
    version: ticket.version,
    lat: ticket.lat,
    lon: ticket.lon,
    districtId: ticket.districtId,
    agencyId: ticket.agencyId,
    label: ticket.registrationNumber ?? '',
    ...slaTimes(ticket),
  };
}

/**
 * The level at `nowMs`. Breached is the overdue rule of the wall's tile and the server's KPI (an open
 * ticket, not on hold, past its resolution deadline), so map and tile agree. Warning is a running
 * resolution clock past its warning share, or an acknowledgement deadline past its warning share or
 * due (a late acknowledgement is amber: the work itself may still be on time).
 */
export function slaLevel(t: SlaTimes, nowMs: number): SlaLevel {
  if (!isOpen(t)) return 'on_time';
  if (t.state !== 'on_hold' && t.resolveDueMs !== null && t.resolveDueMs < nowMs) return 'breached';
  const resolveRunning = !t.slaPaused && t.state !== 'resolved';
  if (resolveRunning && t.resolveWarnMs !== null && nowMs >= t.resolveWarnMs) return 'warning';
  if (t.ackDueMs !== null && (nowMs >= t.ackDueMs || (t.ackWarnMs !== null && nowMs >= t.ackWarnMs)))
    return 'warning';
  return 'on_time';
}

/** The level of a wire ticket at `now`. */
export const ticketSlaLevel = (ticket: Ticket, now: Date): SlaLevel =>
  slaLevel(slaTimes(ticket), now.getTime());
