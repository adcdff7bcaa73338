import { z } from 'zod';
import type { ResidentLocale } from '../contracts/common.contract.ts';
import type { Reply } from './bot-reply.ts';
import type { PickerCategory } from './category-picker.ts';

/**
 * The states of a chat's conversation: `idle` between appeals, then one step per thing the appeal
 * needs, in order (the draft decides which comes next, so a step already answered is skipped).
 */
export const STEPS = ['idle', 'language', 'category', 'location', 'photo', 'description', 'confirm'] as const;
export type Step = (typeof STEPS)[number];

/** The limits of what a resident types. */
export const DESCRIPTION_CHARS = { min: 3, max: 2000 } as const;
export const ADDRESS_CHARS = { min: 3, max: 300 } as const;

/** A place the gazetteer found for a typed address: its point, and the address text in the chat's language. */
export const PlaceChoice = z.object({ lat: z.number(), lon: z.number(), address: z.string() });
export type PlaceChoice = z.infer<typeof PlaceChoice>;

/** The most places offered as buttons for one typed address. */
export const PLACE_BUTTONS = 5;

/** The appeal so far, stored as JSON (and parsed when read back). */
export const Draft = z.object({
  /** An appeal is being filed (the language step leads on to it rather than back to idle). */
  filing: z.boolean().default(false),
  categoryId: z.string().optional(),
  lat: z.number().optional(),
  lon: z.number().optional(),
  address: z.string().optional(),
  /** The largest size of the photo; null when the resident skipped it, absent before they were asked. */
  photo: z.object({ fileId: z.string(), fileUniqueId: z.string() }).nullable().optional(),
  description: z.string().optional(),
  /**
   * The places the gazetteer offered for the address typed at the location step, and that text
   * (kept when the resident chooses it as typed); `placeSearch` names the search (the conversation's
   * version when it was offered), so a button of an earlier search is known to be stale. All three
   * go once the location is settled.
   */
  placeOptions: z.array(PlaceChoice).max(PLACE_BUTTONS).optional(),
  typedAddress: z.string().optional(),
  placeSearch: z.number().int().nonnegative().optional(),
});
export type Draft = z.infer<typeof Draft>;

/** A chat's conversation; `version` 0 until it is first stored. */
export interface Conversation {
  chatId: number;
  locale: ResidentLocale;
  step: Step;
  draft: Draft;
  version: number;
}

/** What the machine needs to know about the world, loaded by the caller. */
export interface ConversationEnv {
  categories: readonly PickerCategory[];
  /**
   * Whether a point is in the city, by the test every door applies (server/geo/city-bounds.ts); the
   * caller checks the update's shared location before the machine asks.
   */
  inCity(lat: number, lon: number): boolean;
  /**
   * What the gazetteer found for the text of this update, best first (at most PLACE_BUTTONS); the
   * caller looks it up when the conversation is at the location step, and leaves it empty otherwise.
   */
  places: readonly PlaceChoice[];
}

/** Work the caller does after storing the conversation. */
export type Effect =
  /** File the draft as a ticket (it is complete); the stored conversation is already back to idle. */
  | { type: 'submit'; draft: Draft }
  /** Look up an appeal: a registration number, or the chat's latest appeal when empty. */
  | { type: 'status'; query: string };

/** The result of one input. */
export interface Outcome {
  conversation: Conversation;
  /** False when nothing needs storing. */
  changed: boolean;
  replies: Reply[];
  effect: Effect | null;
  /** The answer to a tapped button (a short notice, or empty to just stop its spinner). */
  buttonNotice?: string;
}

/** The callback data of the conversation's own buttons. */
export const BUTTON = {
  language: (lang: ResidentLocale) => `lang:${lang}`,
  skipPhoto: 'photo:skip',
  /** The `index`th place offered by the search `search`. */
  place: (search: number, index: number) => `place:${search}:${index}`,
  /** The address typed for the search `search`, kept as typed. */
  placeTyped: (search: number) => `place:${search}:typed`,
  send: 'confirm:send',
  cancel: 'confirm:cancel',
} as const;

/** Registration numbers as the engine writes them: the year, a dash, six or more digits. */
import { REGISTRATION_NUMBER_LIKE as REGISTRATION_NUMBER } from '../engine/registration-number.ts';

export { REGISTRATION_NUMBER };

/** The step a draft is missing next. */
export function nextStep(draft: Draft): Step {
  if (!draft.categoryId) return 'category';
  if (draft.lat === undefined && draft.address === undefined) return 'location';
  if (draft.photo === undefined) return 'photo';
  if (!draft.description) return 'description';
  return 'confirm';
}

/** A new conversation for a chat the bot has not talked to. */
export const newConversation = (chatId: number, locale: ResidentLocale): Conversation => ({
  chatId,
  locale,
  step: 'idle',
  draft: { filing: false },
  version: 0,
});
