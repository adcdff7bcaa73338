import type { Sql } from '../client.ts';
import type { ResidentLocale } from '../../server/contracts/common.contract.ts';

/** A chat's conversation as stored; `draft` is JSON from the database, parsed by the caller. */
export interface ConversationRow {
  chatId: number;
  locale: ResidentLocale;
  step: string;
  draft: unknown;
  version: number;
  updatedAt: Date;
}

interface Row {
  chat_id: number;
  locale: ResidentLocale;
  step: string;
  draft: unknown;
  version: number;
  updated_at: Date;
}

/** The conversation of one chat, or undefined when the chat never started one. */
export async function findConversation(db: Sql, chatId: number): Promise<ConversationRow | undefined> {
  const rows = await db.query<Row>('select * from telegram_conversations where chat_id = $1', [chatId]);
  const r = rows[0];
  return (
    r && {
      chatId: r.chat_id,
      locale: r.locale,
      step: r.step,
      draft: r.draft,
      version: r.version,
      updatedAt: r.updated_at,
    }
  );
}

/** What `saveConversation` writes. */
export interface ConversationWrite {
  chatId: number;
  locale: ResidentLocale;
  step: string;
  draft: Record<string, unknown>;
}

/**
 * Writes a conversation if it is still at `expectedVersion` (0: not stored yet) and bumps its
 * version. False when another update of the same chat got there first; the caller reloads.
 */
export async function saveConversation(
  db: Sql,
  c: ConversationWrite,
  expectedVersion: number,
  at: Date,
): Promise<boolean> {
  const rows =
    expectedVersion === 0
      ? await db.query(
          `insert into telegram_conversations (chat_id, locale, step, draft, version, updated_at)
           values ($1, $2, $3, $4::text::jsonb, 1, $5)
           on conflict (chat_id) do nothing
           returning chat_id`,
          [c.chatId, c.locale, c.step, JSON.stringify(c.draft), at],
        )
      : await db.query(
          `update telegram_conversations
           set locale = $2, step = $3, draft = $4::text::jsonb, version = version + 1, updated_at = $5
           where chat_id = $1 and version = $6
           returning chat_id`,
          [c.chatId, c.locale, c.step, JSON.stringify(c.draft), at, expectedVersion],
        );
  return rows.length === 1;
}
