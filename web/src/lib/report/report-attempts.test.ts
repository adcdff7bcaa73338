import { describe, expect, it } from 'vitest';
import { ReportAttempts } from './report-attempts.ts';

function keys() {
  let n = 0;
  return () => `key-${String(++n).padStart(16, '0')}`;
}

describe('ReportAttempts', () => {
  it('keeps one key across retries and refusals until a report is filed', () => {
    const attempts = new ReportAttempts(keys());
    const first = attempts.key;
    attempts.unanswered('{"description":"a"}');
    expect(attempts.key).toBe(first);
    // A refusal (400, 413, 429) changes nothing: the server left the key free.
    expect(attempts.key).toBe(first);
    attempts.filed();
    expect(attempts.key).not.toBe(first);
    expect(attempts.key).toBe('key-0000000000000002');
  });

  it('remembers the body of an unanswered attempt until a report is filed', () => {
    const attempts = new ReportAttempts(keys());
    expect(attempts.unansweredBody).toBeNull();
    attempts.unanswered('{"description":"first"}');
    attempts.unanswered('{"description":"second"}');
    expect(attempts.unansweredBody).toBe('{"description":"second"}');
    attempts.filed();
    expect(attempts.unansweredBody).toBeNull();
  });

  it('uses crypto.randomUUID by default: long enough for the server (16–200 characters)', () => {
    const a = new ReportAttempts();
    const b = new ReportAttempts();
    expect(a.key).toMatch(/^[\x21-\x7e]{16,200}$/);
    expect(a.key).not.toBe(b.key);
  });
});
