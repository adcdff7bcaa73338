/** A request to the S3 store failed: the message says what, where, and which setting to check. */
export class S3StoreError extends Error {
  /** The S3 operation: HeadBucket, HeadObject, PutObject, GetObject. */
  readonly operation: string;
  /** The service's error code (NoSuchBucket…) or the network's (ECONNREFUSED…), when there was one. */
  readonly errorCode: string | null;
  /** The HTTP status the service answered, when it answered. */
  readonly httpStatus: number | null;

  constructor(message: string, operation: string, errorCode: string | null, httpStatus: number | null) {
    super(message);
    this.name = 'S3StoreError';
    this.operation = operation;
    this.errorCode = errorCode;
    this.httpStatus = httpStatus;
  }
}

/** What the SDK's errors carry, read without trusting their shape. */
export interface S3Failure {
  code: string | null;
  httpStatus: number | null;
  message: string;
  requestId: string | null;
}

/** Reads an error thrown by the S3 client: a service exception, or a network or timeout error. */
export function s3FailureOf(err: unknown): S3Failure {
  if (!(err instanceof Error)) return { code: null, httpStatus: null, message: String(err), requestId: null };
  const meta = (err as { $metadata?: { httpStatusCode?: unknown; requestId?: unknown } }).$metadata;
  const errno = (err as { code?: unknown }).code;
  // A HEAD answer has no body, so the SDK can only name it after its status ("NotFound"), or "Unknown".
  const named = err.name && err.name !== 'Error' && err.name !== 'Unknown' ? err.name : null;
  return {
    code: typeof errno === 'string' ? errno : named,
    httpStatus: typeof meta?.httpStatusCode === 'number' ? meta.httpStatusCode : null,
    message: err.message,
    requestId: typeof meta?.requestId === 'string' ? meta.requestId : null,
  };
}

/** True when a GetObject or HeadObject found no object under the key (but the bucket is there). */
export function isMissingObject(failure: S3Failure): boolean {
  if (failure.code === 'NoSuchKey') return true;
  return failure.httpStatus === 404 && failure.code !== 'NoSuchBucket';
}

const CHECK_KEYS = 'check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY';
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/** Which setting a failure points at, in words an operator can act on; null when nothing specific. */
export function s3FailureHint(failure: S3Failure): string | null {
  const { code, httpStatus } = failure;
  if (code === 'InvalidAccessKeyId' || code === 'SignatureDoesNotMatch')
    return `the keys were not accepted: ${CHECK_KEYS}`;
  if (code === 'RequestTimeTooSkewed') return "this server's clock is too far off: set up NTP";
  if (code === 'AccessDenied' || httpStatus === 403)
    return `access denied: ${CHECK_KEYS}, and that they may use this bucket`;
  if (code === 'NoSuchBucket' || (httpStatus === 404 && code !== 'NoSuchKey'))
    return 'no such bucket: check S3_BUCKET, S3_ENDPOINT and S3_REGION';
  if (code === 'PermanentRedirect' || code === 'AuthorizationHeaderMalformed' || httpStatus === 301)
    return 'the bucket is in another region or at another address: check S3_REGION and S3_ENDPOINT';
  if (code === 'TimeoutError' || (code !== null && NETWORK_CODES.has(code)))
    return 'the service cannot be reached: check S3_ENDPOINT and the network';
  return null;
}

/**
 * The error for a failed `operation` in the bucket described by `where`, with every occurrence of
 * `secrets` (the keys) blanked out of what the service or the network said.
 */
export function s3StoreError(
  operation: string,
  where: string,
  err: unknown,
  secrets: readonly string[],
): S3StoreError {
  const failure = s3FailureOf(err);
  const hint = s3FailureHint(failure);
  const said = [
    failure.code,
    failure.httpStatus === null ? null : `HTTP ${failure.httpStatus}`,
    failure.requestId === null ? null : `request id ${failure.requestId}`,
  ].filter((part) => part !== null);
  let message = `S3 attachment store (${where}): ${operation} failed${said.length ? ` (${said.join(', ')})` : ''}`;
  // A HEAD answer's "message" is only its code again; a body's message is worth quoting.
  if (failure.message && failure.message !== failure.code && failure.message !== 'UnknownError')
    message += `: ${failure.message}`;
  if (hint) message += `; ${hint}`;
  for (const secret of secrets) if (secret.length >= 4) message = message.replaceAll(secret, '[redacted]');
  return new S3StoreError(message, operation, failure.code, failure.httpStatus);
}
