import type { LocalizedName } from '#contracts/common.contract.ts';
import type { PublicSettings } from '#contracts/settings.contract.ts';
import type { Agency, Category, District, ReferenceData } from '#contracts/reference.contract.ts';
import { api } from './api.ts';
import { i18n } from './i18n/index.svelte.ts';

/** Districts, agencies, categories and display settings: loaded once per page load, then looked up by id. */
class ReferenceStore {
  data = $state.raw<ReferenceData>({ districts: [], agencies: [], categories: [] });
  settings = $state.raw<PublicSettings | null>(null);
  #loading: Promise<void> | null = null;
  #categories = $derived(new Map(this.data.categories.map((c) => [c.id, c])));
  #agencies = $derived(new Map(this.data.agencies.map((a) => [a.id, a])));
  #districts = $derived(new Map(this.data.districts.map((d) => [d.id, d])));

  /** Loads reference data and settings unless already loaded (concurrent callers share one request). */
  ensure(): Promise<void> {
    this.#loading ??= Promise.all([api.reference(), api.settings()])
      .then(([data, settings]) => {
        this.data = data;
        this.settings = settings;
        i18n.timeZone = settings.cityTimeZone;
      })
      .catch((err: unknown) => {
        this.#loading = null;
        throw err;
      });
    return this.#loading;
  }

  /** Lookups by id; undefined for an unknown or missing id. */
  category = (id: string | null | undefined): Category | undefined =>
    id ? this.#categories.get(id) : undefined;
  agency = (id: string | null | undefined): Agency | undefined => (id ? this.#agencies.get(id) : undefined);
  district = (id: string | null | undefined): District | undefined =>
    id ? this.#districts.get(id) : undefined;

  /** Lists for selects, sorted by name in the current language. */
  categoriesByName = $derived(sortByName(this.data.categories));
  agenciesByName = $derived(sortByName(this.data.agencies));
  districtsByName = $derived(sortByName(this.data.districts));

  /** Names in the current language; an unknown id shows as itself, a missing one as a dash. */
  categoryName = (id: string | null | undefined): string => nameOf(this.category(id), id);
  agencyName = (id: string | null | undefined): string => nameOf(this.agency(id), id);
  /** The agency's short name where a column is narrow (the wall's board), else its full name. */
  agencyShortName = (id: string | null | undefined): string => {
    const short = this.agency(id)?.shortName;
    return short ? i18n.name(short) : this.agencyName(id);
  };
  districtName = (id: string | null | undefined): string => nameOf(this.district(id), id);
}

function sortByName<T extends { name: LocalizedName }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => i18n.name(a.name).localeCompare(i18n.name(b.name), i18n.locale));
}

function nameOf(item: { name: LocalizedName } | undefined, id: string | null | undefined): string {
  if (item) return i18n.name(item.name);
  return id ?? i18n.t('common.none');
}

/** The one reference store of the app. */
export const reference = new ReferenceStore();
