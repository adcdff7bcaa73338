import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttachmentService } from '../../server/attachments/attachment.service.ts';
import { LocalDiskAttachmentStore } from '../../server/attachments/local-disk-attachment-store.ts';
import { stripJpegMetadata } from '../../server/attachments/jpeg-metadata.ts';
import { systemClock } from '../../server/clock.ts';
import { stripPngMetadata } from '../../server/attachments/png-metadata.ts';
import { stripWebpMetadata } from '../../server/attachments/webp-metadata.ts';
import { Attachment, AttachmentList } from '../../server/contracts/attachment.contract.ts';
import type { Ticket } from '../../server/contracts/ticket.contract.ts';
import {
  bytes,
  containsText,
  HEIC,
  metadataPng,
  metadataWebp,
  PDF,
  phoneJpeg,
  SECRET_AUTHOR,
  SECRET_GPS,
} from '../support/image-fixtures.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import {
  expectApiError,
  expectStatus,
  startTestStack,
  type ApiResponse,
  type SignedIn,
  type TestStack,
} from '../support/test-server.ts';

const MAX_BYTES = 64 * 1024;

describe.each(DATABASE_KINDS)('attachments on %s', (kind) => {
  let stack: TestStack;
  let dataDir: string;
  let flood: Ticket;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'komek-attachments-'));
    stack = await startTestStack(kind, {
      env: { DATA_DIR: dataDir, ATTACHMENT_MAX_BYTES: String(MAX_BYTES) },
    });
    // Flooding goes to the water utility: its staff see it, the veterinary station's do not.
    flood = await stack.staff.operator.api.createTicket();
  });
  afterAll(async () => {
    await stack?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** POSTs raw bytes as a file, as `who` (anonymous when null). */
  async function upload(
    who: SignedIn | null,
    ticketId: number,
    body: Uint8Array,
    contentType: string | null,
    query = '',
  ): Promise<ApiResponse> {
    const res = await fetch(`${stack.server.url}/api/tickets/${ticketId}/attachments${query}`, {
      method: 'POST',
      headers: {
        ...(who && { cookie: who.cookie }),
        ...(contentType !== null && { 'content-type': contentType }),
      },
      body: new Uint8Array(body),
    });
    const text = await res.text();
    const json = res.headers.get('content-type')?.includes('application/json') && text !== '';
    return { status: res.status, headers: res.headers, body: json ? (JSON.parse(text) as unknown) : text };
  }

  /** GETs an attachment's bytes as `who`. */
  async function download(who: SignedIn | null, url: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${stack.server.url}${url}`, {
      headers: { ...(who && { cookie: who.cookie }), ...headers },
    });
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  }

  const rowCount = async () =>
    (await stack.server.komek.db.query<{ n: number }>('select count(*)::int as n from attachments'))[0]!.n;

  it('stores an upload without its Exif and serves it back inline, with its type and cache headers', async () => {
    const { operator } = stack.staff;
    const res = await upload(operator, flood.id, phoneJpeg(), 'image/jpeg', '?name=IMG_0042.jpg');
    expectStatus(res, 201);
    const created = Attachment.parse(res.body);
    const expected = stripJpegMetadata(phoneJpeg());
    expect(created).toMatchObject({
      ticketId: flood.id,
      mediaType: 'image/jpeg',
      byteSize: expected.length,
      originalName: 'IMG_0042.jpg',
      uploadedByUserId: operator.user.id,
      channel: 'console',
      url: `/api/attachments/${created.id}`,
    });
    expect(res.headers.get('location')).toBe(created.url);
    // An attachment is an event of its ticket like any other, recorded with the file in one transaction.
    const history = await operator.api.ticket(flood.id);
    expect(history.events.at(-1)).toMatchObject({
      type: 'ticket.attach',
      actorUserId: operator.user.id,
      channel: 'console',
      payload: { mediaType: 'image/jpeg', byteSize: expected.length },
    });
    // Nobody sends it as a command: files are uploaded.
    const asCommand = await stack.staff.supervisor.api.command(flood.id, {
      type: 'ticket.attach',
      sha256: 'ab'.repeat(32),
      mediaType: 'image/jpeg',
      byteSize: 10,
    });
    expect(asCommand.status).toBe(403);

    const { res: got, bytes: served } = await download(operator, created.url);
    expect(got.status).toBe(200);
    expect(served).toEqual(expected);
    expect(containsText(served, 'Exif\0\0Cam')).toBe(false);
    expect(containsText(served, SECRET_GPS)).toBe(false);
    expect(containsText(served, SECRET_AUTHOR)).toBe(false);
    expect(
      Object.fromEntries(
        ['content-type', 'content-disposition', 'x-content-type-options', 'cache-control'].map((h) => [
          h,
          got.headers.get(h),
        ]),
      ),
    ).toEqual({
      'content-type': 'image/jpeg',
      'content-disposition': `inline; filename="IMG_0042.jpg"; filename*=UTF-8''IMG_0042.jpg`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=31536000, immutable',
    });
    expect(Number(got.headers.get('content-length'))).toBe(expected.length);

    // A browser that has it asks again with its ETag and gets a 304 without the bytes. (fetch() adds
    // `Cache-Control: no-cache` to conditional requests unless told otherwise; a reload sends max-age=0.)
    const again = await download(operator, created.url, {
      'if-none-match': got.headers.get('etag')!,
      'cache-control': 'max-age=0',
    });
    expect(again.res.status).toBe(304);
    expect(again.bytes.length).toBe(0);

    const list = AttachmentList.parse((await operator.api.get(`/api/tickets/${flood.id}/attachments`)).body);
    expect(list.items.map((a) => a.id)).toContain(created.id);
  });

  it('strips PNG and WebP too, and keeps a PDF as it is', async () => {
    const cases = [
      [metadataPng(), 'image/png', stripPngMetadata(metadataPng())],
      [metadataWebp(), 'image/webp', stripWebpMetadata(metadataWebp())],
      [PDF, 'application/pdf', PDF],
    ] as const;
    for (const [file, type, expected] of cases) {
      const res = await upload(stack.staff.supervisor, flood.id, file, type);
      expectStatus(res, 201);
      const created = Attachment.parse(res.body);
      expect(created.mediaType).toBe(type);
      const { bytes: served } = await download(stack.staff.supervisor, created.url);
      expect(served).toEqual(expected);
      expect(containsText(served, SECRET_GPS)).toBe(false);
    }
  });

  it('keeps one file per content, on disk under DATA_DIR/attachments by its sha-256', async () => {
    const first = Attachment.parse(
      (await upload(stack.staff.operator, flood.id, PDF, 'application/pdf')).body,
    );
    const second = Attachment.parse(
      (await upload(stack.staff.operator, flood.id, PDF, 'application/pdf')).body,
    );
    expect(second.id).not.toBe(first.id);
    const [row] = await stack.server.komek.db.query<{ sha256: string }>(
      'select sha256 from attachments where id = $1',
      [first.id],
    );
    expect(await readdir(join(dataDir, 'attachments', row!.sha256.slice(0, 2)))).toEqual([row!.sha256]);
  });

  it('lets the agency holding the ticket upload and fetch; another agency gets 404, a wall display 403', async () => {
    const { water, vet, display } = stack.staff;
    const created = Attachment.parse((await upload(water, flood.id, phoneJpeg(), 'image/jpeg')).body);
    expect(created.uploadedByUserId).toBe(water.user.id);
    expect((await download(water, created.url)).res.status).toBe(200);

    expectApiError(await upload(vet, flood.id, phoneJpeg(), 'image/jpeg'), 404, 'not_found');
    expectApiError(await vet.api.get(`/api/tickets/${flood.id}/attachments`), 404, 'not_found');
    expectApiError(await vet.api.get(created.url), 404, 'not_found');

    expectApiError(await upload(display, flood.id, phoneJpeg(), 'image/jpeg'), 403, 'forbidden');
    expectApiError(await display.api.get(created.url), 403, 'forbidden');
  });

  it('asks for a session first', async () => {
    expectApiError(await upload(null, flood.id, phoneJpeg(), 'image/jpeg'), 401, 'unauthenticated');
    expectApiError(
      await stack.server.api().get(`/api/tickets/${flood.id}/attachments`),
      401,
      'unauthenticated',
    );
    expectApiError(await stack.server.api().get('/api/attachments/1'), 401, 'unauthenticated');
  });

  describe('refusals name the field and store nothing', () => {
    it.each([
      ['a JPEG declared as PNG', phoneJpeg(), 'image/png', 415, 'unsupported_media_type', 'content-type'],
      [
        'HTML declared as a JPEG',
        bytes('<!doctype html><script>alert(1)</script>'),
        'image/jpeg',
        415,
        'unsupported_media_type',
        'body',
      ],
      ['a HEIC photo declared as a JPEG', HEIC, 'image/jpeg', 415, 'unsupported_media_type', 'body'],
      ['a type not stored at all', phoneJpeg(), 'text/plain', 415, 'unsupported_media_type', 'content-type'],
      ['a JSON body', bytes('{"a":1}'), 'application/json', 415, 'unsupported_media_type', 'content-type'],
      ['no Content-Type', phoneJpeg(), null, 415, 'unsupported_media_type', 'content-type'],
      ['an empty body', new Uint8Array(), 'image/png', 400, 'invalid_request', 'body'],
      [
        'a damaged JPEG',
        bytes([0xff, 0xd8, 0xff, 0xe1, 0x40, 0x00], 'Exif'),
        'image/jpeg',
        400,
        'invalid_request',
        'body',
      ],
      [
        'a file over the limit',
        bytes(phoneJpeg(), new Uint8Array(MAX_BYTES)),
        'image/jpeg',
        413,
        'payload_too_large',
        'body',
      ],
    ] as const)('%s', async (_name, body, type, status, code, field) => {
      const before = await rowCount();
      const error = expectApiError(await upload(stack.staff.operator, flood.id, body, type), status, code, [
        field,
      ]);
      expect(error.fields![field]).not.toBe('');
      expect(await rowCount()).toBe(before);
    });

    it('says what a HEIC photo is and how to send it instead', async () => {
      const error = expectApiError(
        await upload(stack.staff.operator, flood.id, HEIC, 'image/heic'),
        415,
        'unsupported_media_type',
      );
      expect(error.fields).toEqual({
        'content-type': expect.stringMatching(/^must be image\/jpeg/) as string,
      });
      const declaredJpeg = expectApiError(
        await upload(stack.staff.operator, flood.id, HEIC, 'image/jpeg'),
        415,
        'unsupported_media_type',
      );
      expect(declaredJpeg.fields!.body).toMatch(/HEIC image; send JPEG, PNG, WebP or PDF/);
    });

    it('bad ids and unknown tickets or attachments', async () => {
      const { operator } = stack.staff;
      expectApiError(await upload(operator, 987_654, phoneJpeg(), 'image/jpeg'), 404, 'not_found');
      expectApiError(await operator.api.get('/api/tickets/987654/attachments'), 404, 'not_found');
      expectApiError(await operator.api.get('/api/attachments/987654'), 404, 'not_found');
      for (const id of ['abc', '0', '1.5', '99999999999']) {
        expectApiError(
          await upload(operator, id as unknown as number, phoneJpeg(), 'image/jpeg'),
          400,
          'invalid_request',
          ['id'],
        );
        expectApiError(await operator.api.get(`/api/attachments/${id}`), 400, 'invalid_request', ['id']);
      }
      expectApiError(
        await upload(operator, flood.id, phoneJpeg(), 'image/jpeg', '?name=a&name=b'),
        400,
        'invalid_request',
        ['name'],
      );
    });
  });

  it('keeps a sanitised name and serves it in both forms of Content-Disposition', async () => {
    const name = encodeURIComponent('../../etc/Фото\u202e "двор".jpg\n');
    const created = Attachment.parse(
      (await upload(stack.staff.operator, flood.id, phoneJpeg(), 'image/jpeg', `?name=${name}`)).body,
    );
    expect(created.originalName).toBe('Фото "двор".jpg');
    const { res } = await download(stack.staff.operator, created.url);
    expect(res.headers.get('content-disposition')).toBe(
      `inline; filename="____ ______.jpg"; filename*=UTF-8''${encodeURIComponent('Фото "двор".jpg')}`,
    );
  });

  it('accepts a file from another intake channel through the same checks (AttachmentService.accept)', async () => {
    const service = new AttachmentService({
      db: stack.server.komek.db,
      tickets: stack.server.komek.tickets,
      store: new LocalDiskAttachmentStore(join(dataDir, 'attachments')),
      clock: systemClock,
      maxBytes: MAX_BYTES,
    });
    const kept = await service.accept(phoneJpeg(), 'image/jpeg', flood.id, {
      channel: 'telegram',
      uploadedByUserId: null,
      role: 'system',
      originalName: 'file_12.jpg',
    });
    expect(kept).toMatchObject({ ticketId: flood.id, channel: 'telegram', originalName: 'file_12.jpg' });
    await expect(
      service.accept(HEIC, 'image/heic', flood.id, {
        channel: 'telegram',
        uploadedByUserId: null,
        role: 'system',
      }),
    ).rejects.toMatchObject({
      status: 415,
    });
    const { bytes: served } = await download(stack.staff.operator, `/api/attachments/${kept.id}`);
    expect(served).toEqual(stripJpegMetadata(phoneJpeg()));
  });

  it('never updates an attachment row', async () => {
    const created = Attachment.parse(
      (await upload(stack.staff.operator, flood.id, PDF, 'application/pdf')).body,
    );
    await expect(
      stack.server.komek.db.query("update attachments set media_type = 'image/png' where id = $1", [
        created.id,
      ]),
    ).rejects.toThrow(/never updated/);
  });
});
