import { z } from 'zod';
import { Attachment, AttachmentList, UPLOAD_MEDIA_TYPES } from '../contracts/attachment.contract.ts';
import { ApiError } from '../contracts/common.contract.ts';
import {
  MAX_PUBLIC_PHOTOS,
  NearbyAppeals,
  NearbyQuery,
  PublicCategories,
  PublicReport,
  PublicReportCreated,
  PublicTicketStatus,
} from '../contracts/public.contract.ts';

type Schema = Record<string, unknown>;
const toSchema = (schema: z.ZodType, io: 'input' | 'output'): Schema =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any' });
const json = (schema: Schema) => ({ 'application/json': { schema } });
const ok = (description: string, schema: z.ZodType) => ({
  description,
  content: json(toSchema(schema, 'output')),
});
const error = (description: string) => ({ description, content: json(toSchema(ApiError, 'output')) });
const binary = { type: 'string', format: 'binary' };

const id = (what: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description: `The ${what}'s id.`,
  schema: { type: 'integer', minimum: 1 },
});

/** Attachments of tickets (staff) and the residents' public doors (no login), for the OpenAPI document. */
export function intakePaths(): Record<string, Schema> {
  return {
    '/api/tickets/{id}/attachments': {
      post: {
        summary: 'Attach a photo or document to a ticket you can see',
        description:
          'The body is the file itself, its Content-Type one of the types below. The type is checked by the content, and metadata that could identify a resident (Exif with GPS, XMP, comments, text chunks) is removed before it is stored. Wall displays may not.',
        parameters: [
          id('ticket'),
          {
            name: 'name',
            in: 'query',
            required: false,
            description: 'The file name to keep (sanitised) and to serve it under.',
            schema: { type: 'string', maxLength: 1000 },
          },
        ],
        requestBody: {
          required: true,
          content: Object.fromEntries(UPLOAD_MEDIA_TYPES.map((t) => [t, { schema: binary }])),
        },
        responses: {
          '201': ok('The stored attachment; Location is its URL.', Attachment),
          '400': error('Empty or damaged file, or a bad id or name.'),
          '401': error('No valid session.'),
          '403': error('A wall display.'),
          '404': error('No such ticket visible to you.'),
          '413': error('Larger than ATTACHMENT_MAX_BYTES.'),
          '415': error(
            'A Content-Type not accepted, or content that is not what it says (fields name which).',
          ),
        },
      },
      get: {
        summary: 'The attachments of a ticket you can see, oldest first',
        parameters: [id('ticket')],
        responses: {
          '200': ok('Attachments.', AttachmentList),
          '401': error('No valid session.'),
          '403': error('A wall display.'),
          '404': error('No such ticket visible to you.'),
        },
      },
    },
    '/api/attachments/{id}': {
      get: {
        summary: 'The bytes of an attachment',
        description:
          'Served inline with the stored media type, `X-Content-Type-Options: nosniff`, an ETag (the content hash) and a year of private caching: attachments never change.',
        parameters: [id('attachment')],
        responses: {
          '200': {
            description: 'The file.',
            content: Object.fromEntries(UPLOAD_MEDIA_TYPES.map((t) => [t, { schema: binary }])),
          },
          '304': { description: 'Not modified (If-None-Match).' },
          '401': error('No valid session.'),
          '403': error('A wall display.'),
          '404': error('No such attachment visible to you (another agency’s ticket).'),
        },
      },
    },
    '/api/public/reports': {
      post: {
        summary: 'A resident files an appeal (no login)',
        description: `The /report page. Up to ${MAX_PUBLIC_PHOTOS} photos (JPEG, PNG, WebP) as base64 or data: URLs, each within ATTACHMENT_MAX_BYTES and checked like every attachment; a point must be in the city. Nothing is stored when anything is refused. Limited per client address (PUBLIC_REPORTS_PER_HOUR). The answer carries no personal data.`,
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description:
              '16-200 visible ASCII characters, such as a random UUID: a retry with the same key and body returns the first answer (Idempotent-Replayed: true) and files nothing more. A refused report leaves the key free.',
            schema: { type: 'string', minLength: 16, maxLength: 200 },
          },
        ],
        requestBody: { required: true, content: json(toSchema(PublicReport, 'input')) },
        responses: {
          '201': ok('The registration number and the status page to follow it on.', PublicReportCreated),
          '400': error(
            'A field is wrong, a photo is damaged or not base64, or the point is outside the city.',
          ),
          '409': error('The same Idempotency-Key is still being processed.'),
          '413': error('A photo, or the whole body, is too large.'),
          '415': error('A photo is not JPEG, PNG or WebP by its content, or the body is not JSON.'),
          '422': error('No such category, or the Idempotency-Key was used for another report.'),
          '429': {
            ...error('Too many reports from this address; Retry-After says when to try again.'),
            headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds.' } },
          },
        },
      },
    },
    '/api/public/tickets/{registrationNumber}': {
      get: {
        summary: 'The public status of an appeal (no login)',
        description:
          'State, district, times, expected resolution and the public timeline (changes of state; resolution, first-contact answer and hold reason). Never comments, who acted or the resident’s details.',
        parameters: [
          {
            name: 'registrationNumber',
            in: 'path',
            required: true,
            schema: { type: 'string', pattern: '^[0-9]{4}-[0-9]{6,9}$' },
          },
        ],
        responses: {
          '200': ok('The appeal’s status.', PublicTicketStatus),
          '400': error('Not a registration number.'),
          '404': error('No such appeal.'),
        },
      },
    },
    '/api/public/nearby': {
      get: {
        summary: 'Open appeals of a category near a point, filed recently (no login)',
        description:
          'Within DUPLICATE_RADIUS_M of the point and DUPLICATE_WINDOW_HOURS, not closed, resolved or merged, nearest first: "follow this one instead of filing again".',
        parameters: Object.keys(NearbyQuery.shape).map((name) => ({
          name,
          in: 'query',
          required: true,
          schema: { type: 'string' },
        })),
        responses: {
          '200': ok('Appeals nearby.', NearbyAppeals),
          '400': error('A missing or malformed parameter.'),
          '422': error('No such category.'),
        },
      },
    },
    '/api/public/categories': {
      get: {
        summary: 'The categories a resident may choose, in Russian, Kazakh and English (no login)',
        responses: { '200': ok('Categories in display order.', PublicCategories) },
      },
    },
  };
}
