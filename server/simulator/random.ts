/** A source of uniform numbers in [0, 1); injected so the simulator's choices can be replayed in tests. */
export type Random = () => number;

/** Mulberry32: a small seeded generator, good enough for demo data. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One item, chosen with probability proportional to its weight. */
export function pickWeighted<T>(items: readonly T[], weight: (item: T) => number, random: Random): T {
  const total = items.reduce((sum, item) => sum + Math.max(0, weight(item)), 0);
  let r = random() * total;
  for (const item of items) {
    r -= Math.max(0, weight(item));
    if (r < 0) return item;
  }
  return items[items.length - 1]!;
}

/** One item, uniformly. */
export const pickOne = <T>(items: readonly T[], random: Random): T =>
  items[Math.floor(random() * items.length)]!;
