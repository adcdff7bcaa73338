import type { HandleClientError } from '@sveltejs/kit/hooks';
import { ApiError } from './lib/api.ts';

// A failed load reaches +error.svelte with the API error code (`network`, `forbidden`, ...) as its
// message, so the page can say what happened in the user's language.
export const handleError: HandleClientError = (caught) => {
  if (caught.kind === 'unknown')
    return { message: caught.error instanceof ApiError ? caught.error.code : 'unexpected' };
  if (caught.kind === 'framework' && caught.error.status === 404) return { message: 'page_not_found' };
};
