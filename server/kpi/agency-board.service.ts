import type { Sql } from '../../db/client.ts';
import { agencyBacklog } from '../../db/queries/kpi-backlog.ts';
import { kpiReport } from '../../db/queries/kpi-report.ts';
import type { Clock } from '../clock.ts';
import type { AgencyBoard, AgencyBoardLine } from '../contracts/agency-board.contract.ts';
import { startOfCityDay } from './city-day.ts';
import { toReportLine } from './kpi-report.service.ts';

/**
 * The agency board: each agency's backlog now and today's deadline compliance, from the same KPI
 * module as the reports. Sorted by what needs attention: overdue work, then late acknowledgements,
 * then the longest wait.
 */
export async function buildAgencyBoard(db: Sql, clock: Clock, cityTimeZone: string): Promise<AgencyBoard> {
  const now = clock();
  const [backlog, today] = await Promise.all([
    agencyBacklog(db, now),
    kpiReport(db, startOfCityDay(now, cityTimeZone), new Date(now.getTime() + 1), now, 'agency'),
  ]);
  const todayByAgency = new Map(today.map((r) => [r.key, toReportLine(r)]));
  const agencies = new Set([
    ...backlog.map((b) => b.agency_id),
    ...today.flatMap((r) => (r.key ? [r.key] : [])),
  ]);
  const backlogByAgency = new Map(backlog.map((b) => [b.agency_id, b]));
  const lines: AgencyBoardLine[] = [...agencies].map((agencyId) => {
    const b = backlogByAgency.get(agencyId);
    const t = todayByAgency.get(agencyId);
    return {
      agencyId,
      open: b?.open_now ?? 0,
      overdue: b?.overdue_now ?? 0,
      ackOverdue: b?.ack_overdue_now ?? 0,
      oldest:
        b?.oldest_ticket_id && b.oldest_open_at
          ? {
              ticketId: b.oldest_ticket_id,
              registrationNumber: b.oldest_registration_number,
              since: b.oldest_open_at.toISOString(),
            }
          : null,
      receivedToday: t?.received ?? 0,
      ackCompliance: t?.ackCompliance ?? null,
      resolveCompliance: t?.resolveCompliance ?? null,
    };
  });
  lines.sort(
    (a, b) =>
      b.overdue - a.overdue ||
      b.ackOverdue - a.ackOverdue ||
      (a.oldest?.since ?? '9999').localeCompare(b.oldest?.since ?? '9999') ||
      a.agencyId.localeCompare(b.agencyId),
  );
  return { at: now.toISOString(), lines };
}
