import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n/index.svelte.ts';
import { ackFailureMessage } from './alert-ack.ts';

describe('ackFailureMessage', () => {
  it('names the usual refusals in the user language', () => {
    i18n.setLocale('en');
    const text = (code: string) => {
      const { key, params } = ackFailureMessage({ code, message: 'server text' });
      return i18n.t(key, params);
    };
    expect(text('alert_not_open')).toMatch(/already acknowledged or settled/);
    expect(text('forbidden')).toMatch(/may not acknowledge/);
    expect(text('timeout')).toMatch(/no answer/i);
    expect(text('internal')).toBe('Something went wrong: server text');
  });
});
