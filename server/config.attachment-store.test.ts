import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const S3 = {
  ATTACHMENT_STORE: 's3',
  S3_REGION: 'ru-central1',
  S3_BUCKET: 'komek-attachments',
  S3_ACCESS_KEY_ID: 'YCAJEexampleKeyId',
  S3_SECRET_ACCESS_KEY: 'YCexample-secret-key-never-printed',
};

/** The message of the ConfigError `env` raises. */
function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig: the attachment store', () => {
  it('keeps attachments on the local disk by default', () => {
    expect(loadConfig({}).attachmentStore).toEqual({ kind: 'local' });
    expect(loadConfig({ ATTACHMENT_STORE: 'local', S3_BUCKET: 'ignored-here' }).attachmentStore).toEqual({
      kind: 'local',
    });
  });

  it('takes an S3 bucket on AWS: no endpoint, virtual-hosted style, no prefix', () => {
    const config = loadConfig(S3);
    expect(config.attachmentStore).toEqual({
      kind: 's3',
      endpoint: null,
      region: 'ru-central1',
      bucket: 'komek-attachments',
      prefix: '',
      forcePathStyle: false,
      accessKeyId: 'YCAJEexampleKeyId',
      secretAccessKey: 'YCexample-secret-key-never-printed',
    });
    expect(Object.isFrozen(config.attachmentStore)).toBe(true);
  });

  it('takes a custom endpoint with path-style addressing unless told otherwise, and a prefix ending in "/"', () => {
    expect(
      loadConfig({ ...S3, S3_ENDPOINT: 'http://minio.internal:9000/', S3_PREFIX: 'komek/attachments' })
        .attachmentStore,
    ).toMatchObject({
      endpoint: 'http://minio.internal:9000',
      forcePathStyle: true,
      prefix: 'komek/attachments/',
    });
    expect(
      loadConfig({
        ...S3,
        S3_ENDPOINT: 'https://storage.yandexcloud.net',
        S3_FORCE_PATH_STYLE: 'off',
        S3_PREFIX: 'komek/',
      }).attachmentStore,
    ).toMatchObject({ forcePathStyle: false, prefix: 'komek/' });
    expect(loadConfig({ ...S3, S3_FORCE_PATH_STYLE: 'on' }).attachmentStore).toMatchObject({
      endpoint: null,
      forcePathStyle: true,
    });
  });

  it('names every variable s3 needs that is missing, and never prints the secret', () => {
    const message = configError({ ATTACHMENT_STORE: 's3' });
    expect(message.split('\n').slice(1).sort()).toEqual([
      '  S3_ACCESS_KEY_ID is required when ATTACHMENT_STORE=s3',
      '  S3_BUCKET is required when ATTACHMENT_STORE=s3',
      '  S3_REGION is required when ATTACHMENT_STORE=s3',
      '  S3_SECRET_ACCESS_KEY is required when ATTACHMENT_STORE=s3',
    ]);
    const onlySecretMissing = configError({ ...S3, S3_SECRET_ACCESS_KEY: '' });
    expect(onlySecretMissing).toBe(
      'Invalid configuration:\n  S3_SECRET_ACCESS_KEY is required when ATTACHMENT_STORE=s3',
    );
    const badEndpoint = configError({
      ...S3,
      S3_ENDPOINT: `https://key:${S3.S3_SECRET_ACCESS_KEY}@s3.example`,
    });
    expect(badEndpoint).toContain('S3_ENDPOINT must not contain credentials');
    expect(badEndpoint).not.toContain(S3.S3_SECRET_ACCESS_KEY);
  });

  it('names each bad value', () => {
    const message = configError({
      ...S3,
      ATTACHMENT_STORE: 'gcs',
      S3_ENDPOINT: 'ftp://files.example',
      S3_REGION: 'EU West',
      S3_BUCKET: 'Komek_Bucket',
      S3_FORCE_PATH_STYLE: 'yes',
      S3_PREFIX: '/komek/../etc',
    });
    expect(message).toContain('ATTACHMENT_STORE must be "local" or "s3"');
    expect(message).toContain('S3_ENDPOINT must be an http(s) URL');
    expect(message).toContain('S3_REGION must be a region name');
    expect(message).toContain('S3_BUCKET must be a bucket name: 3-63 characters');
    expect(message).toContain('S3_FORCE_PATH_STYLE must be "on" or "off"');
    expect(message).toContain('S3_PREFIX must be a key prefix');
    expect(configError({ ...S3, S3_BUCKET: 'ab' })).toContain('S3_BUCKET must be a bucket name');
    expect(configError({ ...S3, S3_PREFIX: 'komek/../etc' })).toContain(
      'S3_PREFIX must not contain "." or ".." segments',
    );
  });
});
