import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMapSnapshotBinary } from '../../web/src/lib/map/map-snapshot-binary.ts';
import { MapSnapshot } from '../../server/contracts/map.contract.ts';
import type { Ticket } from '../../server/contracts/ticket.contract.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  expectApiError,
  expectStatus,
  expectTicket,
  startTestStack,
  VET_AGENCY,
  WATER_AGENCY,
  type ApiClient,
  type TestStack,
} from '../support/test-server.ts';

const IN_ALMATY = { lat: 51.1734, lon: 71.617 };
const IN_SARYARKA = { lat: 51.2092, lon: 71.3309 };

/** The snapshot's n-th ticket as the fields a ticket answer carries, for comparison. */
function row(s: MapSnapshot, n: number) {
  const seconds = (v: number | null) => (v === null ? null : v * 1000);
  return {
    id: s.id[n],
    version: s.version[n],
    lat: s.lat[n],
    lon: s.lon[n],
    districtId: s.districts[s.district[n]!] ?? null,
    agencyId: s.agencies[s.agency[n]!] ?? null,
    state: s.states[s.state[n]!],
    slaPaused: s.paused[n] === 1,
    ackDueMs: seconds(s.ackDue[n]!),
    resolveDueMs: seconds(s.resolveDue[n]!),
    resolveWarnMs: seconds(s.resolveWarn[n]!),
  };
}

/** The same fields of a full ticket, deadlines cut to the second as the snapshot sends them. */
function expected(t: Ticket) {
  const seconds = (iso: string | null) => (iso === null ? null : Math.floor(Date.parse(iso) / 1000) * 1000);
  return {
    id: t.id,
    version: t.version,
    lat: t.lat,
    lon: t.lon,
    districtId: t.districtId,
    agencyId: t.agencyId,
    state: t.state,
    slaPaused: t.slaPaused,
    ackDueMs: seconds(t.ackDueAt),
    resolveDueMs: seconds(t.resolveDueAt),
    resolveWarnMs: seconds(t.resolveWarnAt),
  };
}

