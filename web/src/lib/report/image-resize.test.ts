import { describe, expect, it } from 'vitest';
import { KEEP_AS_IS_BYTES, MAX_EDGE_PX, megabytes, planResize } from './image-resize.ts';

describe('planResize', () => {
  it('scales a large phone photo down to 1600 px on its long edge, keeping the aspect ratio', () => {
    expect(planResize({ width: 4032, height: 3024, bytes: 3_400_000, type: 'image/jpeg' })).toEqual({
      reencode: true,
      width: MAX_EDGE_PX,
      height: 1200,
    });
    expect(planResize({ width: 3024, height: 4032, bytes: 3_400_000, type: 'image/jpeg' })).toEqual({
      reencode: true,
      width: 1200,
      height: MAX_EDGE_PX,
    });
  });

  it('sends a small photo of an accepted type as it is', () => {
    for (const type of ['image/jpeg', 'image/png', 'image/webp'])
      expect(planResize({ width: 800, height: 600, bytes: 120_000, type })).toEqual({
        reencode: false,
        width: 800,
        height: 600,
      });
  });

  it('re-encodes a heavy photo even when it is small enough in pixels', () => {
    expect(planResize({ width: 1600, height: 1600, bytes: KEEP_AS_IS_BYTES + 1, type: 'image/png' })).toEqual(
      {
        reencode: true,
        width: 1600,
        height: 1600,
      },
    );
  });

  it('re-encodes types the server refuses (HEIC, GIF) at their own size', () => {
    expect(planResize({ width: 1000, height: 750, bytes: 500_000, type: 'image/heic' }).reencode).toBe(true);
    expect(planResize({ width: 10, height: 10, bytes: 500, type: 'image/gif' }).reencode).toBe(true);
    expect(planResize({ width: 10, height: 10, bytes: 500, type: '' }).reencode).toBe(true);
  });

  it('never plans a zero-pixel side for an extreme panorama', () => {
    expect(planResize({ width: 40_000, height: 10, bytes: 2_000_000, type: 'image/jpeg' })).toEqual({
      reencode: true,
      width: 1600,
      height: 1,
    });
  });
});

describe('megabytes', () => {
  it('rounds down to whole megabytes, at least 1', () => {
    expect(megabytes(10 * 1024 * 1024)).toBe(10);
    expect(megabytes(2048)).toBe(1);
  });
});
