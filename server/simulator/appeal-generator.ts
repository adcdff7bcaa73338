import type { CreateTicket } from '../contracts/ticket.contract.ts';
import type { CategoryRow } from '../../db/queries/reference.ts';
import { pointInRing, ringBounds, type DistrictShape } from '../geo/district-shapes.ts';
import { APPEAL_TEXTS, ASTANA_STREETS, FIRST_CONTACT_ANSWERS, GENERIC_APPEAL_TEXT } from './appeal-texts.ts';
import { pickOne, pickWeighted, type Random } from './random.ts';

// Share of appeals per channel: most still come by phone to 109.
const CHANNEL_WEIGHTS = { phone: 60, telegram: 16, web: 14, social: 10 } as const;

// Chance that the appeal is answered at first contact, by priority; enquiries nearly always are.
// Tuned so the demo lands near two thirds, below Astana's 77% and its 85% target.
const FIRST_CONTACT_CHANCE = { emergency: 0.1, high: 0.75, normal: 0.9, low: 0.95 } as const;
const ENQUIRY_CATEGORIES = new Set(['status-enquiry', 'information-request']);

// District weights roughly follow population: the left bank and Almaty district are the busiest.
const DISTRICT_WEIGHTS: Record<string, number> = {
  almaty: 26,
  saryarka: 22,
  yesil: 22,
  baikonur: 18,
  nura: 12,
};

/** A random point inside a district's outline (rejection sampling within its bounding box). */
export function randomPointIn(shape: DistrictShape, random: Random): { lat: number; lon: number } {
  const [west, south, east, north] = ringBounds(shape.ring);
  for (let attempt = 0; attempt < 200; attempt++) {
    const lon = west + random() * (east - west);
    const lat = south + random() * (north - south);
    if (pointInRing(lon, lat, shape.ring)) return { lat: round(lat), lon: round(lon) };
  }
  const [lon, lat] = shape.ring[0]!;
  return { lat, lon };
}

const round = (x: number) => Math.round(x * 1e5) / 1e5;

/** A plausible Astana appeal: category by the centre's mix, a place inside a district, a channel and a text. */
export function generateAppeal(
  categories: readonly CategoryRow[],
  shapes: readonly DistrictShape[],
  random: Random,
): CreateTicket {
  const category = pickWeighted(categories, (c) => c.share_weight, random);
  const shape = pickWeighted(shapes, (s) => DISTRICT_WEIGHTS[s.id] ?? 10, random);
  const channel = pickWeighted(
    Object.keys(CHANNEL_WEIGHTS) as (keyof typeof CHANNEL_WEIGHTS)[],
    (c) => CHANNEL_WEIGHTS[c],
    random,
  );
  const chance = ENQUIRY_CATEGORIES.has(category.id) ? 0.95 : FIRST_CONTACT_CHANCE[category.priority];
  const closeAtOnce = random() < chance;
  return {
    categoryId: category.id,
    channel,
    description: pickOne(APPEAL_TEXTS[category.id] ?? [GENERIC_APPEAL_TEXT], random),
    ...randomPointIn(shape, random),
    address: `${pickOne(ASTANA_STREETS, random)}, ${1 + Math.floor(random() * 120)}`,
    districtId: shape.id,
    ...(closeAtOnce && { firstContactAnswer: pickOne(FIRST_CONTACT_ANSWERS, random) }),
  };
}
