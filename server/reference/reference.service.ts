import type { Sql } from '../../db/client.ts';
import { listAgencies, listCategories, listDistricts } from '../../db/queries/reference.ts';
import type { ReferenceData } from '../contracts/reference.contract.ts';

/** Districts, agencies and categories in their wire form. */
export async function loadReferenceData(db: Sql): Promise<ReferenceData> {
  const [districts, agencies, categories] = await Promise.all([
    listDistricts(db),
    listAgencies(db),
    listCategories(db),
  ]);
  return {
    districts: districts.map((d) => ({
      id: d.id,
      name: { ru: d.name_ru, kk: d.name_kk, en: d.name_en },
      center: { lat: d.center_lat, lon: d.center_lon },
    })),
    agencies: agencies.map((a) => ({
      id: a.id,
      name: { ru: a.name_ru, kk: a.name_kk, en: a.name_en },
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
      ackDeadlineMinutes: c.ack_deadline_minutes,
      resolveDeadlineMinutes: c.resolve_deadline_minutes,
      shareWeight: c.share_weight,
    })),
  };
}
