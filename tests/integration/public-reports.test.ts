import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripJpegMetadata } from '../../server/attachments/jpeg-metadata.ts';
import { AttachmentList } from '../../server/contracts/attachment.contract.ts';
import {
  NearbyAppeals,
  PublicCategories,
  PublicReportCreated,
  PublicTicketStatus,
} from '../../server/contracts/public.contract.ts';
import { TicketPage, type Ticket } from '../../server/contracts/ticket.contract.ts';
import { bytes, containsText, HEIC, metadataPng, phoneJpeg, SECRET_GPS } from '../support/image-fixtures.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  expectApiError,
  expectStatus,
  startTestStack,
  WATER_AGENCY,
  type ApiResponse,
  type TestStack,
} from '../support/test-server.ts';

const MAX_BYTES = 32 * 1024;
const REGISTRATION_NUMBER = /^\d{4}-\d{6}$/;
const METRES_PER_DEGREE = 111_195.08;

/** A point `north` and `east` metres from (lat, lon). */
const offset = (lat: number, lon: number, north: number, east: number) => ({
  lat: lat + north / METRES_PER_DEGREE,
  lon: lon + east / (METRES_PER_DEGREE * Math.cos((lat * Math.PI) / 180)),
});

const dataUrl = (type: string, file: Uint8Array) =>
  `data:${type};base64,${Buffer.from(file).toString('base64')}`;

/** A resident's valid report near Baiterek; `overrides` replace fields (undefined removes one). */
function reportFactory(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const report: Record<string, unknown> = {
    categoryId: 'flooding',
    description: 'Water over the road by the bus stop, cars cannot pass',
    lat: 51.128,
    lon: 71.43,
    name: 'Aigerim Bekova',
    phone: '+7 701 123 45 67',
    email: 'aigerim@example.kz',
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete report[key];
    else report[key] = value;
  }
  return report;
}

// Every test files from its own address (TEST-NET-2), so the rate limit only counts what it means to.
let addressCounter = 0;
const freshAddress = () => `198.51.100.${++addressCounter}`;

