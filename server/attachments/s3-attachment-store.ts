import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { S3StoreConfig } from './attachment-store-config.ts';
import { SHA256_HEX, type AttachmentStore } from './attachment-store.ts';
import { isMissingObject, s3FailureOf, s3StoreError, S3StoreError } from './s3-errors.ts';

/** How long to wait for a connection, and for a silent socket, before a request fails. */
const CONNECT_TIMEOUT_MS = 5_000;
const SOCKET_IDLE_TIMEOUT_MS = 30_000;

/**
 * Attachments as objects in an S3-compatible bucket (AWS, MinIO, Ceph, Yandex Object Storage), at
 * `<prefix>ab/abcdef…` by their sha-256: the local disk store's layout, so a DATA_DIR/attachments
 * directory copied into the bucket under the prefix is readable as is. Only the calls every such
 * service has are used (HeadBucket, HeadObject, PutObject with Content-MD5, GetObject), and the
 * SDK's newer default checksums are sent only where an operation requires them, which self-hosted
 * services do not all accept.
 */
export class S3AttachmentStore implements AttachmentStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  /** The bucket and service, for messages: never the keys. */
  private readonly where: string;
  private readonly secrets: readonly string[];

  constructor(config: S3StoreConfig) {
    this.client = new S3Client({
      region: config.region,
      ...(config.endpoint !== null && { endpoint: config.endpoint }),
      forcePathStyle: config.forcePathStyle,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, socketTimeout: SOCKET_IDLE_TIMEOUT_MS },
    });
    this.bucket = config.bucket;
    this.prefix = config.prefix;
    this.where = `bucket "${config.bucket}" at ${config.endpoint ?? `AWS ${config.region}`}`;
    this.secrets = [config.secretAccessKey, config.accessKeyId];
  }

  /** Checks the bucket exists and the keys may use it (HeadBucket); throws S3StoreError saying what to fix. */
  async checkBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      throw this.failure('HeadBucket', err);
    }
  }

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    const key = this.keyOf(sha256);
    if (await this.exists(key)) return;
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: bytes,
          ContentLength: bytes.length,
          // The service refuses the object if it arrives damaged.
          ContentMD5: createHash('md5').update(bytes).digest('base64'),
          ContentType: 'application/octet-stream',
        }),
      );
    } catch (err) {
      throw this.failure('PutObject', err, key);
    }
  }

  async open(sha256: string): Promise<Readable | null> {
    const key = this.keyOf(sha256);
    let body: unknown;
    try {
      body = (await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }))).Body;
    } catch (err) {
      if (isMissingObject(s3FailureOf(err))) return null;
      throw this.failure('GetObject', err, key);
    }
    if (!(body instanceof Readable))
      throw new S3StoreError(
        `S3 attachment store (${this.where}): GetObject answered without a body`,
        'GetObject',
        null,
        null,
      );
    return body;
  }

  /** Closes the client's idle connections. */
  close(): void {
    this.client.destroy();
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (err) {
      // A missing bucket is also a 404 here; the PutObject that follows names it.
      if (isMissingObject(s3FailureOf(err))) return false;
      throw this.failure('HeadObject', err, key);
    }
  }

  private keyOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha-256: ${JSON.stringify(sha256)}`);
    return `${this.prefix}${sha256.slice(0, 2)}/${sha256}`;
  }

  private failure(operation: string, err: unknown, key?: string): S3StoreError {
    const where = key === undefined ? this.where : `${this.where}, key "${key}"`;
    return s3StoreError(operation, where, err, this.secrets);
  }
}
