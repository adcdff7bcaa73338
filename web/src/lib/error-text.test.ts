import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { errorText, fieldErrors, isConflict } from './error-text.ts';
import { i18n } from './i18n/index.svelte.ts';

describe('errorText', () => {
  it('names the state a conflicting ticket is in, in the user language', () => {
    const conflict = new ApiError(409, {
      code: 'stale_version',
      message: 'changed',
      currentState: 'in_progress',
      currentVersion: 4,
    });
    i18n.setLocale('en');
    expect(isConflict(conflict)).toBe(true);
    expect(errorText(conflict)).toContain('it is now “In progress”');
    i18n.setLocale('ru');
    expect(errorText(conflict)).toContain('«В работе»');
  });

  it('explains a missing server, a refusal and an unknown failure', () => {
    i18n.setLocale('en');
    expect(errorText(new ApiError(0, { code: 'network', message: 'Failed to fetch' }))).toMatch(
      /cannot be reached/,
    );
    expect(errorText(new ApiError(403, { code: 'forbidden', message: 'A display user cannot…' }))).toBe(
      'Your role may not do this.',
    );
    expect(errorText(new ApiError(500, { code: 'internal', message: 'boom' }))).toBe(
      'Something went wrong: boom',
    );
  });
});

describe('merge refusals', () => {
  it('are not a ticket that moved on, and say what is wrong with the incident', () => {
    i18n.setLocale('en');
    const refusal = new ApiError(409, {
      code: 'incident_not_open',
      message: 'Ticket 2026-000002 is closed',
      currentState: 'closed',
    });
    expect(isConflict(refusal)).toBe(false);
    expect(errorText(refusal)).toMatch(/cannot take merged appeals/);
    expect(errorText(new ApiError(409, { code: 'has_merged_tickets', message: 'x' }))).toMatch(
      /incident itself/,
    );
  });
});

describe('fieldErrors', () => {
  it('translates the common server messages and keeps the rest', () => {
    i18n.setLocale('en');
    const err = new ApiError(400, {
      code: 'invalid_request',
      message: 'The request is invalid.',
      fields: { description: 'must not be empty', lat: 'must be ≤ 90' },
    });
    expect(fieldErrors(err)).toEqual({ description: 'Please fill in this field.', lat: 'must be ≤ 90' });
    expect(fieldErrors(new Error('x'))).toEqual({});
  });
});
