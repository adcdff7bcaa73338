import { expect, it } from 'vitest';
import { listTicketMessages } from '../../db/queries/outbox.ts';
import { listTicketPhotos } from '../../db/queries/telegram-tickets.ts';
import { AttachmentList } from '../../server/contracts/attachment.contract.ts';
import { containsText, phoneJpeg, SECRET_GPS } from '../support/image-fixtures.ts';
import { expectStatus, expectTicket } from '../support/test-server.ts';
import {
  IN_ALMATY,
  IN_ASTANA,
  KENESARY_STREET,
  PUBLIC_URL,
  REGISTRATION,
  ticketsOfChat,
  type TelegramBotSuite,
} from './telegram-fixtures.ts';

// The conversation that files an appeal: language, category, place (a point or a typed address found in
// the gazetteer), photo, description, confirmation; and Telegram delivering an update twice.
// Run by telegram.test.ts.

/** Registers the conversation tests on the webhook suite `bot`. */
export function conversationTests(bot: TelegramBotSuite): void {
  it('files an appeal from /start to the registration number: one ticket, on the telegram channel, with the chat subscribed', async () => {
    const r = bot.resident('en-GB');
    expect(await r.says('/start')).toBe(200);
    expect(bot.fake.textsTo(r.chatId)[0]).toContain("Astana's city appeal centre");
    expect(r.buttons()).toEqual(['Русский', 'Қазақша', 'English']);

    await r.taps('English');
    expect(bot.fake.lastTextTo(r.chatId)).toContain('What is the problem?');
    expect(r.buttons()).toContain('Flooded street or standing water');
    await r.taps('Flooded street or standing water');
    expect(bot.fake.lastTextTo(r.chatId)).toContain('Category: Flooded street or standing water.');

    await r.sharesLocation(IN_ASTANA.lat, IN_ASTANA.lon);
    expect(bot.fake.lastTextTo(r.chatId)).toContain('Add a photo');
    await r.taps('Skip');
    expect(bot.fake.lastTextTo(r.chatId)).toContain('Describe the problem');
    await r.says('Hi'); // too short
    expect(bot.fake.lastTextTo(r.chatId)).toContain('3 to 2000 characters long; this one has 2');
    await r.says('Water over the road at the bus stop on Kabanbay Batyr');
    expect(bot.fake.lastTextTo(r.chatId)).toMatch(
      /Category: Flooded street[\s\S]*Place: 51\.12800, 71\.43000/,
    );

    expect(await r.taps('✅ Send')).toBe(200);
    const reply = bot.fake.lastTextTo(r.chatId);
    const number = REGISTRATION.exec(reply)?.[1];
    expect(number).toBeDefined();
    expect(reply).toContain(`Your appeal No. ${number} ("Flooded street or standing water") is registered.`);
    expect(reply).toContain(`${PUBLIC_URL}/t/${number}`);
    expect(reply).toContain(`/status ${number}`);

    const tickets = await ticketsOfChat(bot.server.komek.db, r.chatId);
    expect(tickets).toEqual([
      { id: expect.any(Number), registration_number: number, channel: 'telegram', state: 'assigned' },
    ]);
    const ticket = expectTicket(await bot.as(bot.staff.operator).get(`/api/tickets/${tickets[0]!.id}`));
    expect(ticket).toMatchObject({
      channel: 'telegram',
      categoryId: 'flooding',
      lat: IN_ASTANA.lat,
      lon: IN_ASTANA.lon,
    });
    expect(ticket.description).toBe('Water over the road at the bus stop on Kabanbay Batyr');

    // The bot's answer was the registration message: recorded as sent, and not sent a second time.
    const messages = await listTicketMessages(bot.server.komek.db, ticket.id);
    expect(messages.map((m) => [m.kind, m.channel, m.address, m.locale, m.status])).toEqual([
      ['registered', 'telegram', String(r.chatId), 'en', 'sent'],
    ]);
    await bot.server.komek.outbox.deliverDue();
    expect(bot.fake.textsTo(r.chatId).filter((t) => t.includes('is registered'))).toHaveLength(1);
  });

  it('refuses a point outside the city and asks again; finds a typed address in the gazetteer; keeps the largest photo, stripped, and its caption', async () => {
    bot.fake.addFile('lift-photo-1280', phoneJpeg());
    const r = bot.resident('ru');
    await r.says('/new');
    expect(bot.fake.lastTextTo(r.chatId)).toContain('Что случилось?');
    await r.says('лифт');
    expect(r.buttons()).toEqual(['Неисправность лифта']);
    await r.taps('Неисправность лифта');

    await r.sharesLocation(IN_ALMATY.lat, IN_ALMATY.lon);
    expect(bot.fake.lastTextTo(r.chatId)).toBe(
      'Эта точка за пределами Астаны. Отправьте геопозицию в городе или напишите адрес.',
    );
    await r.says('ул. Кенесары, 40, подъезд 2');
    expect(r.buttons()[0]).toBe('улица Кенесары, 40, подъезд 2');
    await r.taps('улица Кенесары, 40, подъезд 2');
    expect(bot.fake.textsTo(r.chatId).slice(-2)).toEqual([
      'Место: улица Кенесары, 40, подъезд 2.',
      'Добавьте фото проблемы или нажмите «Пропустить».',
    ]);
    await r.sendsPhoto('lift-photo', 'Лифт стоит между этажами');
    expect(bot.fake.lastTextTo(r.chatId)).toMatch(
      /Место: улица Кенесары, 40, подъезд 2[\s\S]*Фото: приложено[\s\S]*Описание: Лифт стоит/,
    );
    await r.taps('✅ Отправить');
    expect(bot.fake.lastTextTo(r.chatId)).toMatch(
      /^Ваше обращение № \d{4}-\d+ \(«Неисправность лифта»\) зарегистрировано\./,
    );

    const [ticket] = await ticketsOfChat(bot.server.komek.db, r.chatId);
    // The street's point from the gazetteer, and the address with the entrance as typed.
    expect(expectTicket(await bot.as(bot.staff.operator).get(`/api/tickets/${ticket!.id}`))).toMatchObject({
      ...KENESARY_STREET,
      address: 'улица Кенесары, 40, подъезд 2',
    });
    const [photo] = await listTicketPhotos(bot.server.komek.db, ticket!.id);
    expect(photo).toMatchObject({ fileId: 'lift-photo-1280', attachmentId: expect.any(Number) });
    const list = await bot.as(bot.staff.operator).get(`/api/tickets/${ticket!.id}/attachments`);
    expectStatus(list, 200);
    const [attachment] = AttachmentList.parse(list.body).items;
    expect(attachment).toMatchObject({
      id: photo!.attachmentId,
      channel: 'telegram',
      mediaType: 'image/jpeg',
    });
    const stored = await fetch(`${bot.server.url}${attachment!.url}`, {
      headers: { cookie: bot.staff.operator.cookie },
    });
    expect(stored.status).toBe(200);
    const bytes = new Uint8Array(await stored.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(0);
    expect(containsText(bytes, SECRET_GPS)).toBe(false);
  });

  it('files the appeal even when the photo cannot be downloaded, keeping its file id', async () => {
    const r = bot.resident('en');
    await r.says('/new');
    await r.taps('Open manhole');
    await r.sharesLocation(IN_ASTANA.lat, IN_ASTANA.lon);
    await r.sendsPhoto('gone-from-telegram');
    await r.says('No cover on the manhole by the school gate');
    await r.taps('✅ Send');
    expect(bot.fake.lastTextTo(r.chatId)).toContain('is registered');
    const [ticket] = await ticketsOfChat(bot.server.komek.db, r.chatId);
    expect(await listTicketPhotos(bot.server.komek.db, ticket!.id)).toEqual([
      expect.objectContaining({ fileId: 'gone-from-telegram-1280', attachmentId: null }),
    ]);
  });

  it('pages through categories in place, and answers stale buttons, /help, /language and /cancel', async () => {
    const r = bot.resident('kk');
    await r.says('/new');
    const first = r.buttons();
    await r.taps('▶');
    expect(bot.fake.callsOf('editMessageText').at(-1)?.params).toMatchObject({ chat_id: r.chatId });
    expect(r.buttons()).not.toEqual(first);
    expect(r.buttons()).toContain('2/3');

    await r.says('/help');
    expect(bot.fake.lastTextTo(r.chatId)).toContain('/status <нөмір>');
    await r.says('/language');
    await r.taps('English');
    expect(bot.fake.textsTo(r.chatId).slice(-2)).toEqual([
      'Language: English.',
      expect.stringContaining('What is the problem?'),
    ]);

    // The language buttons belong to a step that is over: a notice, and nothing else happens.
    const sent = bot.fake.textsTo(r.chatId).length;
    await r.taps('Қазақша');
    expect(bot.fake.callsOf('answerCallbackQuery').at(-1)?.params).toMatchObject({
      text: 'That button belongs to an earlier step.',
    });
    expect(bot.fake.textsTo(r.chatId)).toHaveLength(sent);

    await r.says('/cancel');
    expect(bot.fake.lastTextTo(r.chatId)).toBe('The appeal was cancelled. Send /new to start a new one.');
    await r.says('hello');
    expect(bot.fake.lastTextTo(r.chatId)).toContain('To report a problem, send /new.');
  });

  it('files nothing twice when Telegram delivers the same update again, also at the same time', async () => {
    const r = bot.resident('en');
    await bot.fillAppeal(r, 'Standing water in the underpass');
    const before = bot.fake.callsOf('sendMessage').length;
    await r.taps('✅ Send');
    const tap = r.lastUpdate!;
    expect(await Promise.all([r.send(tap), r.send(tap)])).toEqual([200, 200]);
    expect(await ticketsOfChat(bot.server.komek.db, r.chatId)).toHaveLength(1);
    // One answer: the registration; the redeliveries were skipped without a word.
    expect(bot.fake.callsOf('sendMessage').length).toBe(before + 1);

    // A redelivered step of the next appeal is skipped too: the conversation does not move twice.
    const s = bot.resident('en');
    await s.says('/new');
    await s.taps('Flooded street or standing water');
    const located = await s.sharesLocation(IN_ASTANA.lat, IN_ASTANA.lon);
    expect(located).toBe(200);
    const afterLocation = bot.fake.textsTo(s.chatId).length;
    await s.send(s.lastUpdate!);
    expect(bot.fake.textsTo(s.chatId)).toHaveLength(afterLocation);

    // Two different taps on Send from two devices of one chat file one appeal too.
    const t = bot.resident('en');
    await bot.fillAppeal(t, 'Flooded yard behind the school');
    await Promise.all([t.taps('✅ Send'), t.taps('✅ Send')]);
    expect(await ticketsOfChat(bot.server.komek.db, t.chatId)).toHaveLength(1);
  });

  it('looks a typed address up in the gazetteer: at most five places as buttons, old buttons refused, help when nothing is found', async () => {
    const r = bot.resident('en');
    await r.says('/new');
    await r.taps('Flooded street or standing water');
    await r.says('Astana');
    expect(bot.fake.lastTextTo(r.chatId)).toBe(
      'Places matching "Astana". Choose one and the appeal is pinned there:',
    );
    expect(r.buttons()).toHaveLength(6);
    expect(r.buttons().at(-1)).toBe('✏️ Keep it as typed');

    // Another address replaces the offer; a button of the first one is stale.
    await r.says('кабанбай 53');
    expect(r.buttons()[0]).toBe('Kabanbay Batyr Avenue, 53');
    const sent = bot.fake.textsTo(r.chatId).length;
    await r.taps('Astana Arena Stadium');
    expect(bot.fake.callsOf('answerCallbackQuery').at(-1)?.params).toMatchObject({
      text: 'That button belongs to an earlier step.',
    });
    expect(bot.fake.textsTo(r.chatId)).toHaveLength(sent);

    await r.taps('Kabanbay Batyr Avenue, 53');
    expect(bot.fake.textsTo(r.chatId).slice(-2)).toEqual([
      'Place: Kabanbay Batyr Avenue, 53.',
      expect.stringContaining('Add a photo'),
    ]);
    await r.taps('Skip');
    await r.says('Water up to the kerb by the bus stop');
    expect(bot.fake.lastTextTo(r.chatId)).toContain('Place: Kabanbay Batyr Avenue, 53');
    await r.taps('✅ Send');
    const [filed] = await ticketsOfChat(bot.server.komek.db, r.chatId);
    expect(expectTicket(await bot.as(bot.staff.operator).get(`/api/tickets/${filed!.id}`))).toMatchObject({
      lat: 51.118,
      lon: 71.411,
      address: 'Kabanbay Batyr Avenue, 53',
      districtId: 'nura',
    });

    // Nothing found: how to ask better, and the address may still be kept as typed (no point).
    const k = bot.resident('kk');
    await k.says('/new');
    await k.taps('Көшені су басу, судың жиналуы');
    await k.says('Жоқ көше 7');
    expect(bot.fake.lastTextTo(k.chatId)).toContain('«Жоқ көше 7» Астана картасынан табылмады');
    expect(k.buttons()).toEqual(['✏️ Жазылғандай қалдыру']);
    await k.taps('✏️ Жазылғандай қалдыру');
    expect(bot.fake.textsTo(k.chatId).slice(-2)).toEqual([
      'Мекенжай алынды.',
      expect.stringContaining('фотосуретін'),
    ]);
    await k.taps('Өткізіп жіберу');
    await k.says('Аулада су тұр');
    await k.taps('✅ Жіберу');
    const [kept] = await ticketsOfChat(bot.server.komek.db, k.chatId);
    expect(expectTicket(await bot.as(bot.staff.operator).get(`/api/tickets/${kept!.id}`))).toMatchObject({
      lat: null,
      lon: null,
      address: 'Жоқ көше 7',
    });
  });
}
