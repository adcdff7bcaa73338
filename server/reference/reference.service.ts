import type { Sql } from '../../db/client.ts';
import { listAgencies, listCategories, listDistricts } from '../../db/queries/reference.ts';
import { listCategoryDeadlines } from '../../db/queries/sla.ts';
import type { ReferenceData } from '../contracts/reference.contract.ts';

/** Districts, agencies and categories in their wire form. */
export async function loadReferenceData(db: Sql): Promise<ReferenceData> {
  const [districts, agencies, categories, deadlines] = await Promise.all([
    listDistricts(db),
    listAgencies(db),
    listCategories(db),
    listCategoryDeadlines(db),
  ]);
  const byCategory = new Map(deadlines.map((d) => [d.category_id, d]));
  const slaOf = (categoryId: string) => {
    const d = byCategory.get(categoryId);
    return {
      ackMinutes: d?.ack_minutes ?? 0,
      resolveMinutes: d?.resolve_minutes ?? 0,
      measure: d?.measure ?? 'elapsed',
      warnFraction: d?.warn_fraction ?? 0,
    };
  };
  return {
    districts: districts.map((d) => ({
      id: d.id,
      name: { ru: d.name_ru, kk: d.name_kk, en: d.name_en },
      center: { lat: d.center_lat, lon: d.center_lon },
    })),
    agencies: agencies.map((a) => ({
      id: a.id,
      name: { ru: a.name_ru, kk: a.name_kk, en: a.name_en },
      shortName:
        a.short_name_ru && a.short_name_kk && a.short_name_en
          ? { ru: a.short_name_ru, kk: a.short_name_kk, en: a.short_name_en }
          : null,
      kind: a.kind,
      districtId: a.district_id,
      phone: a.phone,
    })),
    categories: categories.map((c) => ({
      id: c.id,
      name: { ru: c.name_ru, kk: c.name_kk, en: c.name_en },
      defaultAgencyId: c.default_agency_id,
      routeToDistrictAkimat: c.route_to_district_akimat,
      priority: c.priority,
      sla: slaOf(c.id),
      shareWeight: c.share_weight,
    })),
  };
}
