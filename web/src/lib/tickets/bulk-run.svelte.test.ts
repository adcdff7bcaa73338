import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BulkTicketAnswer } from '#contracts/bulk-ticket.contract.ts';
import { BulkRun } from './bulk-run.svelte.ts';

afterEach(() => vi.unstubAllGlobals());

const tickets = Array.from({ length: 250 }, (_, i) => ({ id: i + 1, version: 2, registrationNumber: null }));
const command = { type: 'ticket.comment', text: 'Checked' } as const;

/** Answers each bulk request: every ticket ok except those in `refuse`. */
function okAnswer(body: { ticketIds: { id: number }[] }, refuse: number[] = []): BulkTicketAnswer {
  const results = body.ticketIds.map(({ id }) =>
    refuse.includes(id)
      ? ({
          ticketId: id,
          ok: false,
          error: { status: 409, code: 'stale_version', message: 'moved' },
        } as const)
      : ({ ticketId: id, ok: true, version: 3, state: 'assigned' } as const),
  );
  return {
    results,
    succeeded: results.filter((r) => r.ok).length,
    failed: results.filter((r) => !r.ok).length,
  };
}

describe('BulkRun', () => {
  it('sends the selection in requests of 200 with versions and keys, and returns the refused ids', async () => {
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) =>
      Response.json(okAnswer(JSON.parse(String(init.body)), [7, 230])),
    );
    vi.stubGlobal('fetch', fetchMock);
    const run = new BulkRun();
    const failed = await run.run('ticket.comment', command, tickets);
    expect(failed).toEqual([7, 230]);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const [first, second] = fetchMock.mock.calls.map(([, init]) => init);
    expect(JSON.parse(String(first!.body)).ticketIds).toHaveLength(200);
    expect(JSON.parse(String(first!.body)).ticketIds[0]).toEqual({ id: 1, expectedVersion: 2 });
    const keys = [first, second].map((init) => new Headers(init!.headers).get('idempotency-key'));
    expect(keys[0]).toMatch(/^bulk-[0-9a-f]{32}-0$/);
    expect(keys[1]).toBe(keys[0]!.replace(/-0$/, '-1'));
    expect(run).toMatchObject({ running: false, done: 250, total: 250, failure: null });
    expect(run.summary?.succeeded).toBe(248);
  });

  it('keeps the unsent tickets after a lost connection, and retries with the same keys', async () => {
    let calls = 0;
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
      calls += 1;
      if (calls === 2) throw new TypeError('Failed to fetch');
      return Response.json(okAnswer(JSON.parse(String(init.body))));
    });
    vi.stubGlobal('fetch', fetchMock);
    const run = new BulkRun();
    const failed = await run.run('ticket.comment', command, tickets);
    expect(failed).toEqual(tickets.slice(200).map((t) => t.id));
    expect(run.failure?.code).toBe('network');
    expect(run.done).toBe(200);
    await run.run('ticket.comment', command, tickets);
    const keys = fetchMock.mock.calls.map(([, init]) => new Headers(init.headers).get('idempotency-key'));
    expect(keys[2]).toBe(keys[0]);
    // A different action is a new attempt with new keys.
    await run.run('ticket.comment', { ...command, text: 'Other' }, tickets);
    const later = fetchMock.mock.calls.map(([, init]) => new Headers(init.headers).get('idempotency-key'));
    expect(later[4]).not.toBe(keys[0]);
  });
});
