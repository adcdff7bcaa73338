import { z } from 'zod';
import { ESCALATION_TARGETS } from '../../workflows/sla/escalation.ts';
import { IsoTime } from './common.contract.ts';

export const AlertStatus = z.enum(['open', 'acknowledged', 'resolved']);
export type AlertStatus = z.infer<typeof AlertStatus>;

/** An escalation alert as every client sees it: no personal data, enough to find the ticket. */
export const Alert = z.object({
  id: z.number().int(),
  ticketId: z.number().int(),
  registrationNumber: z.string().nullable(),
  categoryId: z.string(),
  districtId: z.string().nullable(),
  /** The agency holding the ticket now. */
  agencyId: z.string().nullable(),
  /** ack: not acknowledged in time; resolve: not resolved in time; manual: a person escalated it. */
  clock: z.enum(['ack', 'resolve', 'manual']),
  /** Position in the ticket's escalation levels, from 0; -1 for a manual escalation. */
  level: z.number().int(),
  target: z.enum(ESCALATION_TARGETS),
  /** The agency told (its room); null when the city's supervisors are. */
  targetAgencyId: z.string().nullable(),
  status: AlertStatus,
  notifyCount: z.number().int(),
  reason: z.string().nullable(),
  openedAt: IsoTime,
  lastNotifiedAt: IsoTime,
  acknowledgedAt: IsoTime.nullable(),
  acknowledgedBy: z.number().int().nullable(),
  /** Who acknowledged, as their name reads on screens. */
  acknowledgedByName: z.string().nullable(),
  resolvedAt: IsoTime.nullable(),
  resolution: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

/** GET /api/alerts query: live alerts (open and acknowledged) unless `status` says otherwise. */
export const AlertListQuery = z
  .object({
    status: z
      .string()
      .transform((s) => s.split(',').map((x) => x.trim()))
      .pipe(z.array(AlertStatus).min(1).max(3))
      .optional(),
    ticketId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
    limit: z.coerce.number().int().min(1, 'must be ≥ 1').max(500, 'must be ≤ 500').default(100),
  })
  .strict();
export type AlertListQuery = z.infer<typeof AlertListQuery>;

/** `alert:acknowledge` over Socket.IO, and the path parameter of POST /api/alerts/:id/acknowledge. */
export const AcknowledgeAlert = z.object({ alertId: z.number().int().min(1).max(2_147_483_647) }).strict();
export type AcknowledgeAlert = z.infer<typeof AcknowledgeAlert>;
