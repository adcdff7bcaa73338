import { describe, expect, it } from 'vitest';
import type { CategoryRow } from '../../db/queries/reference.ts';
import { CreateTicket } from '../contracts/ticket.contract.ts';
import { loadDistrictShapes, pointInRing } from '../geo/district-shapes.ts';
import { generateAppeal, randomPointIn } from './appeal-generator.ts';
import { seededRandom } from './random.ts';

const category = (id: string, priority: CategoryRow['priority'], share_weight: number): CategoryRow => ({
  id,
  name_ru: id,
  name_kk: id,
  name_en: id,
  default_agency_id: 'astana-su-arnasy',
  route_to_district_akimat: false,
  priority,
  share_weight,
  sort_order: 1,
});

describe('appeal generator', () => {
  const shapes = loadDistrictShapes();
  const categories = [
    category('flooding', 'emergency', 30),
    category('elevator', 'high', 10),
    category('rare', 'low', 0),
  ];

  it('produces valid appeals inside the district it names, following category weights', () => {
    const random = seededRandom(42);
    const appeals = Array.from({ length: 400 }, () => generateAppeal(categories, shapes, random));
    for (const appeal of appeals) {
      expect(CreateTicket.safeParse(appeal).success).toBe(true);
      const shape = shapes.find((s) => s.id === appeal.districtId)!;
      expect(pointInRing(appeal.lon!, appeal.lat!, shape.ring)).toBe(true);
    }
    const flooding = appeals.filter((a) => a.categoryId === 'flooding').length;
    expect(flooding / appeals.length).toBeGreaterThan(0.65);
    expect(appeals.some((a) => a.categoryId === 'rare')).toBe(false);
    // Emergencies are rarely closed during the call; routine ones usually are.
    const closedShare = (id: string) => {
      const of = appeals.filter((a) => a.categoryId === id);
      return of.filter((a) => a.firstContactAnswer).length / of.length;
    };
    expect(closedShare('flooding')).toBeLessThan(0.25);
    expect(closedShare('elevator')).toBeGreaterThan(0.5);
  });

  it('replays the same appeals from the same seed', () => {
    expect(generateAppeal(categories, shapes, seededRandom(7))).toEqual(
      generateAppeal(categories, shapes, seededRandom(7)),
    );
  });

  it('samples points inside a district outline', () => {
    const random = seededRandom(1);
    const nura = shapes.find((s) => s.id === 'nura')!;
    for (let i = 0; i < 50; i++) {
      const p = randomPointIn(nura, random);
      expect(pointInRing(p.lon, p.lat, nura.ring)).toBe(true);
    }
  });
});
