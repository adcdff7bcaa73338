import { ResidentLocale } from '../contracts/common.contract.ts';
import { nameIn } from '../i18n/resident-texts.ts';
import { LANGUAGE_PROMPT, botTextsIn } from './bot-texts.ts';
import type { InlineButton, Reply } from './bot-reply.ts';
import { categoryPageRows } from './category-picker.ts';
import {
  BUTTON,
  type Conversation,
  type ConversationEnv,
  type Draft,
  type Step,
} from './conversation.types.ts';

const categoryName = (env: ConversationEnv, id: string | undefined, lang: ResidentLocale) => {
  const category = env.categories.find((c) => c.id === id);
  return category ? nameIn(category, lang) : (id ?? '—');
};

const formatPoint = (lat: number, lon: number) => `${lat.toFixed(5)}, ${lon.toFixed(5)}`;

/** The appeal as the resident is asked to confirm it. */
function summary(draft: Draft, env: ConversationEnv, lang: ResidentLocale): string {
  const t = botTextsIn(lang);
  const place =
    draft.address ??
    (draft.lat !== undefined && draft.lon !== undefined ? formatPoint(draft.lat, draft.lon) : '—');
  return [
    t.confirmPrompt,
    '',
    `${t.summary.category}: ${categoryName(env, draft.categoryId, lang)}`,
    `${t.summary.location}: ${place}`,
    `${t.summary.photo}: ${draft.photo ? t.photoAttached : t.photoNone}`,
    `${t.summary.description}: ${draft.description ?? '—'}`,
  ].join('\n');
}

const languageRows = (): InlineButton[][] => [
  ResidentLocale.options.map((lang) => ({
    text: botTextsIn(lang).languageName,
    data: BUTTON.language(lang),
  })),
];

/** The message that asks for what `step` needs. */
export function prompt(step: Step, c: Conversation, env: ConversationEnv): Reply {
  const t = botTextsIn(c.locale);
  switch (step) {
    case 'idle':
      return { text: t.idle };
    case 'language':
      return { text: LANGUAGE_PROMPT, keyboard: { kind: 'inline', rows: languageRows() } };
    case 'category':
      return {
        text: t.categoryPrompt,
        keyboard: { kind: 'inline', rows: categoryPageRows(env.categories, c.locale, 0) },
      };
    case 'location':
      return {
        text: t.locationPrompt(categoryName(env, c.draft.categoryId, c.locale)),
        keyboard: { kind: 'location', label: t.locationButton },
      };
    case 'photo':
      return {
        text: t.photoPrompt,
        keyboard: { kind: 'inline', rows: [[{ text: t.skipButton, data: BUTTON.skipPhoto }]] },
      };
    case 'description':
      return { text: t.descriptionPrompt };
    case 'confirm':
      return {
        text: summary(c.draft, env, c.locale),
        keyboard: {
          kind: 'inline',
          rows: [
            [
              { text: t.sendButton, data: BUTTON.send },
              { text: t.cancelButton, data: BUTTON.cancel },
            ],
          ],
        },
      };
  }
}
