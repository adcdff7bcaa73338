/**
 * What a table of report figures holds, already written in the user's language: the tables under
 * the charts and on the monthly summary are all this shape, and FiguresTable.svelte draws them.
 */

/** One row: its heading (a day, a group's name) and its figures as text, in column order. */
export interface FiguresRow {
  /** Tells the row from the others while the figures change (a date, a group's key; null: none). */
  key: string | null;
  label: string;
  cells: string[];
}

/** The columns' headings (the first heads the rows' headings) and the rows. */
export interface Figures {
  columns: string[];
  rows: FiguresRow[];
}

/** A chart's labelled counts (its bars or slices), as rows of one figure each, written by `write`. */
export function countRows(
  series: { keys: readonly (string | null)[]; labels: readonly string[]; values: readonly number[] },
  write: (count: number) => string,
): FiguresRow[] {
  return series.labels.map((label, i) => ({
    key: series.keys[i] ?? null,
    label,
    cells: [write(series.values[i] ?? 0)],
  }));
}
