import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/test-database.ts';
import { expectStatus, type ApiResponse } from '../support/test-server.ts';
import { FORM, Open311Stack, V2 } from './open311-fixtures.ts';

// GeoReport v2 in XML, the spec's required format: the same resources as open311.test.ts, read
// back with a real XML parser, element by element as the spec's examples lay them out.

// Elements that are list items in the spec: parsed as arrays even when there is one.
const LIST_ITEMS = new Set([
  'service',
  'request',
  'error',
  'endpoint',
  'format',
  'note',
  'attribute',
  'value',
]);
const parser = new XMLParser({
  parseTagValue: false,
  trimValues: false,
  htmlEntities: true,
  ignoreDeclaration: false,
  isArray: (name) => LIST_ITEMS.has(name),
});

type Xml = Record<string, unknown>;

/** A 2xx or 4xx XML answer: checks the headers and the declaration, returns the parsed document. */
function xml(res: ApiResponse, status: number): Xml {
  expectStatus(res, status);
  expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
  expect(typeof res.body).toBe('string');
  expect(res.body as string).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n</);
  return parser.parse(res.body as string) as Xml;
}

/** `<errors><error><code>…</code><description>…</description></error></errors>`; returns the descriptions. */
function xmlErrors(res: ApiResponse, status: number, field?: string): string[] {
  const { errors } = xml(res, status) as { errors: { error: { code: string; description: string }[] } };
  expect(errors.error.length).toBeGreaterThan(0);
  expect(errors.error.every((e) => e.code === String(status))).toBe(true);
  const descriptions = errors.error.map((e) => e.description);
  if (field) expect(descriptions.some((d) => d.startsWith(`${field}: `))).toBe(true);
  return descriptions;
}

