import type { z } from 'zod';

/** A failure the client caused; the error middleware turns it into a 4xx JSON answer. */
export class DomainError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  readonly extra: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    message: string,
    fields?: Record<string, string>,
    extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.extra = extra;
  }
}

/** 400: the request does not match its schema. */
export const invalid = (fields: Record<string, string>, message = 'The request is invalid.') =>
  new DomainError(400, 'invalid_request', message, fields);

/** 401: no valid session. */
export const unauthenticated = (message = 'Log in first.') =>
  new DomainError(401, 'unauthenticated', message);

/** 403: logged in, but this role may not do this. */
export const forbidden = (message: string) => new DomainError(403, 'forbidden', message);

/** 404. */
export const notFound = (what: string) => new DomainError(404, 'not_found', `${what} was not found.`);

/** 409: the request conflicts with the current state of the resource. */
export const conflict = (code: string, message: string, extra: Record<string, unknown> = {}) =>
  new DomainError(409, code, message, undefined, extra);

/** 422: well-formed, but it names something that does not exist. */
export const unknownReference = (fields: Record<string, string>) =>
  new DomainError(422, 'unknown_reference', 'The request refers to something that does not exist.', fields);

/** Turns zod issues into `{ 'path.to.field': 'what is wrong' }`. */
export function issuesToFields(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.length ? issue.path.join('.') : '_';
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] = 'is not a known field';
      continue;
    }
    fields[path] ??= issue.message;
  }
  return fields;
}

/** Parses `input` with `schema` or throws a 400 naming every bad field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalid(issuesToFields(result.error.issues));
}
