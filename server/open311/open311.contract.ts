import { z } from 'zod';
import { invalid } from '../errors.ts';
import { TicketChannel, TicketState } from '../contracts/ticket.contract.ts';
import type { XmlItemNames } from './open311.xml.ts';

/** The one jurisdiction this endpoint serves (its main website, as GeoReport v2 suggests). */
export const OPEN311_JURISDICTION_ID = 'astana.kz';

/** Formats a resource is served in: the path's extension. */
export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

/** The XML item element of each list, as the spec's examples name them. */
export const OPEN311_XML_ITEMS: XmlItemNames = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
  service_requests: 'request',
  notes: 'note',
};

/** GeoReport's Requests API defaults and bounds: 90 days, at most 1000 requests per answer. */
export const OPEN311_WINDOW_DAYS = 90;
export const OPEN311_MAX_PAGE_SIZE = 1000;

/** `2026-000123`: the registration number, which is the public service_request_id. */
import { REGISTRATION_NUMBER_LIKE as REGISTRATION_NUMBER } from '../engine/registration-number.ts';

export { REGISTRATION_NUMBER };

// GeoReport: "a null parameter should be treated as equivalent to a non-declared parameter".
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

const text = z.string({
  error: (issue) => (Array.isArray(issue.input) ? 'must be given once' : 'must be text'),
});

/** An optional single-valued parameter: empty means absent, repeating it is an error. */
const single = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/** A comma-delimited list; the spec also allows declaring the parameter several times. */
const list = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess(
    (v) => {
      const joined = Array.isArray(v) ? v.join(',') : v;
      if (typeof joined !== 'string') return joined;
      const items = new Set(
        joined
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
      return items.size ? [...items] : undefined;
    },
    z.array(item).max(max, `at most ${max} values`).optional(),
  );

const W3_DATE_TIME_MESSAGE = 'must be an ISO 8601 date-time with a time zone, such as 2026-11-01T00:00:00Z';

/**
 * A W3C date-time with its zone, as GeoReport requires (seconds and fractions optional). A `+05:00`
 * sent unescaped in a query string arrives as a space; that common client slip is read as the plus
 * it meant. Years are bounded so that every accepted date is one both databases store.
 */
const w3DateTime = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().replace(/ ([0-9]{2}:?[0-9]{2})$/, '+$1') : v),
  text
    .pipe(
      z.union([z.iso.datetime({ offset: true }), z.iso.datetime({ offset: true, precision: -1 })], {
        error: W3_DATE_TIME_MESSAGE,
      }),
    )
    .transform((s) => new Date(s))
    .refine(
      (d) => d.getUTCFullYear() >= 1900 && d.getUTCFullYear() <= 9000,
      'must be a year from 1900 to 9000',
    ),
);

const wholeNumber = (min: number, max: number) =>
  text
    .regex(/^[0-9]{1,7}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `must be ≥ ${min}`).max(max, `must be ≤ ${max}`));

const serviceCode = z.string().trim().min(1).max(64, 'must be at most 64 characters');
const jurisdiction = single(text.trim().max(200, 'must be at most 200 characters'));

/** GET requests.{format}: the spec's filters plus the common `page`, `page_size` and `extensions`. */
export const Open311RequestsQuery = z.object({
  jurisdiction_id: jurisdiction,
  service_request_id: list(
    z.string().regex(REGISTRATION_NUMBER, 'must be registration numbers such as 2026-000123'),
    200,
  ),
  service_code: list(serviceCode, 100),
  status: list(z.enum(['open', 'closed'], { error: 'must be open or closed' }), 2),
  start_date: single(w3DateTime),
  end_date: single(w3DateTime),
  page: z.preprocess(blankToUndefined, wholeNumber(1, 100_000).default(1)),
  page_size: z.preprocess(
    blankToUndefined,
    wholeNumber(1, OPEN311_MAX_PAGE_SIZE).default(OPEN311_MAX_PAGE_SIZE),
  ),
  extensions: z.preprocess(
    blankToUndefined,
    text
      .pipe(z.enum(['true', 'false'], { error: 'must be true or false' }))
      .transform((v) => v === 'true')
      .default(false),
  ),
});
export type Open311RequestsQuery = z.infer<typeof Open311RequestsQuery>;

/** Query parameters every other resource takes. */
export const Open311CommonQuery = z.object({ jurisdiction_id: jurisdiction });

const coordinate = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    z
      .number({ error: (issue) => (Array.isArray(issue.input) ? 'must be given once' : 'must be a number') })
      .min(min, `must be ≥ ${min}`)
      .max(max, `must be ≤ ${max}`),
  );