describe.each(DATABASE_KINDS)('residents’ public doors on %s', (kind) => {
  let stack: TestStack;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'komek-public-'));
    stack = await startTestStack(kind, {
      env: { DATA_DIR: dataDir, ATTACHMENT_MAX_BYTES: String(MAX_BYTES) },
    });
  });
  afterAll(async () => {
    await stack?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const anonymous = () => stack.server.api();

  /** POSTs a report anonymously from `from` (a fresh address unless given). */
  function report(
    body: unknown,
    options: { from?: string; key?: string; raw?: string; contentType?: string } = {},
  ): Promise<ApiResponse> {
    return anonymous().send('POST', '/api/public/reports', {
      body: options.raw ?? JSON.stringify(body),
      headers: {
        'content-type': options.contentType ?? 'application/json',
        'x-forwarded-for': options.from ?? freshAddress(),
        ...(options.key && { 'idempotency-key': options.key }),
      },
    });
  }

  const count = async (table: 'tickets' | 'attachments') =>
    (await stack.server.komek.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

  async function storedFiles(): Promise<number> {
    const dir = join(dataDir, 'attachments');
    const fans = await readdir(dir).catch(() => [] as string[]);
    let n = 0;
    for (const fan of fans.filter((f) => f !== 'tmp')) n += (await readdir(join(dir, fan))).length;
    return n;
  }

  /** The ticket behind a registration number, as an operator sees it. */
  async function staffTicket(registrationNumber: string): Promise<Ticket> {
    const page = TicketPage.parse(
      (await stack.staff.operator.api.get(`/api/tickets?q=${registrationNumber}`)).body,
    );
    expect(page.items).toHaveLength(1);
    return page.items[0]!;
  }

  const statusOf = async (registrationNumber: string) => {
    const res = await anonymous().get(`/api/public/tickets/${registrationNumber}`);
    expectStatus(res, 200);
    return PublicTicketStatus.parse(res.body);
  };

  it('files a report with a photo, answers only the number and status URL, and the status page shows no personal data', async () => {
    const res = await report(reportFactory({ photos: [dataUrl('image/jpeg', phoneJpeg())] }));
    expectStatus(res, 201);
    const created = PublicReportCreated.parse(res.body);
    expect(Object.keys(res.body as object).sort()).toEqual(['registrationNumber', 'statusUrl']);
    expect(created.registrationNumber).toMatch(REGISTRATION_NUMBER);
    expect(created.statusUrl).toBe(`/t/${created.registrationNumber}`);

    const status = await statusOf(created.registrationNumber);
    expect(status).toMatchObject({
      registrationNumber: created.registrationNumber,
      categoryId: 'flooding',
      state: 'assigned',
      districtId: expect.any(String) as string,
      closedAt: null,
      attachmentCount: 1,
    });
    expect(status.resolveDueAt).not.toBeNull();
    expect(status.timeline.map((e) => [e.event, e.fromState, e.state])).toEqual([
      ['create', null, 'received'],
      ['register', 'received', 'registered'],
      ['assign', 'registered', 'assigned'],
    ]);
    const published = JSON.stringify(status);
    for (const secret of [
      'Aigerim',
      '701 123',
      'aigerim@example.kz',
      'bus stop',
      '51.128',
      '71.43',
      WATER_AGENCY,
    ]) {
      expect(published).not.toContain(secret);
    }

    // Staff see the resident's details, the web channel, the system as the one who filed it, and the photo.
    const ticket = await staffTicket(created.registrationNumber);
    expect(ticket).toMatchObject({
      channel: 'web',
      reporterName: 'Aigerim Bekova <aigerim@example.kz>',
      reporterPhone: '+7 701 123 45 67',
      agencyId: WATER_AGENCY,
    });
    const history = await stack.staff.operator.api.ticket(ticket.id);
    expect(history.events[0]).toMatchObject({ actorUserId: null, actorRole: 'system' });
    const photos = AttachmentList.parse(
      (await stack.staff.water.api.get(`/api/tickets/${ticket.id}/attachments`)).body,
    );
    expect(photos.items).toHaveLength(1);
    expect(photos.items[0]).toMatchObject({
      channel: 'web',
      uploadedByUserId: null,
      mediaType: 'image/jpeg',
    });
    const served = await fetch(`${stack.server.url}${photos.items[0]!.url}`, {
      headers: { cookie: stack.staff.water.cookie },
    });
    const photo = new Uint8Array(await served.arrayBuffer());
    expect(photo).toEqual(stripJpegMetadata(phoneJpeg()));
    expect(containsText(photo, SECRET_GPS)).toBe(false);
  });

  it('takes bare base64 photos and an address instead of a point', async () => {
    const res = await report(
      reportFactory({
        lat: undefined,
        lon: undefined,
        address: 'Kenesary 40',
        name: undefined,
        email: undefined,
        photos: [Buffer.from(metadataPng()).toString('base64'), dataUrl('image/jpeg', phoneJpeg())],
      }),
    );
    expectStatus(res, 201);
    const { registrationNumber } = PublicReportCreated.parse(res.body);
    expect((await statusOf(registrationNumber)).attachmentCount).toBe(2);
  });

  it('shows the work on the status page: hold reason and date, resolution; not comments or who acted', async () => {
    const { registrationNumber } = PublicReportCreated.parse((await report(reportFactory())).body);
    const { water } = stack.staff;
    const ticket = await staffTicket(registrationNumber);
    const until = new Date(Date.now() + 86_400_000).toISOString();
    for (const command of [
      { type: 'ticket.accept' },
      { type: 'ticket.comment', text: 'Internal: resident Aigerim called twice' },
      { type: 'ticket.start' },
      { type: 'ticket.hold', reason: 'Waiting for the pump truck', until },
      { type: 'ticket.resume' },
      { type: 'ticket.resolve', resolution: 'Water pumped out, drain cleaned' },
    ]) {
      expectStatus(await water.api.command(ticket.id, command), 200);
    }
    const status = await statusOf(registrationNumber);
    expect(status.state).toBe('resolved');
    expect(status.timeline.slice(3)).toEqual([
      { at: expect.any(String), event: 'accept', fromState: 'assigned', state: 'accepted' },
      { at: expect.any(String), event: 'start', fromState: 'accepted', state: 'in_progress' },
      {
        at: expect.any(String),
        event: 'hold',
        fromState: 'in_progress',
        state: 'on_hold',
        holdReason: 'Waiting for the pump truck',
        holdUntil: until,
      },
      { at: expect.any(String), event: 'resume', fromState: 'on_hold', state: 'in_progress' },
      {
        at: expect.any(String),
        event: 'resolve',
        fromState: 'in_progress',
        state: 'resolved',
        resolution: 'Water pumped out, drain cleaned',
      },
    ]);
    const published = JSON.stringify(status);
    expect(published).not.toContain('Internal');
    expect(published).not.toContain('Test agency');
  });

  describe('Idempotency-Key without a login', () => {
    it('a retry returns the same number and files one ticket, also from another address', async () => {
      const body = reportFactory({ photos: [dataUrl('image/jpeg', phoneJpeg())] });
      const before = await count('tickets');
      const first = await report(body, { key: 'f3a1c2d4-0000-4000-8000-000000000001' });
      const retry = await report(body, { key: 'f3a1c2d4-0000-4000-8000-000000000001' });
      expectStatus(first, 201);
      expectStatus(retry, 201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(await count('tickets')).toBe(before + 1);
      const { registrationNumber } = PublicReportCreated.parse(first.body);
      expect((await statusOf(registrationNumber)).attachmentCount).toBe(1);
    });

    it('concurrent retries still file exactly one ticket', async () => {
      const body = reportFactory();
      const before = await count('tickets');
      const from = freshAddress();
      const answers = await Promise.all(
        Array.from({ length: 4 }, () => report(body, { from, key: 'burst-0000-4000-8000-000000000002' })),
      );
      expect(await count('tickets')).toBe(before + 1);
      const created = answers.filter((a) => a.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      // Replays come from jsonb, which orders keys its own way: compare the numbers.
      expect(new Set(created.map((a) => PublicReportCreated.parse(a.body).registrationNumber)).size).toBe(1);
      for (const a of answers.filter((x) => x.status !== 201)) expectApiError(a, 409, 'request_in_progress');
    });

    it('refuses the key for another report, and a key too short to be unique', async () => {
      const key = 'f3a1c2d4-0000-4000-8000-000000000003';
      expectStatus(await report(reportFactory(), { key }), 201);
      expectApiError(
        await report(reportFactory({ description: 'Another street' }), { key }),
        422,
        'idempotency_key_reused',
        ['idempotency-key'],
      );
      expectApiError(await report(reportFactory(), { key: 'short-key' }), 400, 'invalid_request', [
        'idempotency-key',
      ]);
    });

    it('a refused report leaves its key free for the corrected one', async () => {
      const key = 'f3a1c2d4-0000-4000-8000-000000000004';
      expectApiError(
        await report(reportFactory({ categoryId: 'alien-landing' }), { key }),
        422,
        'unknown_reference',
      );
      expectStatus(await report(reportFactory(), { key }), 201);
    });
  });

  describe('refusals are precise and store nothing', () => {
    const jpeg = dataUrl('image/jpeg', phoneJpeg());
    it.each([
      ['no category', { categoryId: undefined }, 400, 'invalid_request', ['categoryId']],
      ['no description', { description: undefined }, 400, 'invalid_request', ['description']],
      ['a blank description', { description: '   ' }, 400, 'invalid_request', ['description']],
      ['lat without lon', { lon: undefined }, 400, 'invalid_request', ['lon']],
      ['no place at all', { lat: undefined, lon: undefined }, 400, 'invalid_request', ['address']],
      ['a latitude out of range', { lat: 95 }, 400, 'invalid_request', ['lat']],
      ['a latitude as text', { lat: '51.1' }, 400, 'invalid_request', ['lat']],
      ['a malformed phone', { phone: 'call me' }, 400, 'invalid_request', ['phone']],
      ['a malformed e-mail', { email: 'not-an-address' }, 400, 'invalid_request', ['email']],
      ['a field residents do not set', { priority: 'emergency' }, 400, 'invalid_request', ['priority']],
      ['NUL in the description', { description: 'a\u0000b' }, 400, 'invalid_request', ['description']],
      ['four photos', { photos: [jpeg, jpeg, jpeg, jpeg] }, 400, 'invalid_request', ['photos']],
      ['a photo that is not base64', { photos: [jpeg, 'not base64!'] }, 400, 'invalid_request', ['photos.1']],
      ['a photo that is a number', { photos: [42] }, 400, 'invalid_request', ['photos.0']],
      [
        'a photo that is text',
        { photos: [dataUrl('image/jpeg', bytes('hello'))] },
        415,
        'unsupported_media_type',
        ['photos.0'],
      ],
      [
        'a PDF as a photo',
        { photos: [dataUrl('application/pdf', bytes('%PDF-1.7\n%%EOF'))] },
        415,
        'unsupported_media_type',
        ['photos.0'],
      ],
      [
        'a HEIC photo',
        { photos: [Buffer.from(HEIC).toString('base64')] },
        415,
        'unsupported_media_type',
        ['photos.0'],
      ],
      [
        'a JPEG declared as PNG',
        { photos: [dataUrl('image/png', phoneJpeg())] },
        415,
        'unsupported_media_type',
        ['photos.0'],
      ],
      [
        'a damaged photo',
        { photos: [dataUrl('image/jpeg', bytes([0xff, 0xd8, 0xff, 0xd9]))] },
        400,
        'invalid_request',
        ['photos.0'],
      ],
      [
        'a photo over the limit',
        { photos: [jpeg, dataUrl('image/jpeg', bytes(phoneJpeg(), new Uint8Array(MAX_BYTES)))] },
        413,
        'payload_too_large',
        ['photos.1'],
      ],
      ['a point outside Astana (Almaty)', { lat: 43.24, lon: 76.89 }, 400, 'invalid_request', ['lat']],
      [
        'an unknown category, photo and all',
        { categoryId: 'alien-landing', photos: [jpeg] },
        422,
        'unknown_reference',
        ['categoryId'],
      ],
    ])('%s', async (_name, overrides, status, code, fields) => {
      const before = [await count('tickets'), await count('attachments'), await storedFiles()];
      expectApiError(await report(reportFactory(overrides)), status, code, fields);
      expect([await count('tickets'), await count('attachments'), await storedFiles()]).toEqual(before);
    });

    it('a body that is not a JSON object', async () => {
      expectApiError(await report(null, { raw: '{"categoryId": "flooding",' }), 400, 'malformed_json');
      expectApiError(await report([reportFactory()]), 400, 'invalid_request');
      expectApiError(
        await report(null, { raw: JSON.stringify(reportFactory()), contentType: 'text/plain' }),
        415,
        'unsupported_media_type',
        ['content-type'],
      );
    });
  });

  it('limits reports per address: the 21st within the hour is a 429 with Retry-After, before the body is read', async () => {
    const from = freshAddress();
    for (let i = 0; i < 20; i++) expectApiError(await report({}, { from }), 400, 'invalid_request');
    const before = await count('tickets');
    const limited = await report(reportFactory(), { from });
    const error = expectApiError(limited, 429, 'rate_limited');
    expect(limited.headers.get('retry-after')).toBe('180');
    expect(error.message).toMatch(/180 seconds/);
    expect(await count('tickets')).toBe(before);
    // A malformed body is not even read once the limit is reached.
    expectApiError(await report(null, { from, raw: '{' }), 429, 'rate_limited');
    // Another address is counted on its own.
    expectStatus(await report(reportFactory()), 201);
  });

  describe('GET /api/public/tickets/:registrationNumber', () => {
    it('404 for a number never given out, 400 for one that is not a number', async () => {
      // Any configured format is looked up (REGISTRATION_NUMBER_FORMAT); only what no format writes is refused.
      for (const unknown of ['2026-999999', '2026-12', '109-26-000001'])
        expectApiError(await anonymous().get(`/api/public/tickets/${unknown}`), 404, 'not_found');
      for (const bad of ['abc', '2026 000001', '2026-000001!', '12-34']) {
        expectApiError(await anonymous().get(`/api/public/tickets/${bad}`), 400, 'invalid_request', [
          'registrationNumber',
        ]);
      }
    });
  });

  describe('GET /api/public/nearby', () => {
    const here = { lat: 51.1605, lon: 71.4704 };
    const at = (north: number, east: number) => offset(here.lat, here.lon, north, east);
    const nearby = async (query: string) => {
      const res = await anonymous().get(`/api/public/nearby?${query}`);
      expectStatus(res, 200);
      return NearbyAppeals.parse(res.body);
    };

    it('finds an open appeal of the category 200 m away; not one 500 m away, of another category, closed or old', async () => {
      const { operator } = stack.staff;
      const manhole = (point: { lat: number; lon: number }, extra: Record<string, unknown> = {}) =>
        operator.api.createTicket({ categoryId: 'open-manhole', address: undefined, ...point, ...extra });
      const near = await manhole(at(200, 0));
      await manhole(at(0, 500));
      await operator.api.createTicket({ categoryId: 'stray-dogs', ...at(100, 0) });
      await manhole(at(-150, 0), { firstContactAnswer: 'The lid was put back while we spoke.' });
      const cancelled = await manhole(at(0, -250));
      expectStatus(
        await operator.api.command(cancelled.id, { type: 'ticket.cancel', reason: 'Duplicate' }),
        200,
      );
      const old = await manhole(at(100, 100));
      const recent = await manhole(at(-50, 0));
      const { db } = stack.server.komek;
      await db.query("update tickets set created_at = created_at - interval '49 hours' where id = $1", [
        old.id,
      ]);
      await db.query("update tickets set created_at = created_at - interval '47 hours' where id = $1", [
        recent.id,
      ]);

      const found = await nearby(`lat=${here.lat}&lon=${here.lon}&categoryId=open-manhole`);
      expect(found).toMatchObject({ radiusM: 300, windowHours: 48 });
      expect(found.items.map((i) => i.registrationNumber)).toEqual([
        recent.registrationNumber,
        near.registrationNumber,
      ]);
      expect(found.items[1]).toEqual({
        registrationNumber: near.registrationNumber,
        state: 'assigned',
        distanceM: 200,
        createdAt: near.createdAt,
        statusUrl: `/t/${near.registrationNumber}`,
      });
      expect(found.items[0]!.distanceM).toBe(50);
    });

    it('finds a report a resident filed through the form', async () => {
      const point = offset(51.128, 71.43, 0, 120);
      const filed = PublicReportCreated.parse(
        (await report(reportFactory({ categoryId: 'street-lighting', ...point }))).body,
      );
      const found = await nearby('lat=51.128&lon=71.43&categoryId=street-lighting');
      expect(found.items.map((i) => [i.registrationNumber, i.distanceM])).toEqual([
        [filed.registrationNumber, 120],
      ]);
    });

    it.each([
      ['no lat', 'lon=71.4&categoryId=flooding', 400, ['lat']],
      ['lat as text', 'lat=north&lon=71.4&categoryId=flooding', 400, ['lat']],
      ['lat twice', 'lat=51.1&lat=51.2&lon=71.4&categoryId=flooding', 400, ['lat']],
      ['lon out of range', 'lat=51.1&lon=181&categoryId=flooding', 400, ['lon']],
      ['no category', 'lat=51.1&lon=71.4', 400, ['categoryId']],
      ['an unknown parameter', 'lat=51.1&lon=71.4&categoryId=flooding&radius=5000', 400, ['radius']],
      ['an unknown category', 'lat=51.1&lon=71.4&categoryId=alien-landing', 422, ['categoryId']],
    ])('%s', async (_name, query, status, fields) => {
      expectApiError(
        await anonymous().get(`/api/public/nearby?${query}`),
        status,
        status === 400 ? 'invalid_request' : 'unknown_reference',
        fields,
      );
    });
  });

  it('lists the categories for the form, in three languages, without a login', async () => {
    const res = await anonymous().get('/api/public/categories');
    expectStatus(res, 200);
    const { items } = PublicCategories.parse(res.body);
    expect(items[0]).toEqual({
      id: 'flooding',
      name: { ru: expect.any(String), kk: expect.any(String), en: 'Flooded street or standing water' },
    });
  });
});
