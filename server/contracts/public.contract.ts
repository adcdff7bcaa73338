import { z } from 'zod';
import { REGISTRATION_NUMBER_LIKE } from '../engine/registration-number.ts';
import { TICKET_STATES } from '../../workflows/ticket/ticket.types.ts';
import { IsoTime, Latitude, LocalizedName, Longitude, Slug, Text } from './common.contract.ts';

/** Photos a resident may attach to one report. */
export const MAX_PUBLIC_PHOTOS = 3;

/**
 * POST /api/public/reports: a resident's appeal from the /report page. A location (lat and lon) or
 * an address is required. Photos are base64 strings or `data:image/…;base64,…` URLs, at most three;
 * each is checked by its content like every attachment. Name, phone and e-mail reach the operators only.
 */
export const PublicReport = z
  .object({
    categoryId: Slug,
    description: Text(4000),
    lat: Latitude.optional(),
    lon: Longitude.optional(),
    address: Text(300).optional(),
    name: Text(200).optional(),
    phone: z.string().trim().max(40, 'must be at most 40 characters').optional(),
    email: z.email('must be an e-mail address').max(254, 'must be at most 254 characters').optional(),
    photos: z
      .array(z.string({ error: 'must be a base64 string or a data: URL' }))
      .max(MAX_PUBLIC_PHOTOS, `must be at most ${MAX_PUBLIC_PHOTOS} photos`)
      .optional(),
  })
  .strict()
  .refine((r) => (r.lat === undefined) === (r.lon === undefined), {
    message: 'lat and lon come together',
    path: ['lon'],
  })
  .refine((r) => r.lat !== undefined || r.address !== undefined, {
    message: 'a location (lat and lon) or an address is required',
    path: ['address'],
  });
export type PublicReport = z.infer<typeof PublicReport>;

/** What a resident gets back: the number to quote, and where to follow it. Nothing else. */
export const PublicReportCreated = z.object({
  registrationNumber: z.string(),
  statusUrl: z.string(),
});
export type PublicReportCreated = z.infer<typeof PublicReportCreated>;

/** `2026-000123`, as printed on every appeal. */
export const RegistrationNumber = z
  .string()
  .regex(REGISTRATION_NUMBER_LIKE, 'must be a registration number such as 2026-000123');

export const RegistrationNumberParams = z.object({ registrationNumber: RegistrationNumber });

const TicketState = z.enum(TICKET_STATES);

/**
 * One public step of an appeal's history: a change of state and when. Only the resolution, the
 * answer given on first contact and the hold reason are told; never comments, dispute texts, who
 * acted or anything about the resident.
 */
export const PublicTimelineEntry = z.object({
  at: IsoTime,
  /** The event without its `ticket.` prefix (`register`, `assign`, `resolve`…); `timer` for the centre's own deadlines. */
  event: z.string(),
  fromState: TicketState.nullable(),
  state: TicketState,
  resolution: z.string().optional(),
  holdReason: z.string().optional(),
  holdUntil: IsoTime.optional(),
});
export type PublicTimelineEntry = z.infer<typeof PublicTimelineEntry>;

/** GET /api/public/tickets/:registrationNumber: the status page of one appeal. */
export const PublicTicketStatus = z.object({
  registrationNumber: z.string(),
  categoryId: z.string(),
  state: TicketState,
  districtId: z.string().nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  /** When the centre expects it resolved; null once closed or while unknown. */
  resolveDueAt: IsoTime.nullable(),
  closedAt: IsoTime.nullable(),
  /** Photos and documents received with it (they are not published). */
  attachmentCount: z.number().int(),
  timeline: z.array(PublicTimelineEntry),
});
export type PublicTicketStatus = z.infer<typeof PublicTicketStatus>;

const coordinate = (schema: z.ZodNumber) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be given once') })
    .trim()
    .min(1, 'is required')
    .transform(Number)
    .pipe(schema.refine(Number.isFinite, 'must be a number'));

/** GET /api/public/nearby?lat=&lon=&categoryId=: open appeals like the one about to be filed. */
export const NearbyQuery = z
  .object({
    lat: coordinate(
      z.number({ error: 'must be a number' }).min(-90, 'must be ≥ -90').max(90, 'must be ≤ 90'),
    ),
    lon: coordinate(
      z.number({ error: 'must be a number' }).min(-180, 'must be ≥ -180').max(180, 'must be ≤ 180'),
    ),
    categoryId: Slug,
  })
  .strict();
export type NearbyQuery = z.infer<typeof NearbyQuery>;

/** One open appeal near the point: enough to recognise it and follow it instead of filing again. */
export const NearbyAppeal = z.object({
  registrationNumber: z.string(),
  state: TicketState,
  /** Whole metres from the point asked about. */
  distanceM: z.number().int(),
  createdAt: IsoTime,
  statusUrl: z.string(),
});
export const NearbyAppeals = z.object({
  items: z.array(NearbyAppeal),
  radiusM: z.number(),
  windowHours: z.number(),
});
export type NearbyAppeals = z.infer<typeof NearbyAppeals>;

/** GET /api/public/categories: what the report form offers, in display order. */
export const PublicCategories = z.object({
  items: z.array(z.object({ id: z.string(), name: LocalizedName })),
});
export type PublicCategories = z.infer<typeof PublicCategories>;