/**
 * POST requests.{format}, form-encoded (or JSON). Unknown parameters (device_id, account_id,
 * media_url, attribute[…]) are accepted and ignored. Lengths and text rules are the ticket's own
 * (CreateTicket), checked when the ticket is built.
 */
export const Open311CreateRequestBody = z
  .object({
    api_key: single(text),
    jurisdiction_id: jurisdiction,
    service_code: z.preprocess(
      blankToUndefined,
      z
        .string({
          error: (issue) =>
            issue.input === undefined
              ? 'is required'
              : Array.isArray(issue.input)
                ? 'must be given once'
                : 'must be text',
        })
        .pipe(serviceCode),
    ),
    lat: single(coordinate(-90, 90)),
    long: single(coordinate(-180, 180)),
    address_string: single(text),
    address_id: single(text.trim().max(100, 'must be at most 100 characters')),
    email: single(text.pipe(z.email('must be an e-mail address').max(72, 'must be at most 72 characters'))),
    first_name: single(text.trim().max(60, 'must be at most 60 characters')),
    last_name: single(text.trim().max(60, 'must be at most 60 characters')),
    phone: single(text),
    description: single(text),
  })
  .superRefine((b, ctx) => {
    if ((b.lat === undefined) !== (b.long === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [b.lat === undefined ? 'lat' : 'long'],
        message: 'lat and long come together',
      });
    } else if (b.lat === undefined && b.address_string === undefined && b.address_id === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['location'],
        message: 'is required: send lat and long, or address_string, or address_id',
      });
    }
  });
export type Open311CreateRequestBody = z.infer<typeof Open311CreateRequestBody>;

/**
 * Parses Open311 parameters or throws a 400 naming each bad parameter once: an item of a
 * comma-delimited list (`status.1`) is reported as its parameter (`status`).
 */
export function parseParams<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const [first] = issue.path;
    fields[first === undefined ? 'body' : String(first)] ??= issue.message;
  }
  throw invalid(fields);
}

/** One entry of an error answer; `code` is the HTTP status. */
export const Open311Error = z.object({ code: z.number().int(), description: z.string() });
export const Open311Errors = z.array(Open311Error).min(1);
export type Open311Error = z.infer<typeof Open311Error>;

/** discovery.{format}: where the endpoint is and what it speaks. */
export const Open311Discovery = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({
      specification: z.string(),
      url: z.string(),
      changeset: z.string(),
      type: z.enum(['production', 'test']),
      formats: z.array(z.string()),
    }),
  ),
});
export type Open311Discovery = z.infer<typeof Open311Discovery>;

/** One service: a ticket category. */
export const Open311Service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});
export type Open311Service = z.infer<typeof Open311Service>;

/** services/{code}.{format}: the extra fields a service asks for (none of ours does yet). */
export const Open311ServiceDefinition = z.object({
  service_code: z.string(),
  attributes: z.array(
    z.object({
      variable: z.boolean(),
      code: z.string(),
      datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
      required: z.boolean(),
      datatype_description: z.string().nullable(),
      order: z.number().int(),
      description: z.string(),
      values: z.array(z.object({ key: z.string(), name: z.string() })),
    }),
  ),
});
export type Open311ServiceDefinition = z.infer<typeof Open311ServiceDefinition>;

/** An entry of a request's public history (`extensions=true`). */
export const Open311Note = z.object({
  datetime: z.string(),
  type: z.string(),
  status: TicketState,
  description: z.string(),
});
export type Open311Note = z.infer<typeof Open311Note>;

/** One service request: a registered ticket, without the resident's name, phone or e-mail. */
export const Open311ServiceRequest = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  address_id: z.null(),
  zipcode: z.null(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.null(),
  extended_attributes: z.object({ detailed_status: TicketState, channel: TicketChannel }).optional(),
  notes: z.array(Open311Note).optional(),
});
export type Open311ServiceRequest = z.infer<typeof Open311ServiceRequest>;

/** The answer to a POST: registered at once, so the id comes back (no token). */
export const Open311CreatedRequest = z.object({
  service_request_id: z.string(),
  service_notice: z.string().nullable(),
  account_id: z.null(),
});
export type Open311CreatedRequest = z.infer<typeof Open311CreatedRequest>;

/** tokens/{token}.{format}: the token is the registration number itself. */
export const Open311Token = z.object({ service_request_id: z.string(), token: z.string() });
export type Open311Token = z.infer<typeof Open311Token>;
