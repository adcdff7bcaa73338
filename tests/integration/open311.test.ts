import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Open311CreatedRequest,
  Open311Discovery,
  Open311Service,
  Open311ServiceDefinition,
  Open311Token,
} from '../../server/open311/open311.contract.ts';
import type { Ticket } from '../../server/contracts/ticket.contract.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import { expectStatus, WATER_AGENCY } from '../support/test-server.ts';
import { expectErrors, expectRequests, floodForm, Open311Stack, V2 } from './open311-fixtures.ts';

// A conformance suite for GeoReport v2 (http://wiki.open311.org/GeoReport_v2) in JSON, written
// from the specification: discovery, services, filing a request, one request and tokens.
// open311-requests.test.ts covers the request list, open311-errors.test.ts the error answers and
// open311-xml.test.ts the same resources in XML.

const REGISTRATION_NUMBER = /^\d{4}-\d{6}$/;

describe.each(DATABASE_KINDS)('Open311 GeoReport v2 in JSON on %s', (kind) => {
  let o: Open311Stack;

  beforeAll(async () => {
    o = await Open311Stack.start(kind);
  });
  afterAll(() => o?.close());

  describe('discovery', () => {
    it('names the GeoReport v2 endpoint, its formats and how to get a key', async () => {
      const res = await o.get('discovery.json');
      expectStatus(res, 200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const discovery = Open311Discovery.parse(res.body);
      expect(discovery.contact).not.toBe('');
      expect(discovery.key_service).toContain('/api/open311-keys');
      expect(discovery.endpoints).toEqual([
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${o.stack.server.url}${V2}`,
          changeset: discovery.changeset,
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ]);
    });
  });

  describe('services', () => {
    it('lists every category as a realtime service without extra attributes, in Russian by default', async () => {
      const res = await o.get('services.json');
      const services = Open311Service.array().parse(res.body);
      const categories = await o.stack.server.komek.db.query<{ id: string }>('select id from categories');
      expect(services.map((s) => s.service_code).sort()).toEqual(categories.map((c) => c.id).sort());
      expect(services.every((s) => s.type === 'realtime' && s.metadata === false)).toBe(true);
      expect(res.headers.get('content-language')).toBe('ru');
      expect(services.find((s) => s.service_code === 'flooding')).toMatchObject({
        service_name: 'Подтопление улицы, скопление воды',
        group: 'Астана Су Арнасы (водоснабжение и канализация)',
      });
      const flooding = services.find((s) => s.service_code === 'flooding')!;
      expect(flooding.keywords.split(', ')).toEqual(
        expect.arrayContaining(['Подтопление улицы', 'Flooded street or standing water', 'Көшені су басу']),
      );
      // Courtyard matters go to the akimat of the ticket's district.
      expect(services.find((s) => s.service_code === 'snow-yard')!.group).toBe('Аппарат акима района');
    });

    it.each([
      [
        'en-GB,en;q=0.9',
        'en',
        'Flooded street or standing water',
        'Astana Su Arnasy (water supply and sewerage)',
      ],
      ['kk', 'kk', 'Көшені су басу, судың жиналуы', 'Астана Су Арнасы (сумен жабдықтау және кәріз)'],
      ['de', 'ru', 'Подтопление улицы, скопление воды', 'Астана Су Арнасы (водоснабжение и канализация)'],
    ])('Accept-Language %s answers in %s', async (header, lang, name, group) => {
      const res = await o.get('services.json', { 'accept-language': header });
      expect(res.headers.get('content-language')).toBe(lang);
      expect(res.headers.get('vary')).toMatch(/Accept-Language/i);
      const flooding = Open311Service.array()
        .parse(res.body)
        .find((s) => s.service_code === 'flooding');
      expect(flooding).toMatchObject({ service_name: name, group });
      expect(flooding!.description).toContain(group);
    });

    it('takes our jurisdiction_id and refuses another one with 404', async () => {
      expectStatus(await o.get('services.json?jurisdiction_id=astana.kz'), 200);
      expectStatus(await o.get('services.json?jurisdiction_id='), 200);
      expectErrors(await o.get('services.json?jurisdiction_id=sfgov.org'), 404, 'jurisdiction_id');
    });

    it('answers a service definition with its (empty) attribute list, and 404 for an unknown service', async () => {
      const res = await o.get('services/open-manhole.json?jurisdiction_id=astana.kz');
      expectStatus(res, 200);
      expect(Open311ServiceDefinition.parse(res.body)).toEqual({
        service_code: 'open-manhole',
        attributes: [],
      });
      expectErrors(await o.get('services/alien-landing.json'), 404, 'service_code');
      expectErrors(
        await o.get('services/open-manhole.json?jurisdiction_id=city.gov'),
        404,
        'jurisdiction_id',
      );
    });
  });

  describe('POST requests', () => {
    it('files a form-encoded request as a registered ticket on the open311 channel', async () => {
      const res = await o.post(floodForm(o.apiKey));
      expectStatus(res, 201);
      const [created] = Open311CreatedRequest.array().length(1).parse(res.body);
      expect(created!.service_request_id).toMatch(REGISTRATION_NUMBER);
      expect(created!.account_id).toBeNull();
      expect(created!.service_notice).toMatch(/^Плановый срок решения — .+ \(время Астаны\)\.$/);

      const ticket = await o.staffTicket(created!.service_request_id);
      expect(ticket).toMatchObject({
        registrationNumber: created!.service_request_id,
        channel: 'open311',
        state: 'assigned',
        categoryId: 'flooding',
        agencyId: WATER_AGENCY,
        lat: 51.128,
        lon: 71.43,
        address: 'Nurzhol boulevard 10, Astana',
        description: 'Water over the road after the rain',
        reporterName: 'Aigerim Bekova <aigerim@example.kz>',
        reporterPhone: '+7 701 123 45 67',
      });
      expect(ticket.events.map((e) => [e.type, e.actorUserId, e.actorRole])).toEqual([
        ['ticket.create', null, 'system'],
        ['ticket.register', null, 'system'],
        ['ticket.assign', null, 'system'],
      ]);
    });

    it('accepts JSON too, and the service notice follows Accept-Language', async () => {
      const res = await o.client.send('POST', `${V2}/requests.json`, {
        body: JSON.stringify({ api_key: o.apiKey, service_code: 'stray-dogs', lat: 51.1734, long: 71.617 }),
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      });
      expectStatus(res, 201);
      const [created] = Open311CreatedRequest.array().parse(res.body);
      expect(created!.service_notice).toMatch(/^Expected to be resolved by .+ \(Astana time\)\.$/);
      // Without a description, the service's name stands in for it.
      expect(await o.staffTicket(created!.service_request_id)).toMatchObject({
        categoryId: 'stray-dogs',
        description: 'Stray dogs',
        districtId: 'almaty',
        reporterName: null,
      });
    });

    it('takes any one location: lat and long, address_string or address_id', async () => {
      const byAddress = await o.file({ lat: undefined, long: undefined, address_string: 'Kenesary 40' });
      expect(await o.staffTicket(byAddress)).toMatchObject({ lat: null, lon: null, address: 'Kenesary 40' });
      const byId = await o.file({
        lat: undefined,
        long: undefined,
        address_string: undefined,
        address_id: '545483',
      });
      expect((await o.staffTicket(byId)).address).toBe('address_id 545483');
    });
  });

  describe('GET a request and a token', () => {
    let id: string;
    let ticket: Ticket;

    beforeAll(async () => {
      id = await o.file();
      ticket = await o.staffTicket(id);
    });

    it('answers the request as a list of one, with the spec’s fields and strings for ids and codes', async () => {
      const res = await o.get(`requests/${id}.json?jurisdiction_id=astana.kz`);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(expectRequests(res)).toEqual([
        {
          service_request_id: id,
          status: 'open',
          status_notes: null,
          service_name: 'Подтопление улицы, скопление воды',
          service_code: 'flooding',
          description: 'Water over the road after the rain',
          agency_responsible: 'Астана Су Арнасы (водоснабжение и канализация)',
          service_notice: expect.stringMatching(/^Плановый срок решения/),
          requested_datetime: ticket.createdAt,
          updated_datetime: ticket.updatedAt,
          expected_datetime: ticket.resolveDueAt,
          address: 'Nurzhol boulevard 10, Astana',
          address_id: null,
          zipcode: null,
          lat: 51.128,
          long: 71.43,
          media_url: null,
        },
      ]);
    });

    it('never shows the resident’s name, phone or e-mail', async () => {
      for (const path of [`requests/${id}.json`, 'requests.json', `requests.json?extensions=true`]) {
        const text = JSON.stringify((await o.get(path)).body);
        for (const secret of ['Aigerim', 'Bekova', 'aigerim@example.kz', '701 123 45 67']) {
          expect(text).not.toContain(secret);
        }
      }
    });

    it('answers a token with its request (the token is the registration number)', async () => {
      const res = await o.get(`tokens/${id}.json`);
      expectStatus(res, 200);
      expect(Open311Token.array().parse(res.body)).toEqual([{ service_request_id: id, token: id }]);
      expectErrors(await o.get('tokens/1999-000001.json'), 404, 'token');
      expectErrors(await o.get('tokens/not-a-token.json'), 404, 'token');
    });

    it('404s an unknown request, in a well-formed id or not', async () => {
      expectErrors(await o.get('requests/1999-000001.json'), 404, 'service_request_id');
      expectErrors(await o.get('requests/42.json'), 404, 'service_request_id');
      expectErrors(await o.get(`requests/${id}.json?jurisdiction_id=sfgov.org`), 404, 'jurisdiction_id');
    });
  });
});
