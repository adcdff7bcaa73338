import type { Sql } from '../../db/client.ts';
import { findDistrictAkimat, type CategoryRow } from '../../db/queries/reference.ts';

/**
 * The agency a new ticket goes to: the district's akimat for categories that are the district's
 * business (yards, courtyards), otherwise the category's default agency; null leaves it for an operator.
 */
export async function routeTicket(
  tx: Sql,
  category: CategoryRow,
  districtId: string | null,
): Promise<string | null> {
  if (category.route_to_district_akimat && districtId) {
    const akimat = await findDistrictAkimat(tx, districtId);
    if (akimat) return akimat.id;
  }
  return category.default_agency_id;
}
