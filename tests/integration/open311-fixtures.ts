import { expect } from 'vitest';
import type { Ticket } from '../../server/contracts/ticket.contract.ts';
import {
  Open311CreatedRequest,
  Open311Errors,
  Open311ServiceRequest,
} from '../../server/open311/open311.contract.ts';
import type { DatabaseKind } from '../support/test-database.ts';
import {
  expectStatus,
  startTestStack,
  type ApiClient,
  type ApiResponse,
  type TestStack,
} from '../support/test-server.ts';

// What the Open311 conformance suites share: a stack with an issued API key, a client for
// /open311/v2, a valid request and the spec's error list.

export const V2 = '/open311/v2';
export const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

/** A valid form-encoded request for a flooded street near Baiterek, with the reporter's details. */
export function floodForm(apiKey: string, overrides: Record<string, string | undefined> = {}): string {
  const fields: Record<string, string | undefined> = {
    api_key: apiKey,
    jurisdiction_id: 'astana.kz',
    service_code: 'flooding',
    lat: '51.128',
    long: '71.43',
    address_string: 'Nurzhol boulevard 10, Astana',
    email: 'aigerim@example.kz',
    first_name: 'Aigerim',
    last_name: 'Bekova',
    phone: '+7 701 123 45 67',
    description: 'Water over the road after the rain',
    device_id: 'tt222111',
    media_url: 'https://example.kz/photo.jpg',
    'attribute[WHISPAWN]': '123456',
    ...overrides,
  };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) params.append(k, v);
  return params.toString();
}

/** The spec's JSON error list, each entry carrying `status` as its code and naming `fields`; returns the descriptions. */
export function expectErrors(res: ApiResponse, status: number, ...fields: string[]): string[] {
  expectStatus(res, status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const errors = Open311Errors.parse(res.body);
  expect(errors.every((e) => e.code === status)).toBe(true);
  const descriptions = errors.map((e) => e.description);
  for (const field of fields) expect(descriptions.some((d) => d.startsWith(`${field}: `))).toBe(true);
  return descriptions;
}

/** The service requests of a 200 answer, checked against the contract. */
export function expectRequests(res: ApiResponse) {
  expectStatus(res, 200);
  return Open311ServiceRequest.array().parse(res.body);
}

/** A suite's stack, an anonymous client for /open311/v2 and a key an administrator issued. */
export class Open311Stack {
  readonly stack: TestStack;
  readonly client: ApiClient;
  readonly apiKey: string;

  private constructor(stack: TestStack, apiKey: string) {
    this.stack = stack;
    this.client = stack.server.api();
    this.apiKey = apiKey;
  }

  /** Starts a stack on `kind` and issues a key; call `close` in afterAll. */
  static async start(kind: DatabaseKind): Promise<Open311Stack> {
    const stack = await startTestStack(kind);
    const issued = await stack.staff.admin.api.post('/api/open311-keys', { label: 'conformance suite' });
    expectStatus(issued, 201);
    return new Open311Stack(stack, (issued.body as { key: string }).key);
  }

  /** GET /open311/v2/`path`. */
  get(path: string, headers: Record<string, string> = {}): Promise<ApiResponse> {
    return this.client.send('GET', `${V2}/${path}`, { headers });
  }

  /** POST /open311/v2/requests.json with `body`, form-encoded unless `headers` say otherwise. */
  post(body: string, headers: Record<string, string> = FORM): Promise<ApiResponse> {
    return this.client.send('POST', `${V2}/requests.json`, { body, headers });
  }

  /** Files a valid request (changed by `overrides`) and returns its service_request_id. */
  async file(overrides: Record<string, string | undefined> = {}): Promise<string> {
    const res = await this.post(floodForm(this.apiKey, overrides));
    expectStatus(res, 201);
    return Open311CreatedRequest.array().length(1).parse(res.body)[0]!.service_request_id;
  }

  /** The staff's view of a ticket, with its history, by its registration number. */
  async staffTicket(registrationNumber: string) {
    const { api } = this.stack.staff.supervisor;
    const res = await api.get(`/api/tickets?q=${registrationNumber}`);
    expectStatus(res, 200);
    const [item] = (res.body as { items: Ticket[] }).items;
    return api.ticket(item!.id);
  }

  close(): Promise<void> {
    return this.stack.close();
  }
}
