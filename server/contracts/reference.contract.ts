import { z } from 'zod';
import { PRIORITIES } from '../../workflows/sla/ticket-sla.ts';
import { LocalizedName } from './common.contract.ts';

export const District = z.object({
  id: z.string(),
  name: LocalizedName,
  center: z.object({ lat: z.number(), lon: z.number() }),
});
export type District = z.infer<typeof District>;

export const AgencyKind = z.enum(['utility', 'akimat', 'city_service', 'emergency']);

export const Agency = z.object({
  id: z.string(),
  name: LocalizedName,
  /** What a wall or a narrow column shows; null: the full name serves. */
  shortName: LocalizedName.nullable(),
  kind: AgencyKind,
  districtId: z.string().nullable(),
  phone: z.string().nullable(),
});
export type Agency = z.infer<typeof Agency>;

export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

export const Category = z.object({
  id: z.string(),
  name: LocalizedName,
  defaultAgencyId: z.string().nullable(),
  routeToDistrictAkimat: z.boolean(),
  priority: Priority,
  /** The deadlines a new appeal of this category gets at its usual priority. */
  sla: z.object({
    ackMinutes: z.number().int(),
    resolveMinutes: z.number().int(),
    /** elapsed: wall-clock minutes; business: minutes of the agency's working hours. */
    measure: z.enum(['elapsed', 'business']),
    warnFraction: z.number(),
  }),
  shareWeight: z.number().int(),
});
export type Category = z.infer<typeof Category>;

/** Everything a console needs to label tickets, fetched once. */
export const ReferenceData = z.object({
  districts: z.array(District),
  agencies: z.array(Agency),
  categories: z.array(Category),
});
export type ReferenceData = z.infer<typeof ReferenceData>;
