import { describe, expect, it } from 'vitest';
import { SnapshotCache } from './snapshot-cache.ts';

/** A build that counts its calls and answers `text`. */
function counting(text: string) {
  const build = () => {
    build.calls++;
    return Promise.resolve(Buffer.from(text));
  };
  build.calls = 0;
  return build;
}

describe('SnapshotCache', () => {
  it('reads a view once while the log position stands, and again when it moves', async () => {
    const cache = new SnapshotCache();
    const first = counting('a');
    expect(String(await cache.get('city', 7, first))).toBe('a');
    expect(String(await cache.get('city', 7, first))).toBe('a');
    expect(first.calls).toBe(1);
    const second = counting('b');
    expect(String(await cache.get('city', 8, second))).toBe('b');
    expect(second.calls).toBe(1);
  });

  it('shares one build between requests that arrive while it runs', async () => {
    const cache = new SnapshotCache();
    let finish!: (body: Buffer) => void;
    let calls = 0;
    const build = () => {
      calls++;
      return new Promise<Buffer>((resolve) => (finish = resolve));
    };
    const answers = [cache.get('city', 3, build), cache.get('city', 3, build), cache.get('city', 3, build)];
    finish(Buffer.from('x'));
    expect((await Promise.all(answers)).map(String)).toEqual(['x', 'x', 'x']);
    expect(calls).toBe(1);
  });

  it('keeps views apart, and forgets the least recently asked beyond its limit', async () => {
    const cache = new SnapshotCache(2);
    const city = counting('city');
    await cache.get('city', 1, city);
    await cache.get('district:almaty', 1, counting('almaty'));
    await cache.get('city', 1, city);
    await cache.get('agency:water', 1, counting('water'));
    await cache.get('city', 1, city);
    expect(city.calls).toBe(1);
    const almaty = counting('almaty');
    await cache.get('district:almaty', 1, almaty);
    expect(almaty.calls).toBe(1);
  });

  it('does not remember a failed read', async () => {
    const cache = new SnapshotCache();
    await expect(cache.get('city', 1, () => Promise.reject(new Error('database down')))).rejects.toThrow(
      'database down',
    );
    const retry = counting('ok');
    expect(String(await cache.get('city', 1, retry))).toBe('ok');
    expect(retry.calls).toBe(1);
  });
});
