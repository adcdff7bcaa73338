import { i18n } from '../i18n/index.svelte.ts';
import type { Say } from './report-errors.ts';

/** A form message as text in the current language. */
export const sayText = (say: Say): string => ('key' in say ? i18n.t(say.key, say.params) : say.text);
