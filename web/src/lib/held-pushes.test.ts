import { describe, expect, it } from 'vitest';
import { HeldPushes } from './held-pushes.ts';

describe('HeldPushes', () => {
  it('lets pushes through while no fetch is in flight', () => {
    const held = new HeldPushes<string>();
    expect(held.hold('a')).toBe(false);
    expect(held.release()).toEqual([]);
  });

  it('holds pushes during a fetch and hands them back once, oldest first, when it lands', () => {
    const held = new HeldPushes<string>();
    const fetching = held.begin();
    expect(held.hold('a')).toBe(true);
    expect(held.hold('b')).toBe(true);
    expect(fetching.superseded).toBe(false);
    expect(held.release()).toEqual(['a', 'b']);
    // Landed: what comes next is applied at once, and nothing is handed back twice.
    expect(held.hold('c')).toBe(false);
    expect(held.release()).toEqual([]);
  });

  it('keeps holding for the newer fetch when one supersedes another in flight', () => {
    const held = new HeldPushes<string>();
    const older = held.begin();
    held.hold('a');
    const newer = held.begin();
    held.hold('b');
    expect(older.superseded).toBe(true);
    expect(newer.superseded).toBe(false);
    expect(held.release()).toEqual(['a', 'b']);
  });

  it('forgets the held pushes when the fetch fails', () => {
    const held = new HeldPushes<string>();
    held.begin();
    held.hold('a');
    held.drop();
    expect(held.hold('b')).toBe(false);
    expect(held.release()).toEqual([]);
  });

  it('forgets only the held pushes the caller has settled itself', () => {
    const held = new HeldPushes<{ id: number }>();
    held.begin();
    held.hold({ id: 1 });
    held.hold({ id: 2 });
    held.discard((push) => push.id === 1);
    expect(held.release()).toEqual([{ id: 2 }]);
    // Nothing in flight: there is nothing to forget, and pushes still go through.
    held.discard(() => true);
    expect(held.hold({ id: 3 })).toBe(false);
  });

  it('supersedes the fetch in flight and forgets what it held when reset', () => {
    const held = new HeldPushes<string>();
    const fetching = held.begin();
    held.hold('a');
    held.reset();
    expect(fetching.superseded).toBe(true);
    expect(held.hold('b')).toBe(false);
    expect(held.release()).toEqual([]);
  });
});
