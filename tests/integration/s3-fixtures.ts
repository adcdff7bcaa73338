import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { S3StoreConfig } from '../../server/attachments/attachment-store-config.ts';

/** s3rver's own account: the only keys it knows. */
export const S3RVER_KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** The part of s3rver (a CommonJS package without types) the tests use. */
interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => S3rverServer;

const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor;

/**
 * A real S3-compatible server (s3rver: the S3 REST protocol over HTTP, files in a temporary
 * directory) on an ephemeral port, with one bucket. s3rver checks the access key id, but does not
 * verify SigV4 signatures, so a wrong secret with the right key id goes unnoticed by it.
 */
export interface LocalS3 {
  endpoint: string;
  bucket: string;
  /** The store's configuration for this server, with s3rver's keys. */
  config(overrides?: Partial<S3StoreConfig>): S3StoreConfig;
  /** The environment selecting this bucket, as an operator would set it. */
  env(prefix: string): Record<string, string>;
  /** Every key in the bucket. */
  keys(): Promise<string[]>;
  /** One object's bytes, read directly. */
  object(key: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Starts s3rver with `bucket` (3-63 characters, as S3 requires). */
export async function startLocalS3(bucket = 'komek-test'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'komek-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const reader = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_KEYS,
  });
  return {
    endpoint,
    bucket,
    config: (overrides = {}) => ({
      endpoint,
      region: 'us-east-1',
      bucket,
      prefix: '',
      forcePathStyle: true,
      ...S3RVER_KEYS,
      ...overrides,
    }),
    env: (prefix) => ({
      ATTACHMENT_STORE: 's3',
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: S3RVER_KEYS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_KEYS.secretAccessKey,
      S3_PREFIX: prefix,
    }),
    async keys() {
      const listed = await reader.send(new ListObjectsV2Command({ Bucket: bucket }));
      return (listed.Contents ?? []).map((o) => o.Key ?? '').sort();
    },
    async object(key) {
      const got = await reader.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return got.Body!.transformToByteArray();
    },
    async close() {
      reader.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
