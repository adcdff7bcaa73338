import { ResidentLocale } from '../contracts/common.contract.ts';
import { botTextsIn } from './bot-texts.ts';
import type { Reply } from './bot-reply.ts';
import { categoryPageRows, matchRows, searchCategories } from './category-picker.ts';
import { prompt } from './conversation-prompts.ts';
import {
  ADDRESS_CHARS,
  BUTTON,
  DESCRIPTION_CHARS,
  nextStep,
  PLACE_BUTTONS,
  REGISTRATION_NUMBER,
  type Conversation,
  type ConversationEnv,
  type Draft,
  type Outcome,
  type Step,
} from './conversation.types.ts';
import type { BotInput } from './telegram-update.contract.ts';

const stay = (c: Conversation, replies: Reply[], extra: Partial<Outcome> = {}): Outcome => ({
  conversation: c,
  changed: false,
  replies,
  effect: null,
  ...extra,
});

/** Moves to the step the draft needs next, with `before` said first. */
function moveOn(c: Conversation, draft: Draft, env: ConversationEnv, before: Reply[] = []): Outcome {
  const step = nextStep(draft);
  const next: Conversation = { ...c, step, draft };
  return { conversation: next, changed: true, replies: [...before, prompt(step, next, env)], effect: null };
}

const restart = (c: Conversation, step: Step, draft: Draft): Conversation => ({ ...c, step, draft });

/**
 * The bot's conversation with one resident, as an explicit state machine: `step` is the state, the
 * draft is its context, `advance` the transition. It is pure (no I/O): the caller loads the row,
 * advances it, stores the result and then sends the replies, so a restart mid-conversation loses
 * nothing and a test runs it without Telegram.
 *
 * `advance` is what one input from the resident does to the conversation.
 */
export function advance(c: Conversation, input: BotInput, env: ConversationEnv): Outcome {
  const t = botTextsIn(c.locale);
  if (input.kind === 'command') {
    switch (input.command) {
      case 'start': {
        const next = restart(c, 'language', { filing: true });
        return {
          conversation: next,
          changed: true,
          replies: [{ text: t.greeting, keyboard: { kind: 'remove' } }, prompt('language', next, env)],
          effect: null,
        };
      }
      case 'new':
        return moveOn(restart(c, 'idle', { filing: true }), { filing: true }, env);
      case 'cancel':
        if (c.step === 'idle') return stay(c, [prompt('idle', c, env)]);
        return {
          conversation: restart(c, 'idle', { filing: false }),
          changed: true,
          replies: [{ text: t.cancelled, keyboard: { kind: 'remove' } }],
          effect: null,
        };
      case 'language': {
        const next = restart(c, 'language', c.draft);
        return { conversation: next, changed: true, replies: [prompt('language', next, env)], effect: null };
      }
      case 'status':
        return stay(c, [], { effect: { type: 'status', query: input.arg } });
      case 'help':
        return stay(c, [{ text: t.help }]);
    }
  }
  if (input.kind === 'button' && input.data === 'noop') return stay(c, [], { buttonNotice: '' });
  return STEP_HANDLERS[c.step](c, input, env);
}

type StepHandler = (c: Conversation, input: BotInput, env: ConversationEnv) => Outcome;

/** The draft without the places offered for a typed address (the location is settled). */
function withoutPlaceSearch(draft: Draft): Draft {
  const { placeOptions: _options, typedAddress: _typed, placeSearch: _search, ...rest } = draft;
  return rest;
}

/**
 * The places the gazetteer found for a typed address, as buttons (the first sets the point and the
 * address), and one to keep the text as typed; when nothing is found, how to ask better. The step
 * stays at the location: a shared location or another address still answers it.
 */
function offerPlaces(c: Conversation, address: string, env: ConversationEnv): Outcome {
  const t = botTextsIn(c.locale);
  // The stored version is unique to this moment of the chat (across appeals): it names the search.
  const search = c.version;
  const options = env.places.slice(0, PLACE_BUTTONS);
  const draft: Draft = { ...c.draft, placeOptions: options, typedAddress: address, placeSearch: search };
  const keepTyped = [{ text: t.keepTypedButton, data: BUTTON.placeTyped(search) }];
  const rows = [
    ...options.map((place, i) => [{ text: place.address, data: BUTTON.place(search, i) }]),
    keepTyped,
  ];
  const reply: Reply = {
    text: options.length > 0 ? t.placeMatches(address) : t.placeNotFound(address),
    keyboard: { kind: 'inline', rows },
  };
  return { conversation: { ...c, draft }, changed: true, replies: [reply], effect: null };
}

/** A tapped button that does not belong to this step: a notice, nothing else changes. */
const staleButton = (c: Conversation) => stay(c, [], { buttonNotice: botTextsIn(c.locale).staleButton });

/** Input a step does not take: its prompt again (a tapped old button only gets a notice). */
const repeat = (c: Conversation, input: BotInput, env: ConversationEnv, before: Reply[] = []) =>
  input.kind === 'button' ? staleButton(c) : stay(c, [...before, prompt(c.step, c, env)]);

