import type { Sql } from '../../db/client.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { AgencyBoard } from '../contracts/agency-board.contract.ts';
import type { Kpis } from '../contracts/realtime.contract.ts';
import { buildAgencyBoard } from './agency-board.service.ts';
import { computeKpis } from './kpi.service.ts';
import { SharedFigures } from './shared-figures.ts';

/** The figures every wall reads over the whole backlog, each computed once for all of them. */
export interface WallFigures {
  kpis: SharedFigures<Kpis>;
  agencyBoard: SharedFigures<AgencyBoard>;
  /** Tickets changed: every figure is computed afresh for the next caller. */
  invalidate(): void;
}

export function wallFigures(db: Sql, clock: Clock, config: Config): WallFigures {
  const kpis = new SharedFigures(() => computeKpis(db, clock, config), clock);
  const agencyBoard = new SharedFigures(() => buildAgencyBoard(db, clock, config.cityTimeZone), clock);
  return {
    kpis,
    agencyBoard,
    invalidate() {
      kpis.invalidate();
      agencyBoard.invalidate();
    },
  };
}
