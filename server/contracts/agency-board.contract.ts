import { z } from 'zod';
import { IsoTime } from './common.contract.ts';

const Rate = z.number().min(0).max(1).nullable();

/** One agency on the wall's agency board. */
export const AgencyBoardLine = z.object({
  agencyId: z.string(),
  open: z.number().int(),
  overdue: z.number().int(),
  /** Tickets waiting for the agency's acknowledgement past its deadline. */
  ackOverdue: z.number().int(),
  /** The open ticket that has waited longest. */
  oldest: z
    .object({ ticketId: z.number().int(), registrationNumber: z.string().nullable(), since: IsoTime })
    .nullable(),
  receivedToday: z.number().int(),
  /** Today's share of deadlines met (of those decided), 0..1; null when none was decided yet. */
  ackCompliance: Rate,
  resolveCompliance: Rate,
});
export type AgencyBoardLine = z.infer<typeof AgencyBoardLine>;

/** GET /api/kpis/agencies: every agency with work, the ones that need attention first. */
export const AgencyBoard = z.object({ at: IsoTime, lines: z.array(AgencyBoardLine) });
export type AgencyBoard = z.infer<typeof AgencyBoard>;
