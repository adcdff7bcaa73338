import { describe, expect, it } from 'vitest';
import type { BotInput } from './telegram-update.contract.ts';
import { advance } from './conversation.ts';
import { newConversation, nextStep, type Conversation, type ConversationEnv } from './conversation.types.ts';

const env: ConversationEnv = {
  categories: [
    { id: 'flooding', name_ru: 'Подтопление', name_kk: 'Су басу', name_en: 'Flooding' },
    { id: 'elevator', name_ru: 'Лифт', name_kk: 'Лифт', name_en: 'Elevator' },
  ],
  inCity: (lat) => lat > 51 && lat < 51.3,
  places: [],
};
/** What the gazetteer found for a typed address, as the service passes it in. */
const KENESARY = { lat: 51.1665, lon: 71.435, address: 'Kenesary Street, 40' };
const ABAY = { lat: 51.16, lon: 71.438, address: 'Abay Avenue, 40' };
const withPlaces = { ...env, places: [KENESARY, ABAY] };
const text = (t: string): BotInput => ({ kind: 'text', text: t });
const tap = (data: string): BotInput => ({ kind: 'button', data, callbackQueryId: 'q', messageId: 7 });
const command = (c: 'start' | 'new' | 'cancel' | 'status' | 'language' | 'help', arg = ''): BotInput => ({
  kind: 'command',
  command: c,
  arg,
});

/** Feeds inputs one after another, as stored conversations would see them. */
function run(inputs: BotInput[], start: Conversation = newConversation(1, 'en')) {
  return inputs.reduce((c, input) => advance(c, input, env).conversation, start);
}

