import type { LocalizedName } from '#contracts/common.contract.ts';
import type { PublicCategories, PublicTicketStatus } from '#contracts/public.contract.ts';
import { api, ApiError } from '../../../lib/api.ts';
import { i18n } from '../../../lib/i18n/index.svelte.ts';
import { loadDistrictNames } from '../../../lib/report/district-names.ts';
import {
  isRegistrationNumber,
  normalizeRegistrationNumber,
} from '../../../lib/report/registration-number.ts';
import type { PageLoad } from './$types';

/** What the status page shows: the appeal, or why there is none. */
export type StatusPage =
  | {
      kind: 'found';
      status: PublicTicketStatus;
      categories: PublicCategories['items'];
      districts: ReadonlyMap<string, LocalizedName>;
    }
  | { kind: 'not_found' | 'malformed'; number: string };

// No login. A number that cannot be one is answered here, without asking the server.
export const load: PageLoad = async ({ params, fetch }): Promise<StatusPage> => {
  const number = normalizeRegistrationNumber(params.number);
  if (!isRegistrationNumber(number)) return { kind: 'malformed', number: params.number };
  const [settings, categories, districts, status] = await Promise.all([
    api.settings(),
    api.publicCategories(),
    loadDistrictNames(fetch),
    api.publicTicket(number).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }),
  ]);
  i18n.timeZone = settings.cityTimeZone;
  if (!status) return { kind: 'not_found', number };
  return { kind: 'found', status, categories: categories.items, districts };
};
