import { i18n, t } from '../i18n/index.svelte.ts';
import { INTL_TAGS } from '../i18n/messages.ts';
import { elapsedMessage } from '../format/elapsed.ts';
import { reference } from '../reference.svelte.ts';
import { formatChange, formatDay, formatRate, formatShortDay } from './report-format.ts';
import type { ReportGroup } from './report-table.ts';

// Report figures written in the user's language, for templates: a dash where there is no figure.

/** The BCP 47 tag of the current language, for Intl and Chart.js. */
export const localeTag = (): string => INTL_TAGS[i18n.locale];

/** A count with the language's digit grouping. */
export const countText = (value: number): string => i18n.number(value);

/** A rate 0..1 as a percentage, or a dash. */
export const rateText = (rate: number | null): string => formatRate(rate, localeTag()) ?? t('common.none');

/** A signed change ("+12 %"), or a dash. */
export const changeText = (change: number | null): string =>
  formatChange(change, localeTag()) ?? t('common.none');

/** A duration in minutes, in the two largest units ("2 h 5 min"), or a dash. */
export function minutesText(minutes: number | null): string {
  if (minutes === null) return t('common.none');
  const { key, params } = elapsedMessage(new Date(0), new Date(Math.round(minutes * 60_000)));
  return t(key, params);
}

/** A calendar day with its year, and without it for chart axes. */
export const dayText = (date: string): string => formatDay(date, localeTag());
export const shortDayText = (date: string): string => formatShortDay(date, localeTag());

/** The name of a group of a breakdown in the current language (appeals without one say so). */
export function groupName(groupBy: ReportGroup, key: string | null): string {
  if (key === null)
    return t(
      groupBy === 'agency'
        ? 'reports.none.agency'
        : groupBy === 'district'
          ? 'reports.none.district'
          : 'reports.none.other',
    );
  switch (groupBy) {
    case 'agency':
      return reference.agencyName(key);
    case 'category':
      return reference.categoryName(key);
    case 'district':
      return reference.districtName(key);
    case 'channel':
      return i18n.tKey(`channel.${key}`, key);
  }
}

/** A month's name ("ноябрь") from its number 1-12. */
export const monthName = (month: number): string => i18n.tKey(`reports.month.${month}`, String(month));
