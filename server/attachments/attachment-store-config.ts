import { z } from 'zod';

const REQUIRED_FOR_S3 = 'is required when ATTACHMENT_STORE=s3';

/** The attachment store's variables, part of the one environment schema in config.ts. */
export const ATTACHMENT_STORE_ENV = {
  ATTACHMENT_STORE: z.enum(['local', 's3'], { error: 'must be "local" or "s3"' }).default('local'),
  S3_ENDPOINT: z
    .url({
      protocol: /^https?$/,
      error: 'must be an http(s) URL such as https://storage.yandexcloud.net (unset for AWS)',
    })
    .refine((u) => {
      const url = URL.parse(u);
      return !url?.username && !url?.password;
    }, 'must not contain credentials; set S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY')
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]{2,64}$/, 'must be a region name such as us-east-1 or ru-central1')
    .optional(),
  S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be a bucket name: 3-63 characters of a-z, 0-9, "." and "-", starting and ending with a letter or digit',
    )
    .optional(),
  S3_ACCESS_KEY_ID: z.string().max(256, 'must be at most 256 characters').optional(),
  S3_SECRET_ACCESS_KEY: z.string().max(256, 'must be at most 256 characters').optional(),
  S3_FORCE_PATH_STYLE: z.enum(['on', 'off'], { error: 'must be "on" or "off"' }).optional(),
  S3_PREFIX: z
    .string()
    .max(200, 'must be at most 200 characters')
    .regex(
      /^(?:[A-Za-z0-9!_.*'()-]+\/)*[A-Za-z0-9!_.*'()-]+\/?$/,
      'must be a key prefix such as komek/attachments: segments of A-Z, a-z, 0-9 and !_.*\'()- separated by "/"',
    )
    .refine(
      (p) => !p.split('/').some((s) => s === '.' || s === '..'),
      'must not contain "." or ".." segments',
    )
    .optional(),
};

/** The variables as parsed. */
interface AttachmentStoreEnv {
  ATTACHMENT_STORE: 'local' | 's3';
  S3_ENDPOINT?: string | undefined;
  S3_REGION?: string | undefined;
  S3_BUCKET?: string | undefined;
  S3_ACCESS_KEY_ID?: string | undefined;
  S3_SECRET_ACCESS_KEY?: string | undefined;
  S3_FORCE_PATH_STYLE?: 'on' | 'off' | undefined;
  S3_PREFIX?: string | undefined;
}

/** Where attachments live: S3-compatible storage, as the S3 store needs it. */
export interface S3StoreConfig {
  /** The service's address; null for AWS itself (the SDK derives it from the region). */
  endpoint: string | null;
  region: string;
  bucket: string;
  /** Put before every key, ending in "/" (or empty): `komek/` → `komek/ab/abcdef…`. */
  prefix: string;
  /** `https://host/bucket/key` instead of `https://bucket.host/key` (MinIO, Ceph and most self-hosted). */
  forcePathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
}

/** The store configured: the local disk (DATA_DIR/attachments), or an S3-compatible bucket. */
export type AttachmentStoreConfig = { kind: 'local' } | ({ kind: 's3' } & S3StoreConfig);

/** The checks across variables: an S3 store needs its bucket, region and both keys. */
export function checkAttachmentStoreEnv(e: AttachmentStoreEnv, ctx: z.RefinementCtx): void {
  if (e.ATTACHMENT_STORE !== 's3') return;
  for (const name of ['S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
    if (!e[name]) ctx.addIssue({ code: 'custom', path: [name], message: REQUIRED_FOR_S3 });
  }
}

/** The store's configuration, after `checkAttachmentStoreEnv` passed. */
export function attachmentStoreConfig(e: AttachmentStoreEnv): AttachmentStoreConfig {
  if (e.ATTACHMENT_STORE === 'local') return Object.freeze({ kind: 'local' });
  const prefix = e.S3_PREFIX ? `${e.S3_PREFIX.replace(/\/+$/, '')}/` : '';
  return Object.freeze({
    kind: 's3',
    endpoint: e.S3_ENDPOINT ?? null,
    region: e.S3_REGION!,
    bucket: e.S3_BUCKET!,
    prefix,
    // A custom endpoint is usually self-hosted, where bucket host names do not resolve.
    forcePathStyle: (e.S3_FORCE_PATH_STYLE ?? (e.S3_ENDPOINT ? 'on' : 'off')) === 'on',
    accessKeyId: e.S3_ACCESS_KEY_ID!,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
  });
}
