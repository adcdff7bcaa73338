import { describe, expect, it } from 'vitest';
import { isMissingObject, s3FailureOf, s3StoreError } from './s3-errors.ts';

/** An error shaped as the S3 client throws for a service's answer. */
function serviceError(name: string, httpStatusCode: number, message = name): Error {
  const err = new Error(message);
  err.name = name;
  return Object.assign(err, { $metadata: { httpStatusCode, requestId: 'R1' } });
}

/** An error shaped as Node's network errors. */
const networkError = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.1:9000`), { code });

const WHERE = 'bucket "komek" at https://storage.yandexcloud.net';

describe('S3 failures', () => {
  it('reads the code, status and request id of a service answer, and the code of a network error', () => {
    expect(s3FailureOf(serviceError('NoSuchKey', 404, 'The specified key does not exist.'))).toEqual({
      code: 'NoSuchKey',
      httpStatus: 404,
      message: 'The specified key does not exist.',
      requestId: 'R1',
    });
    expect(s3FailureOf(networkError('ENOTFOUND'))).toMatchObject({ code: 'ENOTFOUND', httpStatus: null });
    expect(s3FailureOf(serviceError('Unknown', 403, 'UnknownError')).code).toBeNull();
    expect(s3FailureOf('odd')).toEqual({ code: null, httpStatus: null, message: 'odd', requestId: null });
  });

  it('counts a missing key as missing, a missing bucket not', () => {
    expect(isMissingObject(s3FailureOf(serviceError('NoSuchKey', 404)))).toBe(true);
    expect(isMissingObject(s3FailureOf(serviceError('NotFound', 404)))).toBe(true);
    expect(isMissingObject(s3FailureOf(serviceError('NoSuchBucket', 404)))).toBe(false);
    expect(isMissingObject(s3FailureOf(serviceError('AccessDenied', 403)))).toBe(false);
    expect(isMissingObject(s3FailureOf(networkError('ECONNRESET')))).toBe(false);
  });

  it.each([
    [
      'SignatureDoesNotMatch',
      403,
      'the keys were not accepted: check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY',
    ],
    ['AccessDenied', 403, 'access denied: check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY'],
    ['NoSuchBucket', 404, 'no such bucket: check S3_BUCKET'],
    ['PermanentRedirect', 301, 'in another region or at another address: check S3_REGION'],
    ['AuthorizationHeaderMalformed', 400, 'check S3_REGION'],
    ['RequestTimeTooSkewed', 403, "this server's clock is too far off"],
    ['TimeoutError', 0, 'the service cannot be reached: check S3_ENDPOINT'],
  ])('says what to check after %s', (name, status, hint) => {
    const err =
      name === 'TimeoutError' ? Object.assign(new Error('timed out'), { name }) : serviceError(name, status);
    expect(s3StoreError('PutObject', WHERE, err, []).message).toContain(hint);
  });

  it('says what failed where, and blanks out the keys wherever the answer repeats them', () => {
    const err = serviceError(
      'InvalidArgument',
      400,
      'Bad Authorization: AKIAEXAMPLE/20261126 with s3cr3t-key',
    );
    const failure = s3StoreError('GetObject', WHERE, err, ['s3cr3t-key', 'AKIAEXAMPLE']);
    expect(failure.message).toBe(
      `S3 attachment store (${WHERE}): GetObject failed (InvalidArgument, HTTP 400, request id R1): ` +
        'Bad Authorization: [redacted]/20261126 with [redacted]',
    );
    expect(failure).toMatchObject({ operation: 'GetObject', errorCode: 'InvalidArgument', httpStatus: 400 });
    expect(s3StoreError('HeadBucket', WHERE, networkError('ECONNREFUSED'), []).message).toBe(
      `S3 attachment store (${WHERE}): HeadBucket failed (ECONNREFUSED): connect ECONNREFUSED 10.0.0.1:9000; ` +
        'the service cannot be reached: check S3_ENDPOINT and the network',
    );
  });
});
