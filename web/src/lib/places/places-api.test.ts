import { describe, expect, it } from 'vitest';
import { ApiError } from '../api.ts';
import { placeFetcher } from './places-api.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('placeFetcher', () => {
  it('asks the staff or the public door with the text encoded', async () => {
    const urls: string[] = [];
    const fake = (async (url: string) => {
      urls.push(url);
      return json(200, { items: [], house: '53' });
    }) as typeof fetch;
    const signal = new AbortController().signal;
    expect(await placeFetcher('staff', fake)('Кабанбай 53', signal)).toEqual({ items: [], house: '53' });
    await placeFetcher('public', fake)('a&b', signal);
    expect(urls).toEqual([
      `/api/places?q=${encodeURIComponent('Кабанбай 53')}`,
      '/api/public/places?q=a%26b',
    ]);
  });

  it('turns an error answer and an unreachable server into an ApiError', async () => {
    const signal = new AbortController().signal;
    const refused = placeFetcher('public', (async () =>
      json(400, {
        error: { code: 'invalid_request', message: 'bad', fields: { q: 'is required' } },
      })) as typeof fetch);
    await expect(refused('x', signal)).rejects.toMatchObject({
      status: 400,
      code: 'invalid_request',
      fields: { q: 'is required' },
    });
    const broken = placeFetcher(
      'public',
      (async () => new Response('oops', { status: 502, statusText: 'Bad Gateway' })) as typeof fetch,
    );
    await expect(broken('x', signal)).rejects.toMatchObject({ status: 502, code: 'http_502' });
    const offline = placeFetcher('staff', (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    const error: unknown = await offline('x', signal).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 0, code: 'network' });
  });
});
