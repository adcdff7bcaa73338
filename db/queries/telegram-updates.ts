import type { Sql } from '../client.ts';

/**
 * Records that this bot handled `updateId`. False when it was already recorded: a redelivered
 * update, to be skipped. Call it in the transaction of the update's effect, so the record and the
 * effect commit together (a concurrent redelivery waits on the key, then sees it taken).
 */
export async function claimUpdate(
  db: Sql,
  botId: number,
  updateId: number,
  chatId: number | null,
  at: Date,
): Promise<boolean> {
  const rows = await db.query(
    `insert into telegram_updates (bot_id, update_id, chat_id, processed_at) values ($1, $2, $3, $4)
     on conflict (bot_id, update_id) do nothing
     returning update_id`,
    [botId, updateId, chatId, at],
  );
  return rows.length === 1;
}

/** Forgets updates handled before `before` (Telegram stops redelivering long before). */
export async function deleteUpdatesBefore(db: Sql, before: Date): Promise<void> {
  await db.query('delete from telegram_updates where processed_at < $1', [before]);
}
