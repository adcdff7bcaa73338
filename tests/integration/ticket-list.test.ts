import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketPage, type Ticket } from '../../server/contracts/ticket.contract.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  apiError,
  expectStatus,
  startTestStack,
  VET_AGENCY,
  WATER_AGENCY,
  type ApiClient,
  type TestStack,
} from '../support/test-server.ts';

// The centres of three districts: each point falls in its own district.
const IN_ALMATY = { lat: 51.1734, lon: 71.617 };
const IN_BAIKONUR = { lat: 51.2339, lon: 71.4656 };
const IN_SARYARKA = { lat: 51.2092, lon: 71.3309 };

describe.each(DATABASE_KINDS)('ticket list on %s', (kind) => {
  let stack: TestStack;
  let operator: ApiClient;
  // What the suite created, by role in the assertions.
  let flood: Ticket;
  let dogs: Ticket;
  let manhole: Ticket;
  let answered: Ticket;
  let road: Ticket;
  let all: Ticket[];

  /** GET /api/tickets?<query> as the operator; expects 200 and returns the page. */
  async function list(query: string, client = operator): Promise<TicketPage> {
    const res = await client.get(`/api/tickets?${query}`);
    expectStatus(res, 200);
    return TicketPage.parse(res.body);
  }
  const ids = (page: TicketPage) => page.items.map((t) => t.id);
  /** Ids of `tickets`, newest first, as the list orders them. */
  const newestFirst = (...tickets: Ticket[]) => tickets.map((t) => t.id).sort((a, b) => b - a);

  beforeAll(async () => {
    stack = await startTestStack(kind);
    operator = stack.staff.operator.api;
    flood = await operator.createTicket({ ...IN_ALMATY, description: 'Flooded underpass on Abay avenue' });
    dogs = await operator.createTicket({
      ...IN_BAIKONUR,
      categoryId: 'stray-dogs',
      channel: 'telegram',
      description: 'A pack of dogs by school 45',
    });
    manhole = await operator.createTicket({
      ...IN_SARYARKA,
      categoryId: 'open-manhole',
      channel: 'web',
      description: 'Open manhole 100% uncovered_',
    });
    answered = await operator.createTicket({
      ...IN_ALMATY,
      categoryId: 'road-damage',
      firstContactAnswer: 'Repairs are scheduled.',
    });
    road = await operator.createTicket({
      ...IN_BAIKONUR,
      categoryId: 'road-damage',
      description: 'Pothole at the crossing',
    });
    all = [flood, dogs, manhole, answered, road];
  });
  afterAll(() => stack?.close());

  it('lists every ticket newest first, with no next page when all fit', async () => {
    const page = await list('');
    expect(ids(page)).toEqual(newestFirst(...all));
    expect(page.nextCursor).toBeNull();
  });

  it.each([
    ['state=assigned', () => [flood, dogs, manhole, road]],
    ['state=closed_first_contact,cancelled', () => [answered]],
    ['categoryId=road-damage', () => [answered, road]],
    ['categoryId=stray-dogs,open-manhole', () => [dogs, manhole]],
    [`agencyId=${WATER_AGENCY}`, () => [flood, manhole]],
    [`agencyId=${VET_AGENCY}`, () => [dogs]],
    ['districtId=almaty', () => [flood, answered]],
    ['districtId=baikonur,saryarka', () => [dogs, manhole, road]],
    ['channel=telegram', () => [dogs]],
    ['channel=web,telegram', () => [dogs, manhole]],
    ['open=true', () => [flood, dogs, manhole, road]],
    ['open=false', () => [answered]],
    ['open=true&categoryId=road-damage', () => [road]],
    ['q=underpass', () => [flood]],
    ['q=UNDERPASS', () => [flood]],
    // LIKE wildcards in the text are literal characters
    ['q=100%25', () => [manhole]],
    ['q=_', () => [manhole]],
    ['q=nothing-like-this', () => []],
    ['categoryId=flooding&districtId=saryarka', () => []],
  ])('filters by %s', async (query, expected) => {
    expect(ids(await list(query))).toEqual(newestFirst(...expected()));
  });

  it('finds a ticket by its registration number, whole or in part', async () => {
    expect(ids(await list(`q=${road.registrationNumber}`))).toEqual([road.id]);
    const runningNumber = dogs.registrationNumber!.split('-')[1]!;
    expect(ids(await list(`q=${runningNumber}`))).toContain(dogs.id);
  });

  it('filters by bounding box west,south,east,north', async () => {
    // The right-bank box around the Almaty district centre only.
    expect(ids(await list('bbox=71.55,51.15,71.7,51.2'))).toEqual(newestFirst(flood, answered));
    // The whole city.
    expect(ids(await list('bbox=71.2,51.0,71.8,51.3'))).toEqual(newestFirst(...all));
    // Far away.
    expect(ids(await list('bbox=76.8,43.2,77.0,43.3'))).toEqual([]);
  });

  it.each([
    ['bbox=1,2,3', 'bbox'],
    ['bbox=71.7,51.1,71.5,51.2', 'bbox'],
    ['bbox=71.5,51.2,71.7,51.1', 'bbox'],
    ['bbox=a,b,c,d', 'bbox'],
    ['bbox=200,51.1,210,51.2', 'bbox'],
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['cursor=abc', 'cursor'],
    ['cursor=99999999999', 'cursor'],
    ['state=sleeping', 'state'],
    ['channel=fax', 'channel'],
    ['open=yes', 'open'],
    ['q=a%00b', 'q'],
    ['sort=id', 'sort'],
  ])('rejects %s with 400 naming %s', async (query, field) => {
    const res = await operator.get(`/api/tickets?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    const error = apiError(res);
    expect(error.code).toBe('invalid_request');
    // A bad item of a list is named by its index (`state.0`, `bbox.2`), all under the parameter.
    const names = Object.keys(error.fields ?? {});
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(new RegExp(`^${field}(\\.\\d+)?$`));
  });

  it('pages with a cursor: no duplicates, no gaps, stable while new tickets arrive', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: TicketPage = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(page));
      cursor = page.nextCursor;
      pages += 1;
      // A ticket created mid-way is newer than the cursor, so it never shows up on later pages.
      if (pages === 1) await operator.createTicket({ description: 'Arrived while paging' });
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(newestFirst(...all));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('a page exactly full has no next cursor only when nothing is left', async () => {
    const total = (await list('limit=500')).items.length;
    const page = await list(`limit=${total}`);
    expect(page.items).toHaveLength(total);
    expect(page.nextCursor).toBeNull();
    const short = await list(`limit=${total - 1}`);
    expect(short.nextCursor).toBe(String(short.items.at(-1)!.id));
  });
});