describe.each(DATABASE_KINDS)('the wall map snapshot on %s', (kind) => {
  let stack: TestStack;
  let operator: ApiClient;
  let flood: Ticket;
  let held: Ticket;
  let dogs: Ticket;
  let unplaced: Ticket;
  let answered: Ticket;

  async function snapshot(query = '', client = stack.staff.supervisor.api): Promise<MapSnapshot> {
    const res = await client.get(`/api/map/open-tickets${query}`);
    expectStatus(res, 200);
    return MapSnapshot.parse(res.body);
  }

  beforeAll(async () => {
    stack = await startTestStack(kind);
    operator = stack.staff.operator.api;
    flood = await operator.createTicket({ ...IN_ALMATY, description: 'Flooded underpass' });
    held = await operator.createTicket({ ...IN_SARYARKA, description: 'Water main leak' });
    const water = stack.staff.water.api;
    expectTicket(await water.command(held.id, { type: 'ticket.accept' }));
    expectTicket(await water.command(held.id, { type: 'ticket.start' }));
    held = expectTicket(
      await water.command(held.id, {
        type: 'ticket.hold',
        reason: 'Waiting for a permit',
        until: '2030-01-01T00:00:00Z',
      }),
    );
    dogs = await operator.createTicket({
      ...IN_ALMATY,
      categoryId: 'stray-dogs',
      description: 'Dogs by school 45',
    });
    unplaced = await operator.createTicket({
      lat: undefined,
      lon: undefined,
      address: 'Kabanbay Batyr 53',
      description: 'No heating',
    });
    answered = await operator.createTicket({ ...IN_ALMATY, firstContactAnswer: 'Works end on Friday' });
  });
  afterAll(() => stack?.close());

  it('holds every open ticket once, with the fields of its full answer', async () => {
    const s = await snapshot();
    const ids = s.id;
    expect(ids).not.toContain(answered.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const ticket of [flood, held, dogs, unplaced]) {
      const n = ids.indexOf(ticket.id);
      expect(n, `ticket ${ticket.id}`).toBeGreaterThanOrEqual(0);
      expect(row(s, n)).toEqual(expected(await operator.ticket(ticket.id)));
    }
    expect(row(s, ids.indexOf(held.id)).slaPaused).toBe(true);
    expect(row(s, ids.indexOf(flood.id)).slaPaused).toBe(false);
    expect(row(s, ids.indexOf(unplaced.id)).lat).toBeNull();
    // Every column has one entry per ticket.
    for (const column of [s.version, s.lat, s.lon, s.district, s.agency, s.state, s.paused, s.resolveDue])
      expect(column).toHaveLength(ids.length);
  });

  it('sends the same columns as typed arrays with format=binary (what the wall loads)', async () => {
    const json = await snapshot();
    const res = await fetch(`${stack.server.url}/api/map/open-tickets?format=binary`, {
      headers: { cookie: stack.staff.supervisor.cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    const binary = decodeMapSnapshotBinary(await res.arrayBuffer());
    const nullable = (column: ArrayLike<number>) => Array.from(column, (v) => (Number.isNaN(v) ? null : v));
    expect(binary).toMatchObject({
      lastSeq: json.lastSeq,
      count: json.id.length,
      states: json.states,
      districts: json.districts,
      agencies: json.agencies,
    });
    expect({
      id: [...binary.id],
      version: [...binary.version],
      lat: nullable(binary.lat),
      lon: nullable(binary.lon),
      district: [...binary.district],
      agency: [...binary.agency],
      state: [...binary.state],
      paused: [...binary.paused],
      ackDue: nullable(binary.ackDue),
      ackWarn: nullable(binary.ackWarn),
      resolveDue: nullable(binary.resolveDue),
      resolveWarn: nullable(binary.resolveWarn),
    }).toEqual({
      id: json.id,
      version: json.version,
      lat: json.lat,
      lon: json.lon,
      district: json.district,
      agency: json.agency,
      state: json.state,
      paused: json.paused,
      ackDue: json.ackDue,
      ackWarn: json.ackWarn,
      resolveDue: json.resolveDue,
      resolveWarn: json.resolveWarn,
    });
    const unknown = await stack.staff.supervisor.api.get('/api/map/open-tickets?format=csv');
    expect(Object.keys(expectApiError(unknown, 400, 'invalid_request').fields ?? {})).toEqual(['format']);
  });

  it("reads the event log's position first, so later changes are pushed on top", async () => {
    const before = await snapshot();
    await operator.createTicket({ ...IN_ALMATY });
    const after = await snapshot();
    expect(after.lastSeq).toBeGreaterThan(before.lastSeq);
    expect(after.id.length).toBe(before.id.length + 1);
  });

  it('sends walls loading while nothing changes the same answer, and a new one after a change', async () => {
    const first = await snapshot();
    const again = await snapshot('', stack.staff.admin.api);
    expect(again).toEqual(first);
    const districtBefore = await snapshot(`?districtId=${flood.districtId}`);
    await operator.createTicket({ ...IN_ALMATY, description: 'Another flooded yard' });
    const later = await snapshot();
    expect(later.lastSeq).toBeGreaterThan(first.lastSeq);
    expect(later.id.length).toBe(first.id.length + 1);
    const district = await snapshot(`?districtId=${flood.districtId}`);
    expect(district.id.length).toBe(districtBefore.id.length + 1);
  });

  it('filters by district and agency, and keeps agency staff to their own tickets', async () => {
    const almaty = await snapshot(`?districtId=${flood.districtId}`);
    expect(almaty.id).toContain(flood.id);
    expect(almaty.id).not.toContain(held.id);
    const water = await snapshot(`?agencyId=${WATER_AGENCY}`);
    expect(water.id).toContain(flood.id);
    expect(water.id).not.toContain(dogs.id);
    // The vet asks for the water agency's tickets and gets its own.
    const vet = await snapshot(`?agencyId=${WATER_AGENCY}`, stack.staff.vet.api);
    expect(vet.id).toContain(dogs.id);
    expect(vet.id).not.toContain(flood.id);
    expect(new Set(vet.agency.map((i) => vet.agencies[i]))).toEqual(new Set([VET_AGENCY]));
  });

  it('answers a bad query with the field, and strangers with 401', async () => {
    expectApiError(
      await stack.staff.supervisor.api.get('/api/map/open-tickets?districtId=Not%20A%20Slug'),
      400,
      'invalid_request',
      ['districtId'],
    );
    expectApiError(
      await stack.staff.supervisor.api.get('/api/map/open-tickets?bbox=1'),
      400,
      'invalid_request',
    );
    const res = await fetch(`${stack.server.url}/api/map/open-tickets`);
    expect(res.status).toBe(401);
  });
});