describe('the Telegram conversation', () => {
  it('walks language, category, location, photo, description and confirm, then submits the draft', () => {
    const atConfirm = run([
      command('start'),
      tap('lang:kk'),
      tap('cat:flooding'),
      { kind: 'location', lat: 51.1, lon: 71.4 },
      tap('photo:skip'),
      text('  Су жиналып қалды  '),
    ]);
    expect(atConfirm).toMatchObject({
      locale: 'kk',
      step: 'confirm',
      draft: {
        filing: true,
        categoryId: 'flooding',
        lat: 51.1,
        lon: 71.4,
        photo: null,
        description: 'Су жиналып қалды',
      },
    });
    const sent = advance(atConfirm, tap('confirm:send'), env);
    expect(sent.effect).toEqual({ type: 'submit', draft: atConfirm.draft });
    expect(sent.conversation).toMatchObject({ step: 'idle', draft: { filing: false } });
  });

  it('asks again for a point outside the city and keeps the step', () => {
    const atLocation = run([command('new'), tap('cat:elevator')]);
    const outside = advance(atLocation, { kind: 'location', lat: 43.2, lon: 76.9 }, env);
    expect(outside.changed).toBe(false);
    expect(outside.conversation.step).toBe('location');
    expect(outside.replies[0]?.text).toContain('outside Astana');
  });

  it('takes a photo with a caption as the description too, and the next missing step follows', () => {
    const atPhoto = run([command('new'), tap('cat:elevator'), text('Kenesary 40'), tap('place:0:typed')]);
    const photo = advance(
      atPhoto,
      { kind: 'photo', fileId: 'f', fileUniqueId: 'u', caption: 'Stuck lift' },
      env,
    );
    expect(photo.conversation.step).toBe('confirm');
    expect(photo.conversation.draft).toMatchObject({ address: 'Kenesary 40', description: 'Stuck lift' });
  });

  it('answers an old button with a notice only, and leaves commands that only read unstored', () => {
    const atDescription = run([
      command('new'),
      tap('cat:flooding'),
      text('Abay 1'),
      tap('place:0:typed'),
      tap('photo:skip'),
    ]);
    const stale = advance(atDescription, tap('cat:elevator'), env);
    expect(stale).toMatchObject({
      changed: false,
      replies: [],
      buttonNotice: expect.stringContaining('earlier step'),
    });
    expect(advance(atDescription, command('status', '2026-000001'), env)).toMatchObject({
      changed: false,
      effect: { type: 'status', query: '2026-000001' },
    });
    expect(advance(atDescription, command('help'), env).changed).toBe(false);
  });

  it('returns from /language to the step the appeal was at, or to idle when none was being filed', () => {
    const atLocation = run([command('new'), tap('cat:flooding')]);
    expect(run([command('language'), tap('lang:ru')], atLocation)).toMatchObject({
      step: 'location',
      locale: 'ru',
    });
    expect(run([command('language'), tap('lang:ru')])).toMatchObject({ step: 'idle', locale: 'ru' });
  });

  it('searches categories by typed words and offers the matches as buttons', () => {
    const atCategory = run([command('new')]);
    const found = advance(atCategory, text('elevators'), env);
    expect(found.conversation.step).toBe('category');
    expect(found.replies[0]?.keyboard).toEqual({
      kind: 'inline',
      rows: [[{ text: 'Elevator', data: 'cat:elevator' }]],
    });
  });

  it('offers the places found for a typed address; the one chosen sets the point and the address', () => {
    const atLocation = { ...run([command('new'), tap('cat:flooding')]), version: 4 };
    const offered = advance(atLocation, text('  Kenesary 40 '), withPlaces);
    expect(offered.conversation.step).toBe('location');
    expect(offered.changed).toBe(true);
    expect(offered.replies).toEqual([
      {
        text: 'Places matching "Kenesary 40". Choose one and the appeal is pinned there:',
        keyboard: {
          kind: 'inline',
          rows: [
            [{ text: 'Kenesary Street, 40', data: 'place:4:0' }],
            [{ text: 'Abay Avenue, 40', data: 'place:4:1' }],
            [{ text: '✏️ Keep it as typed', data: 'place:4:typed' }],
          ],
        },
      },
    ]);
    const chosen = advance(offered.conversation, tap('place:4:1'), env);
    expect(chosen.conversation.step).toBe('photo');
    expect(chosen.conversation.draft).toEqual({
      filing: true,
      categoryId: 'flooding',
      lat: ABAY.lat,
      lon: ABAY.lon,
      address: 'Abay Avenue, 40',
    });
    expect(chosen.replies[0]).toEqual({ text: 'Place: Abay Avenue, 40.', keyboard: { kind: 'remove' } });
    expect(chosen.buttonNotice).toBe('');
  });

  it('keeps a typed address as typed, and helps when nothing is found', () => {
    const atLocation = { ...run([command('new'), tap('cat:flooding')]), locale: 'ru' as const, version: 9 };
    const none = advance(atLocation, text('Нет такой улицы 5'), env);
    expect(none.replies[0]?.text).toContain('«Нет такой улицы 5» не найдено на карте Астаны');
    expect(none.replies[0]?.keyboard).toEqual({
      kind: 'inline',
      rows: [[{ text: '✏️ Оставить как написано', data: 'place:9:typed' }]],
    });
    const kept = advance(none.conversation, tap('place:9:typed'), env);
    expect(kept.conversation.step).toBe('photo');
    expect(kept.conversation.draft).toEqual({
      filing: true,
      categoryId: 'flooding',
      address: 'Нет такой улицы 5',
    });
  });

  it('refuses a button of an earlier search, and a shared location settles the place instead', () => {
    const atLocation = { ...run([command('new'), tap('cat:flooding')]), version: 2 };
    const first = advance(atLocation, text('Kenesary'), withPlaces).conversation;
    const second = advance({ ...first, version: 3 }, text('Abay'), withPlaces).conversation;
    const stale = advance(second, tap('place:2:0'), env);
    expect(stale).toMatchObject({ changed: false, buttonNotice: expect.stringContaining('earlier step') });
    expect(advance(second, tap('place:3:7'), env).changed).toBe(false);
    const shared = advance(second, { kind: 'location', lat: 51.12, lon: 71.43 }, env);
    expect(shared.conversation.draft).toEqual({
      filing: true,
      categoryId: 'flooding',
      lat: 51.12,
      lon: 71.43,
    });
    // Once the place is settled its buttons are stale too.
    expect(advance(shared.conversation, tap('place:3:0'), env).changed).toBe(false);
  });

  it('knows which step a draft misses', () => {
    expect(nextStep({ filing: true })).toBe('category');
    expect(nextStep({ filing: true, categoryId: 'x', address: 'a' })).toBe('photo');
    expect(nextStep({ filing: true, categoryId: 'x', lat: 1, lon: 2, photo: null })).toBe('description');
  });
});
