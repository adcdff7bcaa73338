import type { KpiDay, KpiReportLine } from '#contracts/kpi-report.contract.ts';
import { channelColour } from './chart-palette.ts';

/** The trend chart's figures: one label per day, received and resolved side by side. */
export interface TrendSeries {
  labels: string[];
  received: number[];
  resolved: number[];
}

/** The days as the line chart draws them, in order, labelled by `labelOf` (the date in the locale). */
export function trendSeries(days: readonly KpiDay[], labelOf: (date: string) => string): TrendSeries {
  return {
    labels: days.map((d) => labelOf(d.date)),
    received: days.map((d) => d.received),
    resolved: days.map((d) => d.resolved),
  };
}

/** Bars of the breakdown chart: the busiest groups, and how many more the table holds. */
export interface GroupBars {
  keys: (string | null)[];
  labels: string[];
  values: number[];
  /** Groups left off the chart (all of them are in the table). */
  hidden: number;
}

/**
 * The groups by appeals received, busiest on top, ties by name; at most `limit` of them, so the
 * bars stay readable when a breakdown has forty categories.
 */
export function groupBars(
  lines: readonly KpiReportLine[],
  nameOf: (key: string | null) => string,
  locale: string,
  limit = 12,
): GroupBars {
  const sorted = [...lines].sort(
    (a, b) => b.received - a.received || nameOf(a.key).localeCompare(nameOf(b.key), locale),
  );
  const shown = sorted.slice(0, limit);
  return {
    keys: shown.map((l) => l.key),
    labels: shown.map((l) => nameOf(l.key)),
    values: shown.map((l) => l.received),
    hidden: sorted.length - shown.length,
  };
}

/** Slices of the channel chart, each in its channel's fixed colour. */
export interface ChannelSlices {
  keys: (string | null)[];
  labels: string[];
  values: number[];
  colours: string[];
}

/** The channels with appeals, largest first, in their colours (an empty channel has no slice). */
export function channelSlices(
  lines: readonly KpiReportLine[],
  nameOf: (key: string | null) => string,
): ChannelSlices {
  const shown = [...lines].filter((l) => l.received > 0).sort((a, b) => b.received - a.received);
  return {
    keys: shown.map((l) => l.key),
    labels: shown.map((l) => nameOf(l.key)),
    values: shown.map((l) => l.received),
    colours: shown.map((l) => channelColour(l.key)),
  };
}
