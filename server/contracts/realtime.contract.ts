import { z } from 'zod';
import type { AcknowledgeAlert, Alert } from './alert.contract.ts';
import type { Ack } from './common.contract.ts';
import type { SocialPost } from './social.contract.ts';
import { Ticket, TicketEventRecord } from './ticket.contract.ts';

/**
 * One committed transaction on one ticket: its event rows (oldest first) and the ticket as it is
 * after them. `seq` is the last event's sequence number; clients remember the highest they saw.
 */
export const TicketChange = z.object({
  seq: z.number().int(),
  events: z.array(TicketEventRecord),
  ticket: Ticket,
});
export type TicketChange = z.infer<typeof TicketChange>;

/** The wallboard's headline figures, computed on the server only. */
export const Kpis = z.object({
  at: z.string(),
  receivedToday: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  closedToday: z.number().int(),
  firstContactToday: z.number().int(),
  /** Share of today's finished appeals closed on first contact, 0..1; null when none finished yet. */
  firstContactRate: z.number().nullable(),
  firstContactTarget: z.number(),
  /** Today's share of appeals already in a final state, 0..1 (null before the first). */
  processedRate: z.number().nullable(),
  /** Today's share of acknowledgement and resolution deadlines met, of those decided. */
  ackCompliance: z.number().nullable(),
  resolveCompliance: z.number().nullable(),
  /** Median minutes from registration to resolution, for today's resolved appeals. */
  resolveMinutesP50: z.number().nullable(),
  /** Appeals received on the same weekday a week ago, up to the same time of day. */
  receivedSameTimeLastWeek: z.number().int(),
  /** Today's appeals by channel. */
  receivedByChannel: z.record(z.string(), z.number().int()),
  /** Today's appeals per hour of the city's day so far (the sparkline), oldest first. */
  receivedByHour: z.array(z.number().int()),
  /** Every rate tile's target and where amber begins (target − margin); below that it is red. */
  targets: z.object({
    firstContact: z.number(),
    processed: z.number(),
    ackCompliance: z.number(),
    resolveCompliance: z.number(),
    amberMargin: z.number(),
  }),
});
export type Kpis = z.infer<typeof Kpis>;

export const SyncRequest = z.object({ sinceSeq: z.number().int().min(0) }).strict();
export type SyncRequest = z.infer<typeof SyncRequest>;

/**
 * Answer to a resync: the changes after `sinceSeq` the client may see, oldest first. When the gap
 * is larger than the server replays, `complete` is false and the client reloads its lists instead.
 */
export const SyncResult = z.object({
  changes: z.array(TicketChange),
  complete: z.boolean(),
  lastSeq: z.number().int(),
});
export type SyncResult = z.infer<typeof SyncResult>;

/** Facts the server pushes. Names are `noun:past-participle`. */
export interface ServerToClientEvents {
  'ticket:changed': (change: TicketChange) => void;
  'kpi:updated': (kpis: Kpis) => void;
  /** A new alert, or one whose target was told again (a repeat or a re-trigger): screens make it stand out. */
  'alert:raised': (alert: Alert) => void;
  /** An alert acknowledged or resolved. */
  'alert:updated': (alert: Alert) => void;
  /** A post arrived in the social triage queue. */
  'social:received': (post: SocialPost) => void;
  /** A post left the queue: converted into an appeal or dismissed. */
  'social:handled': (post: SocialPost) => void;
}

/** Commands a client sends; each answers through a typed ack. */
export interface ClientToServerEvents {
  'sync:since': (request: SyncRequest, ack: (result: Ack<SyncResult>) => void) => void;
  'alert:acknowledge': (request: AcknowledgeAlert, ack: (result: Ack<Alert>) => void) => void;
}
