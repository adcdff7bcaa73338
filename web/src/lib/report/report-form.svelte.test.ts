import { describe, expect, it } from 'vitest';
import { ApiError, type FiledReport } from '../api.ts';
import { ReportAttempts } from './report-attempts.ts';
import { ReportForm } from './report-form.svelte.ts';

interface Call {
  body: string;
  key: string;
}

/** A fake POST /api/public/reports answering from a script, recording what it was sent. */
function fakeServer(...answers: (FiledReport | ApiError)[]) {
  const calls: Call[] = [];
  const send = (body: string, key: string): Promise<FiledReport> => {
    calls.push({ body, key });
    const answer = answers.shift() ?? new ApiError(0, { code: 'network', message: 'no script' });
    return answer instanceof ApiError ? Promise.reject(answer) : Promise.resolve(answer);
  };
  return { calls, send };
}

const filed = (n: string): FiledReport => ({ registrationNumber: n, statusUrl: `/t/${n}`, replayed: false });
const offline = () => new ApiError(0, { code: 'network', message: 'offline' });

function keys() {
  let n = 0;
  return new ReportAttempts(() => `key-${String(++n).padStart(16, '0')}`);
}

function filledForm(send: ReturnType<typeof fakeServer>['send']) {
  const form = new ReportForm(send, keys());
  form.categoryId = 'open-manhole';
  form.lat = 51.128;
  form.lon = 71.43;
  form.description = '  Open manhole by the bus stop ';
  return form;
}

describe('ReportForm', () => {
  it('sends only what was filled in, trimmed', () => {
    const form = filledForm(fakeServer().send);
    form.phone = ' +7 701 123 45 67 ';
    expect(form.report()).toEqual({
      categoryId: 'open-manhole',
      description: 'Open manhole by the bus stop',
      lat: 51.128,
      lon: 71.43,
      phone: '+7 701 123 45 67',
    });
  });

  it('names what is missing without sending anything', async () => {
    const server = fakeServer();
    const form = new ReportForm(server.send, keys());
    await form.submit();
    expect(server.calls).toHaveLength(0);
    expect(Object.keys(form.errors.fields).sort()).toEqual(['category', 'description', 'place']);
    form.address = 'ул. Кенесары, 40';
    expect(form.missing().place).toBeUndefined();
  });

  it('sends a double tap once', async () => {
    const server = fakeServer(filed('2026-000123'));
    const form = filledForm(server.send);
    await Promise.all([form.submit(), form.submit()]);
    expect(server.calls).toHaveLength(1);
    expect(form.filed).toEqual({
      registrationNumber: '2026-000123',
      statusUrl: '/t/2026-000123',
      earlier: false,
    });
  });

  it('retries with the same key after a lost answer, and takes a fresh one for the next report', async () => {
    const server = fakeServer(offline(), filed('2026-000124'), filed('2026-000125'));
    const form = filledForm(server.send);
    await form.submit();
    expect(form.errors.form).toEqual({ key: 'report.error.network' });
    await form.submit();
    expect(server.calls[1]).toEqual(server.calls[0]);
    expect(form.filed?.registrationNumber).toBe('2026-000124');
    await form.submit();
    expect(server.calls[2]?.key).not.toBe(server.calls[0]?.key);
  });

  it('keeps the key for the corrected form after a refusal', async () => {
    const refusal = new ApiError(400, {
      code: 'invalid_request',
      message: 'x',
      fields: { lat: 'is outside Astana' },
    });
    const server = fakeServer(refusal, filed('2026-000126'));
    const form = filledForm(server.send);
    await form.submit();
    expect(form.errors.fields.place).toEqual({ key: 'report.place.outsideCity' });
    form.lat = 51.15;
    await form.submit();
    expect(server.calls[1]?.key).toBe(server.calls[0]?.key);
    expect(server.calls[1]?.body).not.toBe(server.calls[0]?.body);
  });

  it('gets the number of an attempt that arrived unanswered instead of filing the edited form again', async () => {
    const reused = new ApiError(422, { code: 'idempotency_key_reused', message: 'x' });
    const server = fakeServer(offline(), reused, { ...filed('2026-000127'), replayed: true });
    const form = filledForm(server.send);
    await form.submit();
    form.description = 'Open manhole by the bus stop, two metres deep';
    await form.submit();
    expect(server.calls.map((c) => c.key)).toEqual(Array(3).fill(server.calls[0]?.key));
    expect(server.calls[2]?.body).toBe(server.calls[0]?.body);
    expect(form.filed).toEqual({
      registrationNumber: '2026-000127',
      statusUrl: '/t/2026-000127',
      earlier: true,
    });
  });
});