describe.each(DATABASE_KINDS)('Open311 GeoReport v2 in XML on %s', (kind) => {
  let o: Open311Stack;

  const get = (path: string, headers: Record<string, string> = {}) => o.get(path, headers);
  const postForm = (fields: Record<string, string>) =>
    o.client.send('POST', `${V2}/requests.xml`, {
      body: new URLSearchParams(fields).toString(),
      headers: FORM,
    });

  beforeAll(async () => {
    o = await Open311Stack.start(kind);
  });
  afterAll(() => o?.close());

  it('discovery.xml: <discovery> with its endpoints and formats', async () => {
    const { discovery } = xml(await get('discovery.xml'), 200) as {
      discovery: { changeset: string; endpoints: { endpoint: Xml[] } };
    };
    expect(discovery.changeset).not.toBe('');
    expect(discovery.endpoints.endpoint).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${o.stack.server.url}${V2}`,
        changeset: discovery.changeset,
        type: 'production',
        formats: { format: ['text/xml', 'application/json'] },
      },
    ]);
  });

  it('services.xml: <services><service> with the spec’s fields', async () => {
    const { services } = xml(await get('services.xml', { 'accept-language': 'en' }), 200) as {
      services: { service: Xml[] };
    };
    expect(services.service.length).toBeGreaterThan(20);
    expect(services.service.find((s) => s.service_code === 'elevator')).toEqual({
      service_code: 'elevator',
      service_name: 'Elevator out of order',
      description: 'Handled by Elevator Maintenance Service. Priority: high.',
      metadata: 'false',
      type: 'realtime',
      keywords: expect.stringContaining('Elevator out of order'),
      group: 'Elevator Maintenance Service',
    });
  });

  it('services/{code}.xml: <service_definition> with an empty <attributes/>; unknown code 404', async () => {
    const res = await get('services/elevator.xml');
    expect(xml(res, 200)).toMatchObject({ service_definition: { service_code: 'elevator', attributes: '' } });
    expect(res.body).toContain(
      '<service_definition><service_code>elevator</service_code><attributes/></service_definition>',
    );
    xmlErrors(await get('services/alien-landing.xml'), 404, 'service_code');
  });

  it('POST requests.xml: <service_requests><request> with the id, the notice and an empty <account_id/>', async () => {
    const res = await postForm({
      api_key: o.apiKey,
      service_code: 'open-manhole',
      lat: '51.1605',
      long: '71.4704',
      description: 'Open manhole <no cover> & no sign, "dangerous" \'at night\' — Ашық құдық',
    });
    const { service_requests } = xml(res, 201) as { service_requests: { request: Xml[] } };
    const [created] = service_requests.request;
    expect(created!.service_request_id).toMatch(/^\d{4}-\d{6}$/);
    expect(created!.service_notice).toMatch(/^Плановый срок решения/);
    expect(created!.account_id).toBe('');
    expect(res.body).toContain('<account_id/>');

    const id = created!.service_request_id as string;
    const { service_requests: got } = xml(await get(`requests/${id}.xml`), 200) as {
      service_requests: { request: Xml[] };
    };
    expect(got.request).toHaveLength(1);
    expect(got.request[0]).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: '',
      service_code: 'open-manhole',
      service_name: 'Открытый люк',
      // Markup in the resident's words arrives as text, never as elements.
      description: 'Open manhole <no cover> & no sign, "dangerous" \'at night\' — Ашық құдық',
      agency_responsible: 'Астана Су Арнасы (водоснабжение и канализация)',
      lat: '51.1605',
      long: '71.4704',
      address: '',
      address_id: '',
      zipcode: '',
      media_url: '',
    });
    expect(Date.parse(got.request[0]!.requested_datetime as string)).not.toBeNaN();
    expect(Date.parse(got.request[0]!.expected_datetime as string)).not.toBeNaN();

    const { service_requests: token } = xml(await get(`tokens/${id}.xml`), 200) as {
      service_requests: { request: Xml[] };
    };
    expect(token.request).toEqual([{ service_request_id: id, token: id }]);
  });

  it('requests.xml with extensions: <extended_attributes> and <notes><note>', async () => {
    const ticket = await o.stack.staff.operator.api.createTicket({ categoryId: 'elevator' });
    const { service_requests } = xml(
      await get(`requests.xml?service_request_id=${ticket.registrationNumber}&extensions=true`),
      200,
    ) as { service_requests: { request: Xml[] } };
    expect(service_requests.request).toHaveLength(1);
    expect(service_requests.request[0]).toMatchObject({
      extended_attributes: { detailed_status: 'assigned', channel: 'phone' },
      notes: {
        note: [
          { type: 'create', status: 'received', description: 'Обращение получено' },
          { type: 'register', status: 'registered', description: 'Зарегистрировано' },
          {
            type: 'assign',
            status: 'assigned',
            description: 'Передано исполнителю: Служба обслуживания лифтов',
          },
        ],
      },
    });
    expect(JSON.stringify(service_requests)).not.toContain('Aigerim');
  });

  it('an empty list is an empty <service_requests/>', async () => {
    const res = await get('requests.xml?service_request_id=1999-000001');
    expect(xml(res, 200)).toMatchObject({ service_requests: '' });
    expect(res.body).toContain('<service_requests/>');
  });

  it('errors are <errors><error><code/><description/></error></errors> with the HTTP status', async () => {
    xmlErrors(await postForm({ service_code: 'flooding', lat: '51.128', long: '71.43' }), 403, 'api_key');
    xmlErrors(await postForm({ api_key: o.apiKey, lat: '51.128', long: '71.43' }), 400, 'service_code');
    xmlErrors(
      await postForm({ api_key: o.apiKey, service_code: 'flooding', lat: '43.24', long: '76.89' }),
      400,
      'lat',
    );
    xmlErrors(await get('requests.xml?page_size=5000'), 400, 'page_size');
    xmlErrors(await get('requests/1999-000001.xml'), 404, 'service_request_id');
    xmlErrors(await get('services.xml?jurisdiction_id=sfgov.org'), 404, 'jurisdiction_id');
    xmlErrors(await get('nothing.xml'), 404);
    const oversized = await o.client.send('POST', `${V2}/requests.xml`, {
      body: new URLSearchParams({ api_key: o.apiKey, description: 'x'.repeat(70 * 1024) }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    xmlErrors(oversized, 413, 'body');
  });
});
