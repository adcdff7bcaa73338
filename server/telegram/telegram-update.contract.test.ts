import { describe, expect, it } from 'vitest';
import { TelegramUpdate, toBotUpdate } from './telegram-update.contract.ts';

const message = (fields: Record<string, unknown>, chatType = 'private') =>
  TelegramUpdate.parse({
    update_id: 10,
    message: {
      message_id: 1,
      chat: { id: 42, type: chatType },
      from: { id: 42, language_code: 'kk' },
      ...fields,
    },
  });

describe('Telegram updates', () => {
  it('reads commands, with or without the bot name, and their argument', () => {
    expect(toBotUpdate(message({ text: '/status@komek_bot  2026-000001 ' }))).toEqual({
      updateId: 10,
      chatId: 42,
      languageCode: 'kk',
      input: { kind: 'command', command: 'status', arg: '2026-000001' },
    });
    expect(toBotUpdate(message({ text: '/START' }))?.input).toEqual({
      kind: 'command',
      command: 'start',
      arg: '',
    });
    expect(toBotUpdate(message({ text: '/unknown' }))?.input).toEqual({ kind: 'other' });
    expect(toBotUpdate(message({ text: 'a / b' }))?.input).toEqual({ kind: 'text', text: 'a / b' });
  });

  it('takes the largest size of a photo, and its caption', () => {
    const photo = [
      { file_id: 'big', file_unique_id: 'ub', width: 1280, height: 960 },
      { file_id: 'small', file_unique_id: 'us', width: 90, height: 60 },
    ];
    expect(toBotUpdate(message({ photo, caption: 'Люк' }))?.input).toEqual({
      kind: 'photo',
      fileId: 'big',
      fileUniqueId: 'ub',
      caption: 'Люк',
    });
  });

  it('drops groups and update kinds the bot does not answer, and keeps fields Telegram adds later', () => {
    expect(toBotUpdate(message({ text: '/start' }, 'supergroup'))).toBeNull();
    expect(toBotUpdate(TelegramUpdate.parse({ update_id: 11, edited_message: {} }))).toBeNull();
    expect(TelegramUpdate.safeParse({ update_id: 12, brand_new_field: { x: 1 } }).success).toBe(true);
    expect(TelegramUpdate.safeParse({ update_id: -1 }).success).toBe(false);
  });
});
