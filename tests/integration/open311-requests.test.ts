import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../../server/contracts/ticket.contract.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import { expectStatus, type ApiResponse } from '../support/test-server.ts';
import { expectRequests, Open311Stack, V2 } from './open311-fixtures.ts';

// GET requests.{format} as GeoReport v2 describes it (filters, the default 90 days, at most 1000),
// with the common page/page_size and extensions=true additions.

const DAY_MS = 86_400_000;

describe.each(DATABASE_KINDS)('Open311 request list on %s', (kind) => {
  let o: Open311Stack;

  beforeAll(async () => {
    o = await Open311Stack.start(kind);
  });
  afterAll(() => o?.close());

  describe('GET requests', () => {
    let recent: string;
    let dogs: string;
    let old: Ticket;
    let firstContact: Ticket;
    let cancelled: Ticket;
    let onHold: Ticket;

    beforeAll(async () => {
      const { operator, water } = o.stack.staff;
      recent = await o.file();
      dogs = await o.file({ service_code: 'stray-dogs' });
      old = await operator.api.createTicket({ categoryId: 'road-damage' });
      await o.stack.server.komek.db.query('update tickets set created_at = $2 where id = $1', [
        old.id,
        new Date(Date.now() - 100 * DAY_MS),
      ]);
      firstContact = await operator.api.createTicket({ firstContactAnswer: 'The works end on Friday.' });
      cancelled = await operator.api.createTicket({ categoryId: 'road-damage' });
      expectStatus(
        await operator.api.command(cancelled.id, { type: 'ticket.cancel', reason: 'Duplicate request.' }),
        200,
      );
      onHold = await operator.api.createTicket({ categoryId: 'flooding' });
      for (const command of [
        { type: 'ticket.accept' },
        { type: 'ticket.start' },
        { type: 'ticket.comment', text: 'Called Aigerim back on her mobile' },
        {
          type: 'ticket.hold',
          reason: 'Waiting for the pump truck',
          until: new Date(Date.now() + DAY_MS).toISOString(),
        },
      ]) {
        expectStatus(await water.api.command(onHold.id, command), 200);
      }
    });

    const idsOf = (res: ApiResponse) => expectRequests(res).map((r) => r.service_request_id);

    it('lists the last 90 days newest first by default', async () => {
      const ids = idsOf(await o.get('requests.json'));
      expect(ids.indexOf(recent)).toBeGreaterThan(ids.indexOf(dogs));
      expect(ids).toContain(firstContact.registrationNumber);
      expect(ids).not.toContain(old.registrationNumber);
      const all = expectRequests(await o.get('requests.json'));
      const times = all.map((r) => Date.parse(r.requested_datetime));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it('service_request_id takes a comma-delimited list and overrides every other filter', async () => {
      const ids = idsOf(
        await o.get(
          `requests.json?service_request_id=${recent},${old.registrationNumber}&service_code=elevator&status=closed`,
        ),
      );
      expect(ids.sort()).toEqual([recent, old.registrationNumber].sort());
    });

    it('filters by service_code, comma-delimited or declared several times', async () => {
      const dogsOnly = expectRequests(await o.get('requests.json?service_code=stray-dogs'));
      expect(dogsOnly.map((r) => r.service_request_id)).toContain(dogs);
      expect(dogsOnly.every((r) => r.service_code === 'stray-dogs')).toBe(true);
      const both = expectRequests(await o.get('requests.json?service_code=stray-dogs,road-damage'));
      const repeated = expectRequests(
        await o.get('requests.json?service_code=stray-dogs&service_code=road-damage'),
      );
      expect(new Set(both.map((r) => r.service_code))).toEqual(new Set(['stray-dogs', 'road-damage']));
      expect(repeated).toEqual(both);
    });

    it('filters by status: closed covers closed, closed on first contact and cancelled, with their notes', async () => {
      const closed = expectRequests(await o.get('requests.json?status=closed'));
      expect(closed.every((r) => r.status === 'closed')).toBe(true);
      expect(closed.find((r) => r.service_request_id === firstContact.registrationNumber)!.status_notes).toBe(
        'The works end on Friday.',
      );
      expect(closed.find((r) => r.service_request_id === cancelled.registrationNumber)).toMatchObject({
        status_notes: 'Duplicate request.',
        service_notice: null,
      });
      const open = idsOf(await o.get('requests.json?status=open'));
      expect(open).toContain(recent);
      expect(open).not.toContain(cancelled.registrationNumber);
      expect(idsOf(await o.get('requests.json?status=open,closed')).length).toBe(
        idsOf(await o.get('requests.json')).length,
      );
    });

    it('filters by start_date and end_date on the requested time, with zones as W3C dates carry them', async () => {
      const at = Date.now() - 100 * DAY_MS;
      const iso = (ms: number) => new Date(ms).toISOString();
      expect(
        idsOf(await o.get(`requests.json?start_date=${iso(at - DAY_MS)}&end_date=${iso(at + DAY_MS)}`)),
      ).toEqual([old.registrationNumber]);
      // An unescaped + in a query string arrives as a space; it is read as the offset it meant.
      const offset = new Date(at - DAY_MS + 5 * 3600_000).toISOString().slice(0, 19) + '+05:00';
      expect(idsOf(await o.get(`requests.json?start_date=${offset}&end_date=${iso(at + DAY_MS)}`))).toEqual([
        old.registrationNumber,
      ]);
      // Seconds may be left out, as the W3C profile allows.
      const minutes = iso(at - DAY_MS).slice(0, 16) + 'Z';
      expect(idsOf(await o.get(`requests.json?start_date=${minutes}&end_date=${iso(at + DAY_MS)}`))).toEqual([
        old.registrationNumber,
      ]);
      // Only a start: 90 days from it.
      expect(idsOf(await o.get(`requests.json?start_date=${iso(at - DAY_MS)}`))).toContain(
        old.registrationNumber,
      );
      expect(idsOf(await o.get(`requests.json?end_date=${iso(at - DAY_MS)}`))).toEqual([]);
    });

    it('pages with page and page_size, and links the next page', async () => {
      const all = idsOf(await o.get('requests.json'));
      expect(all.length).toBeGreaterThan(4);
      const first = await o.get('requests.json?page_size=2');
      expect(idsOf(first)).toEqual(all.slice(0, 2));
      expect(first.headers.get('link')).toBe(`<${V2}/requests.json?page_size=2&page=2>; rel="next"`);
      expect(idsOf(await o.get('requests.json?page_size=2&page=2'))).toEqual(all.slice(2, 4));
      const last = await o.get(`requests.json?page_size=2&page=${Math.ceil(all.length / 2)}`);
      expect(last.headers.get('link')).toBeNull();
      expect(idsOf(await o.get('requests.json?page=1000'))).toEqual([]);
    });

    it('extensions=true adds the detailed state and the public history, without internal comments', async () => {
      const [held] = expectRequests(
        await o.get(`requests/${onHold.registrationNumber}.json?extensions=true`, {
          'accept-language': 'en',
        }),
      );
      expect(held).toMatchObject({
        status: 'open',
        status_notes: 'Waiting for the pump truck',
        extended_attributes: { detailed_status: 'on_hold', channel: 'phone' },
      });
      expect(held!.notes!.map((n) => [n.type, n.status])).toEqual([
        ['create', 'received'],
        ['register', 'registered'],
        ['assign', 'assigned'],
        ['accept', 'accepted'],
        ['start', 'in_progress'],
        ['hold', 'on_hold'],
      ]);
      expect(held!.notes![2]!.description).toBe('Assigned: Astana Su Arnasy (water supply and sewerage)');
      expect(held!.notes![5]!.description).toBe('Put on hold: Waiting for the pump truck');
      expect(JSON.stringify(held)).not.toContain('Aigerim');
      const list = expectRequests(await o.get('requests.json?extensions=true'));
      expect(list.every((r) => r.extended_attributes && r.notes && r.notes.length >= 2)).toBe(true);
      const plain = expectRequests(await o.get('requests.json'));
      expect(plain.some((r) => 'notes' in r || 'extended_attributes' in r)).toBe(false);
    });
  });
});
