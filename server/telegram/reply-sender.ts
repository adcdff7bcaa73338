import { GrammyError, type Api } from 'grammy';
import { inlineMarkup, toReplyMarkup, type Reply } from './bot-reply.ts';

/**
 * Sends the bot's replies to a chat in order. A page of categories turned in place rewrites its
 * message; when Telegram no longer lets it (too old, deleted), the page comes as a new message.
 */
export async function sendReplies(api: Api, chatId: number, replies: readonly Reply[]): Promise<void> {
  for (const reply of replies) {
    const markup = reply.keyboard && toReplyMarkup(reply.keyboard);
    if (reply.editMessageId !== undefined && reply.keyboard?.kind === 'inline') {
      try {
        await api.editMessageText(chatId, reply.editMessageId, reply.text, {
          reply_markup: inlineMarkup(reply.keyboard.rows),
        });
        continue;
      } catch (err) {
        if (!(err instanceof GrammyError) || err.error_code !== 400) throw err;
      }
    }
    await api.sendMessage(chatId, reply.text, markup ? { reply_markup: markup } : {});
  }
}
