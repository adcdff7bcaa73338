import type { ApiError as ApiErrorBody } from '#contracts/common.contract.ts';
import type { PlaceSearchResult } from '#contracts/place.contract.ts';
import { ApiError, asApiError } from '../api.ts';

/** Which door a form asks: the console's (with the session) or the residents' form's (no login). */
export type PlaceAudience = 'staff' | 'public';

/** Asks the gazetteer about a typed address; `signal` drops an answer nobody waits for any more. */
export type PlaceFetcher = (q: string, signal: AbortSignal) => Promise<PlaceSearchResult>;

const PATHS: Readonly<Record<PlaceAudience, string>> = {
  staff: '/api/places',
  public: '/api/public/places',
};

/**
 * GET /api/places or /api/public/places. Its own small fetch rather than api.ts's: a search typed
 * letter by letter must be abortable, and a lost session here only fails the search (the page's
 * own calls handle that).
 */
export function placeFetcher(audience: PlaceAudience, fetchImpl: typeof fetch = fetch): PlaceFetcher {
  return async (q, signal) => {
    let response: Response;
    try {
      response = await fetchImpl(`${PATHS[audience]}?q=${encodeURIComponent(q)}`, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
        signal,
      });
    } catch (err) {
      if (signal.aborted) throw err;
      throw asApiError(err);
    }
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return body as PlaceSearchResult;
    const error = (body as Partial<ApiErrorBody> | null)?.error;
    throw new ApiError(
      response.status,
      error && typeof error.code === 'string'
        ? error
        : { code: `http_${response.status}`, message: response.statusText },
    );
  };
}