const STEP_HANDLERS: Record<Step, StepHandler> = {
  idle(c, input, env) {
    if (input.kind === 'text' && REGISTRATION_NUMBER.test(input.text.trim())) {
      return stay(c, [], { effect: { type: 'status', query: input.text.trim() } });
    }
    return repeat(c, input, env);
  },

  language(c, input, env) {
    const lang =
      input.kind === 'button'
        ? ResidentLocale.options.find((l) => input.data === BUTTON.language(l))
        : undefined;
    if (!lang) return repeat(c, input, env);
    const chosen = { ...c, locale: lang };
    const said = { text: botTextsIn(lang).languageSet };
    if (!c.draft.filing) {
      return { conversation: restart(chosen, 'idle', c.draft), changed: true, replies: [said], effect: null };
    }
    return moveOn(chosen, c.draft, env, [said]);
  },

  category(c, input, env) {
    if (input.kind === 'button') {
      const page = /^catpage:(\d{1,3})$/.exec(input.data);
      if (page) {
        const rows = categoryPageRows(env.categories, c.locale, Number(page[1]));
        const reply: Reply = {
          text: botTextsIn(c.locale).categoryPrompt,
          keyboard: { kind: 'inline', rows },
        };
        if (input.messageId !== null) reply.editMessageId = input.messageId;
        return stay(c, [reply], { buttonNotice: '' });
      }
      const category = env.categories.find((cat) => input.data === `cat:${cat.id}`);
      if (!category) return staleButton(c);
      return moveOn(c, { ...c.draft, categoryId: category.id }, env);
    }
    if (input.kind === 'text') {
      const query = input.text.trim().slice(0, 100);
      const matches = searchCategories(env.categories, query);
      const t = botTextsIn(c.locale);
      if (matches.length === 0) {
        return stay(c, [
          {
            text: t.categoryNoMatch(query),
            keyboard: { kind: 'inline', rows: categoryPageRows(env.categories, c.locale, 0) },
          },
        ]);
      }
      return stay(c, [
        { text: t.categoryMatches(query), keyboard: { kind: 'inline', rows: matchRows(matches, c.locale) } },
      ]);
    }
    return repeat(c, input, env);
  },

  location(c, input, env) {
    const t = botTextsIn(c.locale);
    const settled = withoutPlaceSearch(c.draft);
    if (input.kind === 'location') {
      if (!env.inCity(input.lat, input.lon)) {
        return stay(c, [{ text: t.outsideCity, keyboard: { kind: 'location', label: t.locationButton } }]);
      }
      const { address: _dropped, ...rest } = settled;
      return moveOn(c, { ...rest, lat: input.lat, lon: input.lon }, env, [
        { text: t.locationReceived, keyboard: { kind: 'remove' } },
      ]);
    }
    if (input.kind === 'text') {
      const address = input.text.trim();
      if (address.length < ADDRESS_CHARS.min || address.length > ADDRESS_CHARS.max) {
        return stay(c, [{ text: t.addressLength, keyboard: { kind: 'location', label: t.locationButton } }]);
      }
      return offerPlaces(c, address, env);
    }
    if (input.kind === 'button') {
      const chosen = /^place:(\d{1,6}):(\d|typed)$/.exec(input.data);
      if (!chosen || Number(chosen[1]) !== c.draft.placeSearch || c.draft.typedAddress === undefined) {
        return staleButton(c);
      }
      const { lat: _lat, lon: _lon, ...rest } = settled;
      if (chosen[2] === 'typed') {
        return {
          ...moveOn(c, { ...rest, address: c.draft.typedAddress }, env, [
            { text: t.addressReceived, keyboard: { kind: 'remove' } },
          ]),
          buttonNotice: '',
        };
      }
      const place = c.draft.placeOptions?.[Number(chosen[2])];
      if (!place) return staleButton(c);
      return {
        ...moveOn(c, { ...rest, lat: place.lat, lon: place.lon, address: place.address }, env, [
          { text: t.placeChosen(place.address), keyboard: { kind: 'remove' } },
        ]),
        buttonNotice: '',
      };
    }
    return repeat(c, input, env);
  },

  photo(c, input, env) {
    const t = botTextsIn(c.locale);
    if (input.kind === 'photo') {
      const caption = input.caption?.trim() ?? '';
      const described = caption.length >= DESCRIPTION_CHARS.min && caption.length <= DESCRIPTION_CHARS.max;
      return moveOn(
        c,
        {
          ...c.draft,
          photo: { fileId: input.fileId, fileUniqueId: input.fileUniqueId },
          ...(described && { description: caption }),
        },
        env,
        [{ text: t.photoReceived }],
      );
    }
    if (input.kind === 'button' && input.data === BUTTON.skipPhoto) {
      return { ...moveOn(c, { ...c.draft, photo: null }, env), buttonNotice: '' };
    }
    return repeat(c, input, env, input.kind === 'text' ? [{ text: t.photoExpected }] : []);
  },

  description(c, input, env) {
    if (input.kind !== 'text') return repeat(c, input, env);
    const description = input.text.trim();
    if (description.length < DESCRIPTION_CHARS.min || description.length > DESCRIPTION_CHARS.max) {
      return stay(c, [{ text: botTextsIn(c.locale).descriptionLength(description.length) }]);
    }
    return moveOn(c, { ...c.draft, description }, env);
  },

  confirm(c, input, env) {
    if (input.kind === 'button' && input.data === BUTTON.send && nextStep(c.draft) === 'confirm') {
      return {
        conversation: restart(c, 'idle', { filing: false }),
        changed: true,
        replies: [],
        effect: { type: 'submit', draft: c.draft },
        buttonNotice: '',
      };
    }
    if (input.kind === 'button' && input.data === BUTTON.cancel) {
      return {
        conversation: restart(c, 'idle', { filing: false }),
        changed: true,
        replies: [{ text: botTextsIn(c.locale).cancelled }],
        effect: null,
        buttonNotice: '',
      };
    }
    return repeat(c, input, env);
  },
};
