import { describe, expect, it } from 'vitest';
import { clearOffset, type Box } from './label-placement.ts';

const label: Box = { x: 100, y: 100, w: 120, h: 24 };

describe('clearOffset', () => {
  it('leaves a name no disc touches where it is', () => {
    expect(clearOffset(label, [{ x: 400, y: 400, r: 30 }], 20)).toEqual({ dx: 0, dy: 0 });
    // A disc beside the box, its edge short of the corner.
    expect(clearOffset(label, [{ x: 240, y: 140, r: 20 }], 20)).toEqual({ dx: 0, dy: 0 });
  });

  it('moves a name up from under a disc, or down when up is taken too', () => {
    expect(clearOffset(label, [{ x: 160, y: 120, r: 10 }], 20)).toEqual({ dx: 0, dy: -20 });
    const above = { x: 160, y: 85, r: 12 };
    expect(clearOffset(label, [{ x: 160, y: 118, r: 10 }, above], 20)).toEqual({ dx: 0, dy: 40 });
  });

  it('does not move a name onto a name already placed', () => {
    const disc = { x: 160, y: 120, r: 10 };
    const neighbourAbove: Box = { x: 120, y: 70, w: 120, h: 24 };
    expect(clearOffset(label, [disc], 20)).toEqual({ dx: 0, dy: -20 });
    expect(clearOffset(label, [disc], 20, [neighbourAbove])).toEqual({ dx: 0, dy: 40 });
  });

  it('stays put when every nearby place is covered', () => {
    const wall = Array.from({ length: 9 }, (_, row) =>
      Array.from({ length: 9 }, (_, col) => ({ x: 20 + col * 40, y: 20 + row * 30, r: 30 })),
    ).flat();
    expect(clearOffset(label, wall, 20)).toEqual({ dx: 0, dy: 0 });
  });
});
