import { describe, expect, it } from 'vitest';
import {
  EMPTY_SELECTION,
  keepOnly,
  keepShown,
  pageState,
  selectedInOrder,
  selectRange,
  toggleAllOnPage,
  toggleRow,
  type Selection,
} from './selection.ts';

const rows = [50, 40, 30, 20, 10];
const ids = (s: Selection) => [...s.ids].sort((a, b) => b - a);
const pick = (...selected: number[]) =>
  selected.reduce((s, id) => toggleRow(s, id), EMPTY_SELECTION as Selection);

describe('row selection', () => {
  it('toggles one row and makes it the anchor', () => {
    const one = toggleRow(EMPTY_SELECTION, 40);
    expect(ids(one)).toEqual([40]);
    expect(one.anchor).toBe(40);
    const none = toggleRow(one, 40);
    expect(ids(none)).toEqual([]);
    expect(none.anchor).toBe(40);
    // The value it came from is left as it was.
    expect(ids(one)).toEqual([40]);
  });

  it('shift-click selects the range from the anchor, either way, in the order shown', () => {
    expect(ids(selectRange(pick(40), rows, 10))).toEqual([40, 30, 20, 10]);
    expect(ids(selectRange(pick(20), rows, 50))).toEqual([50, 40, 30, 20]);
    // Rows selected outside the range stay selected; the anchor stays put for the next shift-click.
    const wider = selectRange(pick(50, 20), rows, 10);
    expect(ids(wider)).toEqual([50, 20, 10]);
    expect(wider.anchor).toBe(20);
  });

  it('shift-click from an unselected anchor clears the range', () => {
    const all = toggleAllOnPage(EMPTY_SELECTION, rows);
    const anchorOff = toggleRow(all, 40);
    expect(ids(selectRange(anchorOff, rows, 20))).toEqual([50, 10]);
  });

  it('shift-click with no anchor on screen toggles just that row', () => {
    expect(ids(selectRange(EMPTY_SELECTION, rows, 30))).toEqual([30]);
    expect(ids(selectRange(pick(99), rows, 30))).toEqual([99, 30]);
  });

  it('select-all selects the page, then clears it; it reports some or all', () => {
    expect(pageState(EMPTY_SELECTION, rows)).toBe('none');
    expect(pageState(pick(30), rows)).toBe('some');
    const all = toggleAllOnPage(pick(30), rows);
    expect(ids(all)).toEqual(rows);
    expect(pageState(all, rows)).toBe('all');
    expect(ids(toggleAllOnPage(all, rows))).toEqual([]);
    expect(pageState(EMPTY_SELECTION, [])).toBe('none');
  });

  it('drops rows that left the list, keeping the same value when none did', () => {
    const s = pick(50, 30, 10);
    expect(keepShown(s, rows)).toBe(s);
    const kept = keepShown(s, [50, 40, 20]);
    expect(ids(kept)).toEqual([50]);
    expect(kept.anchor).toBeNull();
  });

  it('keeps only the failed tickets after a bulk action, in the order shown', () => {
    const after = keepOnly(pick(50, 30, 10), [30, 10]);
    expect(ids(after)).toEqual([30, 10]);
    expect(after.anchor).toBe(10);
    expect(selectedInOrder(after, rows)).toEqual([30, 10]);
    expect(keepOnly(after, []).ids.size).toBe(0);
  });
});
