import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlaceMatch, PlaceSearchResult } from '#contracts/place.contract.ts';
import { ApiError } from '../api.ts';
import { AddressSearch, SEARCH_DELAY_MS } from './address-search.svelte.ts';

const place = (id: string, ru: string): PlaceMatch => ({
  id,
  kind: 'street',
  name: { ru, kk: ru, en: ru },
  lat: 51.1,
  lon: 71.4,
  districtId: 'yesil',
  address: { ru, kk: ru, en: ru },
  match: 'prefix',
});
const KABANBAY = place('kabanbay-batyr-avenue', 'проспект Кабанбай батыра');
const BOGENBAY = place('bogenbay-batyr-avenue', 'проспект Богенбай батыра');

/** A fake gazetteer: answers each query from `answers` when `release` is called, recording the calls. */
function fakeGazetteer(answers: Record<string, PlaceSearchResult | ApiError>) {
  const calls: { q: string; signal: AbortSignal }[] = [];
  const fetcher = (q: string, signal: AbortSignal) => {
    calls.push({ q, signal });
    const answer = answers[q] ?? { items: [], house: null };
    return answer instanceof ApiError ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return { calls, fetcher };
}

describe('AddressSearch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks once typing pauses, with the trimmed text, and opens the list with nothing highlighted', async () => {
    const gazetteer = fakeGazetteer({ кабанбай: { items: [KABANBAY, BOGENBAY], house: null } });
    const search = new AddressSearch(gazetteer.fetcher);
    search.typed('ка');
    search.typed('кабан');
    search.typed(' кабанбай ');
    expect(search).toMatchObject({ status: 'loading', open: true });
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS - 1);
    expect(gazetteer.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(gazetteer.calls.map((c) => c.q)).toEqual(['кабанбай']);
    expect(search).toMatchObject({ status: 'done', open: true, active: -1, results: [KABANBAY, BOGENBAY] });
    expect(search.current).toBeUndefined();
  });

  it('moves the highlight with the arrows, wrapping, and closes on request', async () => {
    const search = new AddressSearch(
      fakeGazetteer({ абай: { items: [KABANBAY, BOGENBAY], house: null } }).fetcher,
    );
    search.move(1);
    expect(search.open).toBe(false); // nothing typed yet
    search.typed('абай');
    await vi.runAllTimersAsync();
    search.move(1);
    expect(search.current).toBe(KABANBAY);
    search.move(1);
    search.move(1);
    expect(search.current).toBe(KABANBAY);
    search.move(-1);
    expect(search.current).toBe(BOGENBAY);
    search.close();
    expect(search).toMatchObject({ open: false, active: -1 });
    search.move(1);
    expect(search).toMatchObject({ open: true, active: 0 });
    search.settle();
    expect(search).toMatchObject({ open: false, status: 'idle', results: [] });
  });

  it('drops the answer to an older text, and asks nothing for text shorter than two characters', async () => {
    const gazetteer = fakeGazetteer({ абай: { items: [BOGENBAY], house: null } });
    const search = new AddressSearch(gazetteer.fetcher);
    search.typed('кабанбай');
    await vi.runAllTimersAsync();
    search.typed('абай');
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS);
    expect(search.results).toEqual([BOGENBAY]);
    search.typed('а');
    expect(gazetteer.calls.at(-1)?.signal.aborted).toBe(false);
    expect(search).toMatchObject({ status: 'idle', open: false, results: [] });
    await vi.runAllTimersAsync();
    expect(gazetteer.calls).toHaveLength(2);
  });

  it('says when nothing is found, and keeps a failure to show', async () => {
    const failure = new ApiError(429, { code: 'rate_limited', message: 'Too many' });
    const search = new AddressSearch(
      fakeGazetteer({ нет: { items: [], house: null }, сбой: failure }).fetcher,
    );
    search.typed('нет');
    await vi.runAllTimersAsync();
    expect(search).toMatchObject({ status: 'done', open: true, results: [] });
    search.typed('сбой');
    await vi.runAllTimersAsync();
    expect(search).toMatchObject({ status: 'error', error: failure, results: [] });
  });

  it('aborts the request in flight when the text changes', async () => {
    const signals: AbortSignal[] = [];
    const search = new AddressSearch(
      (_q, signal) =>
        new Promise((_resolve, reject) => {
          signals.push(signal);
          signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    search.typed('кабанбай');
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS);
    search.typed('кабанбай 5');
    expect(signals[0]?.aborted).toBe(true);
    expect(search.status).toBe('loading');
    search.dispose();
    await vi.runAllTimersAsync();
    expect(signals).toHaveLength(1);
  });
});
