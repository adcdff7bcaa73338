import { describe, expect, it } from 'vitest';
import { ApiError, asApiError } from './api.ts';

describe('asApiError', () => {
  it('keeps an ApiError as it is', () => {
    const refused = new ApiError(409, { code: 'stale_version', message: 'moved on' });
    expect(asApiError(refused)).toBe(refused);
  });

  it('reads any other failure as the server not reached, with its message', () => {
    const offline = asApiError(new TypeError('Failed to fetch'));
    expect(offline).toBeInstanceOf(ApiError);
    expect(offline).toMatchObject({ status: 0, code: 'network', message: 'Failed to fetch' });
    expect(asApiError('socket closed')).toMatchObject({
      status: 0,
      code: 'network',
      message: 'socket closed',
    });
  });
});
