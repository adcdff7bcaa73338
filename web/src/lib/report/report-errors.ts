import { ApiError } from '../api.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { MAX_PUBLIC_PHOTOS_ON_FORM } from './report-limits.ts';
import { MAX_PHOTO_BYTES, megabytes } from './image-resize.ts';

/** The parts of the form an error can point at. */
export type ReportField = 'category' | 'place' | 'photos' | 'description' | 'name' | 'phone' | 'email';

/** Something to tell the resident: a message to translate, or the server's own words when it is an unusual one. */
export type Say = { key: MessageKey; params?: Record<string, string | number> } | { text: string };

/** What went wrong with a submission: by field, and one line for the whole form. */
export interface ReportErrors {
  fields: Partial<Record<ReportField, Say>>;
  form: Say | null;
}

const FIELD_OF: Readonly<Record<string, ReportField>> = {
  categoryId: 'category',
  lat: 'place',
  lon: 'place',
  address: 'place',
  photos: 'photos',
  description: 'description',
  name: 'name',
  phone: 'phone',
  email: 'email',
};

const REQUIRED = /^(must not be empty|is required)/;
const TOO_LONG = /at most (\d+) characters/;

/** The form's field for a server field path (`photos.1` is the photos). */
const fieldOf = (path: string): ReportField | undefined => FIELD_OF[path.split('.')[0] ?? ''];

function tooLong(message: string): Say | null {
  const max = TOO_LONG.exec(message)?.[1];
  return max ? { key: 'report.error.tooLong', params: { max: Number(max) } } : null;
}

/** One field's message in the resident's language; the server's words when it is not a known one. */
function fieldMessage(path: string, message: string, status: number): Say {
  const field = fieldOf(path);
  const photo = /^photos\.(\d+)$/.exec(path);
  if (photo) {
    const n = Number(photo[1]) + 1;
    if (status !== 413) return { key: 'report.error.photoType', params: { n } };
    const bytes = Number(/at most (\d+) bytes/.exec(message)?.[1] ?? MAX_PHOTO_BYTES);
    return { key: 'report.error.photoTooLarge', params: { n, max: megabytes(bytes) } };
  }
  switch (field) {
    case 'photos':
      return { key: 'report.photos.tooMany', params: { max: MAX_PUBLIC_PHOTOS_ON_FORM } };
    case 'category':
      if (status === 422) return { key: 'report.error.category' };
      return REQUIRED.test(message) ? { key: 'report.missing.category' } : { text: message };
    case 'place':
      if (/outside/.test(message)) return { key: 'report.place.outsideCity' };
      if (/required/.test(message)) return { key: 'report.missing.place' };
      return { text: message };
    case 'description':
      if (REQUIRED.test(message)) return { key: 'report.missing.description' };
      return tooLong(message) ?? { text: message };
    case 'phone':
      if (/phone number/.test(message)) return { key: 'validation.phone' };
      return tooLong(message) ?? { text: message };
    case 'email':
      return tooLong(message) ?? { key: 'report.error.email' };
    default:
      return tooLong(message) ?? { text: message };
  }
}

/** The form's line for a refusal that is not about one field. */
function formMessage(err: ApiError, hasFields: boolean): Say {
  if (err.status === 0) return { key: 'report.error.network' };
  if (err.status === 429)
    return {
      key: 'report.error.rateLimited',
      params: { minutes: Math.ceil((err.retryAfterSeconds ?? 60) / 60) },
    };
  if (err.code === 'request_in_progress') return { key: 'report.error.inProgress' };
  if (err.status === 413 && !hasFields) return { key: 'report.error.tooLarge' };
  if (err.status >= 500) return { key: 'report.error.server' };
  if (hasFields) return { key: 'report.error.fields' };
  return { key: 'error.generic', params: { message: err.message } };
}

/**
 * What a failed submission means for the form: the server's `fields` placed on the form's own
 * fields in the resident's language (the point outside the city, a photo too large or of the
 * wrong kind…), and one line for the whole form (no connection, wait N minutes, check the fields).
 */
export function reportErrors(err: unknown): ReportErrors {
  if (!(err instanceof ApiError))
    return { fields: {}, form: { key: 'error.generic', params: { message: String(err) } } };
  const fields: Partial<Record<ReportField, Say>> = {};
  let unplaced = false;
  for (const [path, message] of Object.entries(err.fields)) {
    const field = fieldOf(path);
    if (field) fields[field] ??= fieldMessage(path, message, err.status);
    else unplaced = true;
  }
  const placed = Object.keys(fields).length > 0;
  return { fields, form: formMessage(err, placed && !unplaced) };
}
