import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripJpegMetadata } from '../../server/attachments/jpeg-metadata.ts';
import { AttachmentList } from '../../server/contracts/attachment.contract.ts';
import { PublicReportCreated } from '../../server/contracts/public.contract.ts';
import { TicketPage } from '../../server/contracts/ticket.contract.ts';
import { PDF, phoneJpeg } from '../support/image-fixtures.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { expectStatus, startTestServer, startTestStack, type TestStack } from '../support/test-server.ts';
import { startLocalS3, type LocalS3 } from './s3-fixtures.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * The whole server with ATTACHMENT_STORE=s3 on a local S3-compatible server: residents' photos go
 * to the bucket, not to DATA_DIR, and staff download them through Komek. The store does not touch
 * the database, so one database kind is enough here (attachments.test.ts runs both).
 */
describe('attachments kept in an S3-compatible bucket, through the whole server', () => {
  let s3: LocalS3;
  let stack: TestStack;
  let dataDir: string;

  beforeAll(async () => {
    s3 = await startLocalS3();
    dataDir = await mkdtemp(join(tmpdir(), 'komek-s3-stack-'));
    stack = await startTestStack('pglite', { env: { DATA_DIR: dataDir, ...s3.env('komek/attachments') } });
  });
  afterAll(async () => {
    await stack?.close();
    await s3?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The bytes staff get from an attachment's URL. */
  async function download(url: string): Promise<Uint8Array> {
    const res = await fetch(`${stack.server.url}${url}`, { headers: { cookie: stack.staff.water.cookie } });
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  }

  it('stores a photo from the public form in the bucket, not on disk, and serves staff the same bytes', async () => {
    const res = await stack.server.api().send('POST', '/api/public/reports', {
      body: JSON.stringify({
        categoryId: 'flooding',
        description: 'Water over the road by the bus stop, cars cannot pass',
        lat: 51.128,
        lon: 71.43,
        phone: '+7 701 123 45 67',
        photos: [`data:image/jpeg;base64,${Buffer.from(phoneJpeg()).toString('base64')}`],
      }),
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.77' },
    });
    expectStatus(res, 201);
    const { registrationNumber } = PublicReportCreated.parse(res.body);
    const page = TicketPage.parse(
      (await stack.staff.water.api.get(`/api/tickets?q=${registrationNumber}`)).body,
    );
    const ticketId = page.items[0]!.id;
    const [photo] = AttachmentList.parse(
      (await stack.staff.water.api.get(`/api/tickets/${ticketId}/attachments`)).body,
    ).items;

    // Stored as kept: stripped of its metadata, under the sha-256 of what is left.
    const stripped = stripJpegMetadata(phoneJpeg());
    const key = `komek/attachments/${sha256(stripped).slice(0, 2)}/${sha256(stripped)}`;
    expect(await s3.keys()).toContain(key);
    expect(await s3.object(key)).toEqual(stripped);
    expect(await download(photo!.url)).toEqual(stripped);
    // Nothing was written under DATA_DIR/attachments.
    expect(await readdir(dataDir)).not.toContain('attachments');
  });

  it('stores a staff upload through the attachment API in the bucket once per content', async () => {
    const ticket = await stack.staff.operator.api.createTicket({ categoryId: 'flooding' });
    const upload = () =>
      fetch(`${stack.server.url}/api/tickets/${ticket.id}/attachments`, {
        method: 'POST',
        headers: { cookie: stack.staff.operator.cookie, 'content-type': 'application/pdf' },
        body: Buffer.from(PDF),
      });
    expect((await upload()).status).toBe(201);
    expect((await upload()).status).toBe(201);
    const items = AttachmentList.parse(
      (await stack.staff.water.api.get(`/api/tickets/${ticket.id}/attachments`)).body,
    ).items;
    expect(items).toHaveLength(2);
    const key = `komek/attachments/${sha256(PDF).slice(0, 2)}/${sha256(PDF)}`;
    expect((await s3.keys()).filter((k) => k === key)).toHaveLength(1);
    for (const item of items) expect(await download(item.url)).toEqual(PDF);
  });

  it('does not start when the bucket cannot be used, and says why', async () => {
    const database = await createTestDatabase('pglite');
    try {
      await expect(
        startTestServer(database.db, {
          env: { DATA_DIR: dataDir, ...s3.env(''), S3_BUCKET: 'komek-missing' },
        }),
      ).rejects.toThrow(
        /^ATTACHMENT_STORE=s3, but the bucket cannot be used, so Komek does not start\. .*bucket "komek-missing".*no such bucket: check S3_BUCKET/,
      );
      await expect(
        startTestServer(database.db, {
          env: { DATA_DIR: dataDir, ...s3.env(''), S3_ACCESS_KEY_ID: 'NOT-A-KEY' },
        }),
      ).rejects.toThrow(/HTTP 403.*check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/);
      // Nothing was started on the database.
      expect(await database.db.query("select to_regclass('tickets') as t")).toEqual([{ t: null }]);
    } finally {
      await database.close();
    }
  });
});
