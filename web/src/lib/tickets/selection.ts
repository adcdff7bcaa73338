/**
 * Which rows of a list are selected for a bulk action, as plain data: `anchor` is the row last
 * toggled on its own, where a shift-click range starts. Every function returns a new value.
 */
export interface Selection {
  readonly ids: ReadonlySet<number>;
  readonly anchor: number | null;
}

/** Nothing selected. */
export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

/** Selects or unselects one row; it becomes the anchor of the next range. */
export function toggleRow(selection: Selection, id: number): Selection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/**
 * Shift-click: every row from the anchor to `id` (in the order shown) takes the anchor's state, as in
 * a file manager; with no anchor still on screen it toggles the one row.
 */
export function selectRange(selection: Selection, order: readonly number[], id: number): Selection {
  const from = selection.anchor === null ? -1 : order.indexOf(selection.anchor);
  const to = order.indexOf(id);
  if (from < 0 || to < 0) return toggleRow(selection, id);
  const on = selection.ids.has(selection.anchor!);
  const ids = new Set(selection.ids);
  for (const rowId of order.slice(Math.min(from, to), Math.max(from, to) + 1)) {
    if (on) ids.add(rowId);
    else ids.delete(rowId);
  }
  return { ids, anchor: selection.anchor };
}

/** Whether every row shown is selected ("select all" checked), some are (indeterminate), or none. */
export function pageState(selection: Selection, page: readonly number[]): 'all' | 'some' | 'none' {
  const count = page.filter((id) => selection.ids.has(id)).length;
  if (count === 0) return 'none';
  return count === page.length ? 'all' : 'some';
}

/** The "select all" box: selects every row shown, or clears them when all were selected already. */
export function toggleAllOnPage(selection: Selection, page: readonly number[]): Selection {
  const ids = new Set(selection.ids);
  const all = pageState(selection, page) === 'all';
  for (const id of page) {
    if (all) ids.delete(id);
    else ids.add(id);
  }
  return { ids, anchor: selection.anchor };
}

/**
 * Only the rows still shown stay selected: a ticket that left the list (a live change, a new filter)
 * must not be acted on unseen.
 */
export function keepShown(selection: Selection, shown: readonly number[]): Selection {
  const visible = new Set(shown);
  if ([...selection.ids].every((id) => visible.has(id))) return selection;
  return {
    ids: new Set([...selection.ids].filter((id) => visible.has(id))),
    anchor: selection.anchor !== null && visible.has(selection.anchor) ? selection.anchor : null,
  };
}

/** After a bulk action: only the tickets it failed on stay selected, ready for another try. */
export function keepOnly(selection: Selection, ids: readonly number[]): Selection {
  return { ids: new Set(ids), anchor: ids.includes(selection.anchor ?? -1) ? selection.anchor : null };
}

/** The selected ids in the order shown (the order a bulk request names them). */
export const selectedInOrder = (selection: Selection, order: readonly number[]): number[] =>
  order.filter((id) => selection.ids.has(id));
