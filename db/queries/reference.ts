import type { Sql } from '../client.ts';

/** Reference rows as stored: snake_case columns straight from the tables. */
export interface DistrictRow {
  id: string;
  name_ru: string;
  name_kk: string;
  name_en: string;
  center_lat: number;
  center_lon: number;
}
export interface AgencyRow {
  id: string;
  name_ru: string;
  name_kk: string;
  name_en: string;
  short_name_ru: string | null;
  short_name_kk: string | null;
  short_name_en: string | null;
  kind: 'utility' | 'akimat' | 'city_service' | 'emergency';
  district_id: string | null;
  phone: string | null;
}
export interface CategoryRow {
  id: string;
  name_ru: string;
  name_kk: string;
  name_en: string;
  default_agency_id: string | null;
  route_to_district_akimat: boolean;
  priority: 'emergency' | 'high' | 'normal' | 'low';
  share_weight: number;
  sort_order: number;
}

/** All districts, by name. */
export const listDistricts = (db: Sql) => db.query<DistrictRow>('select * from districts order by name_en');

/** All agencies, city-wide services first. */
export const listAgencies = (db: Sql) =>
  db.query<AgencyRow>("select * from agencies order by kind = 'akimat', name_en");

/** All categories in display order. */
export const listCategories = (db: Sql) =>
  db.query<CategoryRow>('select * from categories order by sort_order, name_en');

/** One category, or undefined. */
export async function findCategory(db: Sql, id: string): Promise<CategoryRow | undefined> {
  return (await db.query<CategoryRow>('select * from categories where id = $1', [id]))[0];
}

/** One agency, or undefined. */
export async function findAgency(db: Sql, id: string): Promise<AgencyRow | undefined> {
  return (await db.query<AgencyRow>('select * from agencies where id = $1', [id]))[0];
}

/** One district, or undefined. */
export async function findDistrict(db: Sql, id: string): Promise<DistrictRow | undefined> {
  return (await db.query<DistrictRow>('select * from districts where id = $1', [id]))[0];
}

/** The akimat (district administration) responsible for `districtId`, if one is on file. */
export async function findDistrictAkimat(db: Sql, districtId: string): Promise<AgencyRow | undefined> {
  const rows = await db.query<AgencyRow>(
    "select * from agencies where kind = 'akimat' and district_id = $1 order by id limit 1",
    [districtId],
  );
  return rows[0];
}
