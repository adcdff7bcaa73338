import type { AgencyBoard } from '#contracts/agency-board.contract.ts';
import type { KpiTrend } from '#contracts/kpi-trend.contract.ts';
import { api } from '../api.ts';
import { batchedTask, type BatchedTask } from '../map/batched-task.ts';

/** Minutes of trend the tiles draw. */
export const TREND_MINUTES = 180;
/** A new sample is taken each minute; the board moves with the tickets, but is read at most this often. */
const TREND_REFRESH_MS = 60_000;
const BOARD_MIN_INTERVAL_MS = 15_000;

/**
 * The wall's slower figures beside the pushed KPIs: each tile's trend (minute samples) and the
 * agency board. Both come from the server's KPI module; a failed read keeps the last figures.
 */
export class WallFigures {
  trend = $state.raw<KpiTrend | null>(null);
  board = $state.raw<AgencyBoard | null>(null);
  #boardRefresh: BatchedTask | null = null;

  /** Loads both, then keeps them current; returns the stop. */
  start(options: { board: boolean }): () => void {
    const loadTrend = () =>
      void api
        .kpiTrend(TREND_MINUTES)
        .then((trend) => (this.trend = trend))
        .catch(() => undefined);
    loadTrend();
    const trendTimer = setInterval(loadTrend, TREND_REFRESH_MS);
    if (options.board) {
      this.#boardRefresh = batchedTask(
        () =>
          void api
            .agencyBoard()
            .then((board) => (this.board = board))
            .catch(() => undefined),
        { minIntervalMs: BOARD_MIN_INTERVAL_MS, maxShare: 0.05 },
      );
      this.#boardRefresh.request();
    }
    return () => {
      clearInterval(trendTimer);
      this.#boardRefresh?.cancel();
      this.#boardRefresh = null;
    };
  }

  /** Tickets changed: the board is read again, at most every 15 seconds. */
  ticketsChanged(): void {
    this.#boardRefresh?.request();
  }
}
