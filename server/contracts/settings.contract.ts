import { z } from 'zod';

/** Settings the web app needs before it can draw anything (no secrets). */
export const PublicSettings = z.object({
  tileUrl: z.string(),
  tileAttribution: z.string(),
  cityTimeZone: z.string(),
  firstContactTarget: z.number(),
});
export type PublicSettings = z.infer<typeof PublicSettings>;
