import { api } from '../../lib/api.ts';
import { i18n } from '../../lib/i18n/index.svelte.ts';
import type { PageLoad } from './$types';

// No login: the map's tiles and the city's time zone, and the categories in three languages.
export const load: PageLoad = async () => {
  const [settings, categories] = await Promise.all([api.settings(), api.publicCategories()]);
  i18n.timeZone = settings.cityTimeZone;
  return { settings, categories: categories.items };
};
