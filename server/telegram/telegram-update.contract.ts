import { z } from 'zod';

// The part of a Telegram Update the bot reads (https://core.telegram.org/bots/api#update). Objects
// are loose: Telegram adds fields over time, and an update carrying them must still parse.
const ChatId = z.number().int().safe();

const User = z.looseObject({
  id: ChatId,
  language_code: z.string().max(35).optional(),
});

const Chat = z.looseObject({ id: ChatId, type: z.string() });

const PhotoSize = z.looseObject({
  file_id: z.string().min(1).max(500),
  file_unique_id: z.string().min(1).max(200),
  width: z.number().int().nonnegative(),
  height: z.number().int().nonnegative(),
});

const Message = z.looseObject({
  message_id: z.number().int(),
  chat: Chat,
  from: User.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  location: z
    .looseObject({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
    })
    .optional(),
  photo: z.array(PhotoSize).optional(),
});

const CallbackQuery = z.looseObject({
  id: z.string().min(1),
  from: User,
  data: z.string().optional(),
  message: z.looseObject({ message_id: z.number().int(), chat: Chat }).optional(),
});

/** A Telegram update as a webhook or getUpdates delivers it, reduced to what the bot reads. */
export const TelegramUpdate = z.looseObject({
  update_id: z.number().int().nonnegative().safe(),
  message: Message.optional(),
  callback_query: CallbackQuery.optional(),
});
export type TelegramUpdate = z.infer<typeof TelegramUpdate>;

/** The bot's commands. */
export const BOT_COMMANDS = ['start', 'new', 'cancel', 'status', 'language', 'help'] as const;
export type BotCommand = (typeof BOT_COMMANDS)[number];

/** What the resident did, as the conversation sees it. */
export type BotInput =
  | { kind: 'command'; command: BotCommand; arg: string }
  | { kind: 'text'; text: string }
  | { kind: 'location'; lat: number; lon: number }
  | { kind: 'photo'; fileId: string; fileUniqueId: string; caption: string | null }
  /** A tap on an inline button; `messageId` is the message that carried it. */
  | { kind: 'button'; data: string; callbackQueryId: string; messageId: number | null }
  /** Anything else (a sticker, a voice note, an unknown command): answered with the current prompt. */
  | { kind: 'other' };

/** One update addressed to the bot: who sent it, from which chat, and what they did. */
export interface BotUpdate {
  updateId: number;
  chatId: number;
  /** The language of the resident's Telegram app (IETF tag), when it says. */
  languageCode: string | null;
  input: BotInput;
}

const COMMAND = /^\/([A-Za-z_]+)(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/;

/** The command of a text starting with `/`, or null when it is plain text. */
function toCommand(text: string): BotInput | null {
  const match = COMMAND.exec(text.trim());
  if (!match) return null;
  const name = match[1]!.toLowerCase();
  const command = BOT_COMMANDS.find((c) => c === name);
  return command ? { kind: 'command', command, arg: (match[2] ?? '').trim() } : { kind: 'other' };
}

/** The largest size of a photo: Telegram lists them from the smallest up, but do not rely on it. */
function largest(photo: readonly z.infer<typeof PhotoSize>[]) {
  return photo.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
}

/**
 * What an update means to the bot, or null when it is nothing the bot answers: an update of
 * another kind (an edited message, a member change), or one from a group rather than a private chat.
 */
export function toBotUpdate(update: TelegramUpdate): BotUpdate | null {
  const { message, callback_query: query } = update;
  if (query) {
    if (!query.message || query.message.chat.type !== 'private') return null;
    return {
      updateId: update.update_id,
      chatId: query.message.chat.id,
      languageCode: query.from.language_code ?? null,
      input: {
        kind: 'button',
        data: query.data ?? '',
        callbackQueryId: query.id,
        messageId: query.message.message_id,
      },
    };
  }
  if (!message || message.chat.type !== 'private') return null;
  const base = {
    updateId: update.update_id,
    chatId: message.chat.id,
    languageCode: message.from?.language_code ?? null,
  };
  if (message.text !== undefined) {
    return { ...base, input: toCommand(message.text) ?? { kind: 'text', text: message.text } };
  }
  if (message.location) {
    return {
      ...base,
      input: { kind: 'location', lat: message.location.latitude, lon: message.location.longitude },
    };
  }
  if (message.photo && message.photo.length > 0) {
    const photo = largest(message.photo);
    return {
      ...base,
      input: {
        kind: 'photo',
        fileId: photo.file_id,
        fileUniqueId: photo.file_unique_id,
        caption: message.caption ?? null,
      },
    };
  }
  return { ...base, input: { kind: 'other' } };
}
