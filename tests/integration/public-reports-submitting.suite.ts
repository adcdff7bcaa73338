import { describe, expect, it } from 'vitest';
import { stripJpegMetadata } from '../../server/attachments/jpeg-metadata.ts';
import { AttachmentList } from '../../server/contracts/attachment.contract.ts';
import { PublicReportCreated } from '../../server/contracts/public.contract.ts';
import { containsText, metadataPng, phoneJpeg, SECRET_GPS } from '../support/image-fixtures.ts';
import { expectApiError, expectStatus, WATER_AGENCY } from '../support/test-server.ts';
import {
  dataUrl,
  freshAddress,
  REGISTRATION_NUMBER,
  reportFactory,
  type PublicReportsSuite,
} from './public-reports-fixtures.ts';

// Filing a report: the answer, the photos as staff get them, what the public status page shows and
// hides, and retries with an Idempotency-Key. Run by public-reports.test.ts.

/** Registers the tests of filing a report on `suite`. */
export function submittingTests(suite: PublicReportsSuite): void {
  it('files a report with a photo, answers only the number and status URL, and the status page shows no personal data', async () => {
    const res = await suite.report(reportFactory({ photos: [dataUrl('image/jpeg', phoneJpeg())] }));
    expectStatus(res, 201);
    const created = PublicReportCreated.parse(res.body);
    expect(Object.keys(res.body as object).sort()).toEqual(['registrationNumber', 'statusUrl']);
    expect(created.registrationNumber).toMatch(REGISTRATION_NUMBER);
    expect(created.statusUrl).toBe(`/t/${created.registrationNumber}`);

    const status = await suite.statusOf(created.registrationNumber);
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
    const ticket = await suite.staffTicket(created.registrationNumber);
    expect(ticket).toMatchObject({
      channel: 'web',
      reporterName: 'Aigerim Bekova <aigerim@example.kz>',
      reporterPhone: '+7 701 123 45 67',
      agencyId: WATER_AGENCY,
    });
    const history = await suite.stack.staff.operator.api.ticket(ticket.id);
    expect(history.events[0]).toMatchObject({ actorUserId: null, actorRole: 'system' });
    const photos = AttachmentList.parse(
      (await suite.stack.staff.water.api.get(`/api/tickets/${ticket.id}/attachments`)).body,
    );
    expect(photos.items).toHaveLength(1);
    expect(photos.items[0]).toMatchObject({
      channel: 'web',
      uploadedByUserId: null,
      mediaType: 'image/jpeg',
    });
    const served = await fetch(`${suite.stack.server.url}${photos.items[0]!.url}`, {
      headers: { cookie: suite.stack.staff.water.cookie },
    });
    const photo = new Uint8Array(await served.arrayBuffer());
    expect(photo).toEqual(stripJpegMetadata(phoneJpeg()));
    expect(containsText(photo, SECRET_GPS)).toBe(false);
  });

  it('takes bare base64 photos and an address instead of a point', async () => {
    const res = await suite.report(
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
    expect((await suite.statusOf(registrationNumber)).attachmentCount).toBe(2);
  });

  it('shows the work on the status page: hold reason and date, resolution; not comments or who acted', async () => {
    const { registrationNumber } = PublicReportCreated.parse((await suite.report(reportFactory())).body);
    const { water } = suite.stack.staff;
    const ticket = await suite.staffTicket(registrationNumber);
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
    const status = await suite.statusOf(registrationNumber);
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
      const before = await suite.count('tickets');
      const first = await suite.report(body, { key: 'f3a1c2d4-0000-4000-8000-000000000001' });
      const retry = await suite.report(body, { key: 'f3a1c2d4-0000-4000-8000-000000000001' });
      expectStatus(first, 201);
      expectStatus(retry, 201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(await suite.count('tickets')).toBe(before + 1);
      const { registrationNumber } = PublicReportCreated.parse(first.body);
      expect((await suite.statusOf(registrationNumber)).attachmentCount).toBe(1);
    });

    it('concurrent retries still file exactly one ticket', async () => {
      const body = reportFactory();
      const before = await suite.count('tickets');
      const from = freshAddress();
      const answers = await Promise.all(
        Array.from({ length: 4 }, () =>
          suite.report(body, { from, key: 'burst-0000-4000-8000-000000000002' }),
        ),
      );
      expect(await suite.count('tickets')).toBe(before + 1);
      const created = answers.filter((a) => a.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      // Replays come from jsonb, which orders keys its own way: compare the numbers.
      expect(new Set(created.map((a) => PublicReportCreated.parse(a.body).registrationNumber)).size).toBe(1);
      for (const a of answers.filter((x) => x.status !== 201)) expectApiError(a, 409, 'request_in_progress');
    });

    it('refuses the key for another report, and a key too short to be unique', async () => {
      const key = 'f3a1c2d4-0000-4000-8000-000000000003';
      expectStatus(await suite.report(reportFactory(), { key }), 201);
      expectApiError(
        await suite.report(reportFactory({ description: 'Another street' }), { key }),
        422,
        'idempotency_key_reused',
        ['idempotency-key'],
      );
      expectApiError(await suite.report(reportFactory(), { key: 'short-key' }), 400, 'invalid_request', [
        'idempotency-key',
      ]);
    });

    it('a refused report leaves its key free for the corrected one', async () => {
      const key = 'f3a1c2d4-0000-4000-8000-000000000004';
      expectApiError(
        await suite.report(reportFactory({ categoryId: 'alien-landing' }), { key }),
        422,
        'unknown_reference',
      );
      expectStatus(await suite.report(reportFactory(), { key }), 201);
    });
  });
}
