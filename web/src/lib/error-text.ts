import { ApiError } from './api.ts';
import { i18n, type MessageKey } from './i18n/index.svelte.ts';

const CODE_KEYS: Readonly<Record<string, MessageKey>> = {
  network: 'error.network',
  invalid_credentials: 'error.invalid_credentials',
  unauthenticated: 'error.unauthenticated',
  forbidden: 'error.forbidden',
  not_found: 'error.not_found',
  page_not_found: 'error.page_not_found',
  invalid_request: 'error.invalid_request',
  unknown_reference: 'error.unknown_reference',
};

/**
 * 409s that refuse what was asked rather than say the ticket moved on: a merge into an appeal that
 * cannot be an incident. The form stays open for another number.
 */
const REFUSAL_KEYS: Readonly<Record<string, MessageKey>> = {
  incident_not_open: 'error.incident_not_open',
  has_merged_tickets: 'error.has_merged_tickets',
};

/** Whether the error is a 409 because the ticket moved on while the user was looking at it. */
export const isConflict = (err: unknown): err is ApiError =>
  err instanceof ApiError && err.status === 409 && !Object.hasOwn(REFUSAL_KEYS, err.code);

/** A sentence for the user in their language, whatever went wrong. */
export function errorText(err: unknown): string {
  if (!(err instanceof ApiError)) return i18n.t('error.generic', { message: String(err) });
  const refusal = REFUSAL_KEYS[err.code];
  if (refusal) return i18n.t(refusal);
  if (err.status === 409) {
    const state = err.currentState ?? '';
    return i18n.t('error.conflict', { state: i18n.tKey(`state.${state}`, state) });
  }
  if (err.status === 403) return i18n.t('error.forbidden');
  const key = CODE_KEYS[err.code];
  return key ? i18n.t(key) : i18n.t('error.generic', { message: err.message });
}

/** Field-level messages of a 400/422, translated when they are common ones; empty for other errors. */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries(
    Object.entries(err.fields).map(([field, message]) => [field, i18n.fieldError(message)]),
  );
}
