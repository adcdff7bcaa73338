import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  itBehavesAsAnAttachmentStore,
  sha256Of,
} from '../../server/attachments/attachment-store.contract.ts';
import type { S3StoreConfig } from '../../server/attachments/attachment-store-config.ts';
import {
  AttachmentStoreUnavailable,
  openAttachmentStore,
} from '../../server/attachments/configured-store.ts';
import { S3AttachmentStore } from '../../server/attachments/s3-attachment-store.ts';
import { S3StoreError } from '../../server/attachments/s3-errors.ts';
import { startLocalS3, type LocalS3 } from './s3-fixtures.ts';

const WRONG_KEYS = { accessKeyId: 'AKIAWRONGKEYID000001', secretAccessKey: 'wrong-secret-access-key-42' };

describe('S3AttachmentStore on a local S3-compatible server', () => {
  let s3: LocalS3;
  let store: S3AttachmentStore;
  let prefixCounter = 0;
  let prefix: string;
  const others: S3AttachmentStore[] = [];

  /** Another store on the same server, closed after the test. */
  const storeWith = (overrides: Partial<S3StoreConfig>) => {
    const other = new S3AttachmentStore(s3.config({ prefix, ...overrides }));
    others.push(other);
    return other;
  };

  /** The S3StoreError `attempt` rejects with. */
  async function failureOf(attempt: Promise<unknown>): Promise<S3StoreError> {
    const err = await attempt.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(S3StoreError);
    return err as S3StoreError;
  }

  beforeAll(async () => {
    s3 = await startLocalS3();
  });
  afterAll(() => s3?.close());
  // Each test has a prefix of its own in the one bucket, so none sees another's objects.
  beforeEach(() => {
    prefix = `run/t${++prefixCounter}/`;
    store = new S3AttachmentStore(s3.config({ prefix }));
  });
  afterEach(() => {
    store.close();
    for (const other of others.splice(0)) other.close();
  });

  itBehavesAsAnAttachmentStore(() => store);

  it('keeps each object at <prefix>ab/<sha-256>, the local disk layout, once', async () => {
    const hash = sha256Of('photo');
    await store.put(hash, Buffer.from('photo'));
    await store.put(hash, Buffer.from('photo'));
    expect((await s3.keys()).filter((k) => k.startsWith(prefix))).toEqual([
      `${prefix}${hash.slice(0, 2)}/${hash}`,
    ]);
    expect(Buffer.from(await s3.object(`${prefix}${hash.slice(0, 2)}/${hash}`)).toString()).toBe('photo');
  });

  it('passes the start-up check on a bucket it can use', async () => {
    await expect(store.checkBucket()).resolves.toBeUndefined();
    const opened = await openAttachmentStore({
      dataDir: '/nonexistent',
      attachmentStore: { kind: 's3', ...s3.config() },
    });
    expect(opened).toBeInstanceOf(S3AttachmentStore);
    (opened as S3AttachmentStore).close();
  });

  it('with wrong keys, every call fails saying which settings to check, and never shows the keys', async () => {
    const wrong = storeWith(WRONG_KEYS);
    const hash = sha256Of('photo');
    const failures = [
      await failureOf(wrong.checkBucket()),
      await failureOf(wrong.put(hash, Buffer.from('photo'))),
      // Not "missing": a refused read is an error, never a null.
      await failureOf(wrong.open(hash)),
    ];
    expect(failures.map((f) => [f.operation, f.httpStatus])).toEqual([
      ['HeadBucket', 403],
      ['HeadObject', 403],
      ['GetObject', 403],
    ]);
    expect(failures[0]!.message).toBe(
      `S3 attachment store (bucket "komek-test" at ${s3.endpoint}): HeadBucket failed (HTTP 403); ` +
        'access denied: check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, and that they may use this bucket',
    );
    expect(failures[2]!.message).toMatch(
      /GetObject failed \(InvalidAccessKeyId, HTTP 403\): The AWS Access Key Id you provided does not exist in our records\.; the keys were not accepted: check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY$/,
    );
    expect(failures[2]!.message).toContain(`key "${prefix}${hash.slice(0, 2)}/${hash}"`);
    for (const failure of failures) {
      expect(failure.message).not.toContain(WRONG_KEYS.accessKeyId);
      expect(failure.message).not.toContain(WRONG_KEYS.secretAccessKey);
    }
  });

  it('with a bucket that does not exist, says so; a read is an error, not a missing object', async () => {
    const nowhere = storeWith({ bucket: 'no-such-bucket' });
    const hash = sha256Of('photo');
    expect((await failureOf(nowhere.checkBucket())).message).toMatch(
      /bucket "no-such-bucket" .*HeadBucket failed \(NotFound, HTTP 404\); no such bucket: check S3_BUCKET/,
    );
    expect((await failureOf(nowhere.put(hash, Buffer.from('photo')))).message).toMatch(
      /PutObject failed \(NoSuchBucket, HTTP 404\): The specified bucket does not exist; no such bucket/,
    );
    expect((await failureOf(nowhere.open(hash))).errorCode).toBe('NoSuchBucket');
  });

  it('with nothing listening at the endpoint, points at S3_ENDPOINT', async () => {
    const closed = storeWith({ endpoint: 'http://127.0.0.1:1' });
    const failure = await failureOf(closed.checkBucket());
    expect(failure.errorCode).toBe('ECONNREFUSED');
    expect(failure.message).toMatch(
      /^S3 attachment store \(bucket "komek-test" at http:\/\/127\.0\.0\.1:1\): HeadBucket failed \(ECONNREFUSED\).*; the service cannot be reached: check S3_ENDPOINT and the network$/,
    );
  });

  it('refuses to start when the bucket cannot be used', async () => {
    const attempt = openAttachmentStore({
      dataDir: '/nonexistent',
      attachmentStore: { kind: 's3', ...s3.config({ bucket: 'missing-bucket' }) },
    });
    await expect(attempt).rejects.toThrow(AttachmentStoreUnavailable);
    await expect(attempt).rejects.toThrow(
      /^ATTACHMENT_STORE=s3, but the bucket cannot be used, so Komek does not start\. S3 attachment store \(bucket "missing-bucket" .*no such bucket: check S3_BUCKET/,
    );
  });
});
