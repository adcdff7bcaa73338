import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketFactory } from '../support/factories.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  expectApiError,
  expectTicket,
  startTestStack,
  WATER_AGENCY,
  type ApiClient,
  type TestStack,
} from '../support/test-server.ts';

const REGISTRATION_NUMBER = /^\d{4}-\d{6}$/;
const runningNumber = (registrationNumber: string | null) => Number(registrationNumber?.split('-')[1]);

describe.each(DATABASE_KINDS)('tickets API on %s', (kind) => {
  let stack: TestStack;
  let operator: ApiClient;

  beforeAll(async () => {
    stack = await startTestStack(kind);
    operator = stack.staff.operator.api;
  });
  afterAll(() => stack?.close());

  describe('POST /api/tickets', () => {
    it('registers a flooding appeal with a sequential number and routes it to the water utility', async () => {
      const first = await operator.createTicket();
      const second = await operator.createTicket({ description: 'Second flood on the same street' });
      expect(first.registrationNumber).toMatch(REGISTRATION_NUMBER);
      expect(second.registrationNumber).toMatch(REGISTRATION_NUMBER);
      expect(second.registrationNumber!.slice(0, 4)).toBe(first.registrationNumber!.slice(0, 4));
      expect(runningNumber(second.registrationNumber)).toBe(runningNumber(first.registrationNumber) + 1);

      expect(first).toMatchObject({
        state: 'assigned',
        agencyId: WATER_AGENCY,
        categoryId: 'flooding',
        channel: 'phone',
        version: 3,
        reporterName: 'Aigerim Bekova',
        reporterPhone: '+7 701 123 45 67',
        closedAt: null,
      });
      expect(first.registeredAt).not.toBeNull();
      // flooding: acknowledge within 15 minutes, fix within 4 hours
      expect(Date.parse(first.ackDueAt!) - Date.parse(first.registeredAt!)).toBe(15 * 60_000);
      expect(Date.parse(first.resolveDueAt!) - Date.parse(first.registeredAt!)).toBe(240 * 60_000);
      // What an assigned ticket accepts, narrowed to what an operator may send.
      expect(first.acceptedEvents).toEqual([
        'ticket.assign',
        'ticket.cancel',
        'ticket.comment',
        'ticket.merge',
        'ticket.escalate',
      ]);

      const history = await operator.ticket(first.id);
      expect(history.events.map((e) => [e.type, e.fromState, e.toState, e.version])).toEqual([
        ['ticket.create', null, 'received', 1],
        ['ticket.register', 'received', 'registered', 2],
        ['ticket.assign', 'registered', 'assigned', 3],
      ]);
      // The door each event came through: the call, then the engine's own routing.
      expect(history.events.map((e) => e.channel)).toEqual(['phone', 'phone', 'system']);
      expect(history.events.map((e) => [e.actorUserId, e.actorRole])).toEqual([
        [stack.staff.operator.user.id, 'operator'],
        [stack.staff.operator.user.id, 'operator'],
        [null, 'system'],
      ]);
      // Each step records the deadlines it set, so reports judge it by the terms of the time.
      expect(history.events[1]!.payload).toEqual({
        categoryId: 'flooding',
        resolveDueAt: first.resolveDueAt,
      });
      expect(history.events[2]!.payload).toEqual({ agencyId: WATER_AGENCY, ackDueAt: first.ackDueAt });
      expect(first).toMatchObject({ priority: 'emergency', slaPaused: false });
      // Warnings at 75% of each deadline.
      expect(Date.parse(first.ackWarnAt!) - Date.parse(first.registeredAt!)).toBe(0.75 * 15 * 60_000);
      expect(Date.parse(first.resolveWarnAt!) - Date.parse(first.registeredAt!)).toBe(0.75 * 240 * 60_000);
    });

    it('closes an appeal answered during the call on first contact, without routing it', async () => {
      const ticket = await operator.createTicket({
        firstContactAnswer: 'Told the caller the works end on Friday.',
      });
      expect(ticket).toMatchObject({
        state: 'closed_first_contact',
        agencyId: null,
        version: 3,
        acceptedEvents: [],
      });
      expect(ticket.closedAt).not.toBeNull();
      expect(ticket.registrationNumber).toMatch(REGISTRATION_NUMBER);
      const history = await operator.ticket(ticket.id);
      expect(history.events.map((e) => e.type)).toEqual([
        'ticket.create',
        'ticket.register',
        'ticket.close_first_contact',
      ]);
    });

    it('derives the district from the point when none is given, and keeps a given one', async () => {
      // The centre of each district lies in that district.
      const almaty = await operator.createTicket({ lat: 51.1734, lon: 71.617 });
      const baikonur = await operator.createTicket({ lat: 51.2339, lon: 71.4656 });
      const given = await operator.createTicket({ lat: 51.1734, lon: 71.617, districtId: 'yesil' });
      const addressOnly = await operator.createTicket({
        lat: undefined,
        lon: undefined,
        address: 'Kenesary 40',
      });
      expect([almaty.districtId, baikonur.districtId, given.districtId, addressOnly.districtId]).toEqual([
        'almaty',
        'baikonur',
        'yesil',
        null,
      ]);
      // A point in another city (Almaty's centre) is refused, district given or not.
      for (const extra of [{}, { districtId: 'yesil' }]) {
        const faraway = await operator.post(
          '/api/tickets',
          ticketFactory({ lat: 43.24, lon: 76.89, ...extra }),
        );
        expect(expectApiError(faraway, 400, 'invalid_request').fields).toEqual({
          lat: 'the point 43.24, 76.89 is outside Astana; choose a place in the city',
        });
      }
    });

    it('routes courtyard matters to the akimat of the district', async () => {
      const ticket = await operator.createTicket({ categoryId: 'snow-yard', districtId: 'saryarka' });
      expect(ticket).toMatchObject({
        state: 'assigned',
        agencyId: 'akimat-saryarka',
        districtId: 'saryarka',
      });
    });
  });

  describe('bad input is a 4xx naming the field, never a 500', () => {
    const body = (overrides: Record<string, unknown>) => {
      const valid: Record<string, unknown> = { ...ticketFactory() };
      for (const [key, value] of Object.entries(overrides)) {
        if (value === undefined) delete valid[key];
        else valid[key] = value;
      }
      return valid;
    };

    it.each([
      ['missing description', { description: undefined }, ['description']],
      ['blank description', { description: '   ' }, ['description']],
      ['latitude out of range', { lat: 95 }, ['lat']],
      ['longitude out of range', { lon: -181 }, ['lon']],
      ['lat without lon', { lon: undefined }, ['lon']],
      ['neither location nor address', { lat: undefined, lon: undefined, address: undefined }, ['address']],
      ['unknown channel', { channel: 'pigeon' }, ['channel']],
      ['malformed phone', { reporterPhone: 'call me' }, ['reporterPhone']],
      ['category that is not a slug', { categoryId: 'Flooding!' }, ['categoryId']],
      ['description of the wrong type', { description: 42 }, ['description']],
      // PostgreSQL text cannot hold U+0000: a 400 here, not a failed insert
      ['NUL in the description', { description: 'a\u0000b' }, ['description']],
      ['NUL in the address', { address: 'Kenesary\u0000 40' }, ['address']],
    ])('%s → 400 invalid_request', async (_name, overrides, fields) => {
      const error = expectApiError(
        await operator.post('/api/tickets', body(overrides)),
        400,
        'invalid_request',
        fields,
      );
      expect(Object.values(error.fields!).every((m) => m.length > 0)).toBe(true);
    });

    it('an unknown field is named as not known', async () => {
      const error = expectApiError(
        await operator.post('/api/tickets', body({ urgency: 'urgent' })),
        400,
        'invalid_request',
        ['urgency'],
      );
      expect(error.fields!.urgency).toBe('is not a known field');
    });

    it('a body that is not an object → 400', async () => {
      expectApiError(await operator.post('/api/tickets', [ticketFactory()]), 400, 'invalid_request');
      expectApiError(await operator.send('POST', '/api/tickets'), 400, 'invalid_request');
    });

    it('malformed JSON → 400 malformed_json', async () => {
      const res = await operator.send('POST', '/api/tickets', {
        body: '{"categoryId": "flooding",',
        headers: { 'content-type': 'application/json' },
      });
      expectApiError(res, 400, 'malformed_json');
    });

    it('a body over 64 kB → 413 payload_too_large', async () => {
      const res = await operator.post('/api/tickets', ticketFactory({ description: 'x'.repeat(70 * 1024) }));
      expectApiError(res, 413, 'payload_too_large');
    });

    it('a description over 4000 characters but under 64 kB → 400 fields.description', async () => {
      expectApiError(
        await operator.post('/api/tickets', ticketFactory({ description: 'x'.repeat(4001) })),
        400,
        'invalid_request',
        ['description'],
      );
    });

    it('a text/plain body → 415 unsupported_media_type', async () => {
      const res = await operator.send('POST', '/api/tickets', {
        body: JSON.stringify(ticketFactory()),
        headers: { 'content-type': 'text/plain' },
      });
      expectApiError(res, 415, 'unsupported_media_type', ['content-type']);
    });

    it('an unknown category → 422 unknown_reference naming categoryId', async () => {
      expectApiError(
        await operator.post('/api/tickets', ticketFactory({ categoryId: 'alien-landing' })),
        422,
        'unknown_reference',
        ['categoryId'],
      );
    });

    it('an unknown district → 422 unknown_reference naming districtId', async () => {
      expectApiError(
        await operator.post('/api/tickets', ticketFactory({ districtId: 'atlantis' })),
        422,
        'unknown_reference',
        ['districtId'],
      );
    });

    it.each(['abc', '0', '-1', '1.5', '99999999999'])(
      'ticket id %j in the path → 400 fields.id',
      async (id) => {
        expectApiError(await operator.get(`/api/tickets/${id}`), 400, 'invalid_request', ['id']);
        expectApiError(
          await operator.post(`/api/tickets/${id}/events`, { type: 'ticket.start' }),
          400,
          'invalid_request',
          ['id'],
        );
      },
    );

    it('a ticket that does not exist → 404 not_found', async () => {
      expectApiError(await operator.get('/api/tickets/987654'), 404, 'not_found');
      expectApiError(
        await operator.post('/api/tickets/987654/events', { type: 'ticket.close' }),
        404,
        'not_found',
      );
    });

    it('an unknown /api path → 404 JSON', async () => {
      expectApiError(await operator.get('/api/nothing-here'), 404, 'not_found');
      expectApiError(await stack.server.api().post('/api/tickets/1/nothing', {}), 404, 'not_found');
    });

    it('no session → 401 unauthenticated', async () => {
      const anonymous = stack.server.api();
      expectApiError(await anonymous.post('/api/tickets', ticketFactory()), 401, 'unauthenticated');
      expectApiError(await anonymous.get('/api/tickets'), 401, 'unauthenticated');
      expectApiError(await anonymous.get('/api/tickets/1'), 401, 'unauthenticated');
      expectApiError(
        await anonymous.post('/api/tickets/1/events', { type: 'ticket.close' }),
        401,
        'unauthenticated',
      );
      expectApiError(
        await stack.server.api('komek_session=forged').get('/api/tickets'),
        401,
        'unauthenticated',
      );
    });

    it('a bad command body → 400 naming the field', async () => {
      const ticket = await operator.createTicket();
      expectApiError(await operator.command(ticket.id, { type: 'ticket.explode' }), 400, 'invalid_request', [
        'type',
      ]);
      expectApiError(await operator.command(ticket.id, { type: 'ticket.assign' }), 400, 'invalid_request', [
        'agencyId',
      ]);
      expectApiError(
        await operator.command(ticket.id, { type: 'ticket.close', expectedVersion: 0 }),
        400,
        'invalid_request',
        ['expectedVersion'],
      );
      expectApiError(
        await operator.command(ticket.id, { type: 'ticket.close', extra: true }),
        400,
        'invalid_request',
        ['extra'],
      );
      expectApiError(
        await operator.command(ticket.id, { type: 'ticket.cancel', reason: 'dup\u0000' }),
        400,
        'invalid_request',
        ['reason'],
      );
    });
  });

  it('defaults the channel to phone and trims free text', async () => {
    const { channel: _omitted, ...body } = ticketFactory({ description: '  Water in the yard  ' });
    const ticket = expectTicket(await operator.post('/api/tickets', body), 201);
    expect(ticket).toMatchObject({ channel: 'phone', description: 'Water in the yard' });
  });
});
