/** A button under a message; `data` comes back in the callback query when it is tapped (≤ 64 bytes). */
export interface InlineButton {
  text: string;
  data: string;
}

/** What goes under a message: inline buttons, a one-tap "share my location" keyboard, or neither. */
export type Keyboard =
  | { kind: 'inline'; rows: InlineButton[][] }
  | { kind: 'location'; label: string }
  /** Takes away a location keyboard shown earlier. */
  | { kind: 'remove' };

/** One message the bot sends, or an earlier message it rewrites in place (a category page turned). */
export interface Reply {
  text: string;
  keyboard?: Keyboard;
  /** Rewrite this message of the bot instead of sending a new one. */
  editMessageId?: number;
}

/** Telegram's `InlineKeyboardMarkup` for rows of buttons (the only markup an edited message takes). */
export const inlineMarkup = (rows: readonly (readonly InlineButton[])[]) => ({
  inline_keyboard: rows.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))),
});

/** A Telegram `reply_markup` for a keyboard. */
export function toReplyMarkup(keyboard: Keyboard) {
  switch (keyboard.kind) {
    case 'inline':
      return inlineMarkup(keyboard.rows);
    case 'location':
      return {
        keyboard: [[{ text: keyboard.label, request_location: true }]],
        resize_keyboard: true,
        one_time_keyboard: true,
      };
    case 'remove':
      return { remove_keyboard: true as const };
  }
}
