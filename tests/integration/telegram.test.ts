import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bot } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.ts';
import { listTicketMessages } from '../../db/queries/outbox.ts';
import { listTicketPhotos } from '../../db/queries/telegram-tickets.ts';
import { AttachmentList } from '../../server/contracts/attachment.contract.ts';
import { createLogger } from '../../server/logger.ts';
import { OutboxWorker } from '../../server/notifications/outbox-worker.ts';
import { telegramTransport } from '../../server/telegram/telegram-transport.ts';
import { FAKE_BOT_TOKEN, FakeTelegram } from '../support/fake-telegram.ts';
import {
  FakeResident,
  pollingDelivery,
  webhookDelivery,
  type Deliver,
} from '../support/fake-telegram-resident.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import { containsText, phoneJpeg, SECRET_GPS } from '../support/image-fixtures.ts';
import {
  ApiClient,
  expectStatus,
  expectTicket,
  seedStaff,
  startTestServer,
  type SignedIn,
  type Staff,
  type TestServer,
} from '../support/test-server.ts';

const SECRET = 'komek-test-webhook-secret-109';
const PUBLIC_URL = 'https://109.astana.test';
/** Near Baiterek, on the left bank; Almaty city is 1,000 km away. */
const IN_ASTANA = { lat: 51.128, lon: 71.43 };
const IN_ALMATY = { lat: 43.238, lon: 76.945 };
/** Points of the gazetteer (db/migrations/20261126_0017_places.sql). */
const KENESARY_STREET = { lat: 51.1665, lon: 71.435 };
const ABAY_AVENUE = { lat: 51.16, lon: 71.438 };
const REGISTRATION = /\b(\d{4}-\d{6,9})\b/;
const silent = createLogger('silent');

/** Komek with the bot on, talking to the fake Telegram; attachments go under `dataDir`. */
const startBotServer = (db: Db, fake: FakeTelegram, mode: 'webhook' | 'polling', dataDir: string) =>
  startTestServer(db, {
    env: {
      DATA_DIR: dataDir,
      PUBLIC_URL,
      TELEGRAM_BOT_TOKEN: FAKE_BOT_TOKEN,
      TELEGRAM_MODE: mode,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: fake.url,
    },
  });

const ticketsOfChat = (db: Db, chatId: number) =>
  db.query<{ id: number; registration_number: string; channel: string; state: string }>(
    `select t.id, t.registration_number, t.channel, t.state from tickets t
     join ticket_subscribers s on s.ticket_id = t.id
     where s.channel = 'telegram' and s.address = $1 order by t.id`,
    [String(chatId)],
  );

describe.each(DATABASE_KINDS)('the Telegram bot on %s (webhook)', (kind) => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  let server: TestServer;
  let staff: Staff;
  let deliver: Deliver;
  let dataDir: string;
  let nextChat = 5000;

  beforeAll(async () => {
    fake = await FakeTelegram.start();
    dataDir = await mkdtemp(join(tmpdir(), 'komek-telegram-'));
    database = await createTestDatabase(kind);
    server = await startBotServer(database.db, fake, 'webhook', dataDir);
    staff = await seedStaff(server);
    deliver = webhookDelivery(server.url, SECRET);
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
    await fake?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const resident = (languageCode: string) =>
    new FakeResident(fake, ++nextChat, languageCode, (update) => deliver(update));
  /** The API as a signed-in person, on whichever server is running now. */
  const as = (who: SignedIn) => new ApiClient(server.url, who.cookie);
  const command = async (who: SignedIn, id: number, body: Record<string, unknown>) =>
    expectTicket(await as(who).command(id, body));

  /** Walks a resident from /new to the confirmation, in English, with the photo skipped. */
  async function fillAppeal(r: FakeResident, description: string) {
    expect(await r.says('/new')).toBe(200);
    await r.taps('Flooded street or standing water');
    await r.sharesLocation(IN_ASTANA.lat, IN_ASTANA.lon);
    await r.taps('Skip');
    await r.says(description);
    expect(fake.lastTextTo(r.chatId)).toContain(`Description: ${description}`);
  }

  it('sets its webhook at start, with the secret and the public address', async () => {
    const set = await fake.waitFor(() => fake.callsOf('setWebhook').at(-1));
    expect(set.params).toMatchObject({
      url: `${PUBLIC_URL}/telegram/webhook`,
      secret_token: SECRET,
      allowed_updates: ['message', 'callback_query'],
    });
  });

  it('files an appeal from /start to the registration number: one ticket, on the telegram channel, with the chat subscribed', async () => {
    const r = resident('en-GB');
    expect(await r.says('/start')).toBe(200);
    expect(fake.textsTo(r.chatId)[0]).toContain("Astana's city appeal centre");
    expect(r.buttons()).toEqual(['Русский', 'Қазақша', 'English']);

    await r.taps('English');
    expect(fake.lastTextTo(r.chatId)).toContain('What is the problem?');
    expect(r.buttons()).toContain('Flooded street or standing water');
    await r.taps('Flooded street or standing water');
    expect(fake.lastTextTo(r.chatId)).toContain('Category: Flooded street or standing water.');

    await r.sharesLocation(IN_ASTANA.lat, IN_ASTANA.lon);
    expect(fake.lastTextTo(r.chatId)).toContain('Add a photo');
    await r.taps('Skip');
    expect(fake.lastTextTo(r.chatId)).toContain('Describe the problem');
    await r.says('Hi'); // too short
    expect(fake.lastTextTo(r.chatId)).toContain('3 to 2000 characters long; this one has 2');
    await r.says('Water over the road at the bus stop on Kabanbay Batyr');
    expect(fake.lastTextTo(r.chatId)).toMatch(/Category: Flooded street[\s\S]*Place: 51\.12800, 71\.43000/);

    expect(await r.taps('✅ Send')).toBe(200);
    const reply = fake.lastTextTo(r.chatId);
    const number = REGISTRATION.exec(reply)?.[1];
    expect(number).toBeDefined();
    expect(reply).toContain(`Your appeal No. ${number} ("Flooded street or standing water") is registered.`);
    expect(reply).toContain(`${PUBLIC_URL}/t/${number}`);
    expect(reply).toContain(`/status ${number}`);

    const tickets = await ticketsOfChat(server.komek.db, r.chatId);
    expect(tickets).toEqual([
      { id: expect.any(Number), registration_number: number, channel: 'telegram', state: 'assigned' },
    ]);
    const ticket = expectTicket(await as(staff.operator).get(`/api/tickets/${tickets[0]!.id}`));
    expect(ticket).toMatchObject({
      channel: 'telegram',
      categoryId: 'flooding',
      lat: IN_ASTANA.lat,
      lon: IN_ASTANA.lon,
    });
    expect(ticket.description).toBe('Water over the road at the bus stop on Kabanbay Batyr');

    // The bot's answer was the registration message: recorded as sent, and not sent a second time.
    const messages = await listTicketMessages(server.komek.db, ticket.id);
    expect(messages.map((m) => [m.kind, m.channel, m.address, m.locale, m.status])).toEqual([
      ['registered', 'telegram', String(r.chatId), 'en', 'sent'],
    ]);
    await server.komek.outbox.deliverDue();
    expect(fake.textsTo(r.chatId).filter((t) => t.includes('is registered'))).toHaveLength(1);
  });

  it('refuses a point outside the city and asks again; finds a typed address in the gazetteer; keeps the largest photo, stripped, and its caption', async () => {
    fake.addFile('lift-photo-1280', phoneJpeg());
    const r = resident('ru');
    await r.says('/new');
    expect(fake.lastTextTo(r.chatId)).toContain('Что случилось?');
    await r.says('лифт');
    expect(r.buttons()).toEqual(['Неисправность лифта']);
    await r.taps('Неисправность лифта');

    await r.sharesLocation(IN_ALMATY.lat, IN_ALMATY.lon);
    expect(fake.lastTextTo(r.chatId)).toBe(
      'Эта точка за пределами Астаны. Отправьте геопозицию в городе или напишите адрес.',
    );
    await r.says('ул. Кенесары, 40, подъезд 2');
    expect(r.buttons()[0]).toBe('улица Кенесары, 40, подъезд 2');
    await r.taps('улица Кенесары, 40, подъезд 2');
    expect(fake.textsTo(r.chatId).slice(-2)).toEqual([
      'Место: улица Кенесары, 40, подъезд 2.',
      'Добавьте фото проблемы или нажмите «Пропустить».',
    ]);
    await r.sendsPhoto('lift-photo', 'Лифт стоит между этажами');
    expect(fake.lastTextTo(r.chatId)).toMatch(
      /Место: улица Кенесары, 40, подъезд 2[\s\S]*Фото: приложено[\s\S]*Описание: Лифт стоит/,
    );
    await r.taps('✅ Отправить');
    expect(fake.lastTextTo(r.chatId)).toMatch(
      /^Ваше обращение № \d{4}-\d+ \(«Неисправность лифта»\) зарегистрировано\./,
    );

    const [ticket] = await ticketsOfChat(server.komek.db, r.chatId);
    // The street's point from the gazetteer, and the address with the entrance as typed.
    expect(expectTicket(await as(staff.operator).get(`/api/tickets/${ticket!.id}`))).toMatchObject({
      ...KENESARY_STREET,
      address: 'улица Кенесары, 40, подъезд 2',
    });
    const [photo] = await listTicketPhotos(server.komek.db, ticket!.id);
    expect(photo).toMatchObject({ fileId: 'lift-photo-1280', attachmentId: expect.any(Number) });
    const list = await as(staff.operator).get(`/api/tickets/${ticket!.id}/attachments`);
    expectStatus(list, 200);
    const [attachment] = AttachmentList.parse(list.body).items;
    expect(attachment).toMatchObject({
      id: photo!.attachmentId,
      channel: 'telegram',
      mediaType: 'image/jpeg',
    });
    const stored = await fetch(`${server.url}${attachment!.url}`, {
      headers: { cookie: staff.operator.cookie },
    });
    expect(stored.status).toBe(200);
    const bytes = new Uint8Array(await stored.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(0);
    expect(containsText(bytes, SECRET_GPS)).toBe(false);
  });

  it('files the appeal even when the photo cannot be downloaded, keeping its file id', async () => {
    const r = resident('en');
    await r.says('/new');
    await r.taps('Open manhole');
    await r.sharesLocation(IN_ASTANA.lat, IN_ASTANA.lon);
    await r.sendsPhoto('gone-from-telegram');
    await r.says('No cover on the manhole by the school gate');
    await r.taps('✅ Send');
    expect(fake.lastTextTo(r.chatId)).toContain('is registered');
    const [ticket] = await ticketsOfChat(server.komek.db, r.chatId);
    expect(await listTicketPhotos(server.komek.db, ticket!.id)).toEqual([
      expect.objectContaining({ fileId: 'gone-from-telegram-1280', attachmentId: null }),
    ]);
  });

  it('pages through categories in place, and answers stale buttons, /help, /language and /cancel', async () => {
    const r = resident('kk');
    await r.says('/new');
    const first = r.buttons();
    await r.taps('▶');
    expect(fake.callsOf('editMessageText').at(-1)?.params).toMatchObject({ chat_id: r.chatId });
    expect(r.buttons()).not.toEqual(first);
    expect(r.buttons()).toContain('2/3');

    await r.says('/help');
    expect(fake.lastTextTo(r.chatId)).toContain('/status <нөмір>');
    await r.says('/language');
    await r.taps('English');
    expect(fake.textsTo(r.chatId).slice(-2)).toEqual([
      'Language: English.',
      expect.stringContaining('What is the problem?'),
    ]);

    // The language buttons belong to a step that is over: a notice, and nothing else happens.
    const sent = fake.textsTo(r.chatId).length;
    await r.taps('Қазақша');
    expect(fake.callsOf('answerCallbackQuery').at(-1)?.params).toMatchObject({
      text: 'That button belongs to an earlier step.',
    });
    expect(fake.textsTo(r.chatId)).toHaveLength(sent);

    await r.says('/cancel');
    expect(fake.lastTextTo(r.chatId)).toBe('The appeal was cancelled. Send /new to start a new one.');
    await r.says('hello');
    expect(fake.lastTextTo(r.chatId)).toContain('To report a problem, send /new.');
  });

  it('answers /status in Russian, Kazakh and English, with the hold reason and the outcome, and refuses unknown numbers', async () => {
    const filed = await as(staff.operator).createTicket({ categoryId: 'flooding' });
    const n = filed.registrationNumber!;
    await command(staff.water, filed.id, { type: 'ticket.accept' });
    await command(staff.water, filed.id, { type: 'ticket.start' });
    await command(staff.water, filed.id, {
      type: 'ticket.hold',
      reason: 'waiting for the pump truck',
      until: '2030-01-01T09:00:00+05:00',
    });

    const ru = resident('ru');
    const kk = resident('kk');
    const en = resident('en');
    await ru.says(`/status ${n}`);
    expect(fake.lastTextTo(ru.chatId)).toMatch(
      /^Обращение № \S+ \(«Подтопление[\s\S]*Статус: Приостановлено\.\nПричина: waiting for the pump truck\. Работы возобновят/,
    );
    await kk.says(`/status@komek_test_bot ${n}`);
    expect(fake.lastTextTo(kk.chatId)).toContain(
      'Мәртебесі: Уақытша тоқтатылды.\nСебебі: waiting for the pump truck.',
    );
    await en.says(n); // a bare number, outside a conversation, is a status question too
    expect(fake.lastTextTo(en.chatId)).toContain('Status: On hold.\nReason: waiting for the pump truck.');
    expect(fake.lastTextTo(en.chatId)).toContain(`Follow it here: ${PUBLIC_URL}/t/${n}`);

    await command(staff.water, filed.id, { type: 'ticket.resume' });
    await command(staff.water, filed.id, {
      type: 'ticket.resolve',
      resolution: 'Drain cleared, water pumped out',
    });
    await en.says(`/status ${n}`);
    expect(fake.lastTextTo(en.chatId)).toContain(
      'Status: Resolved.\nOutcome: Drain cleared, water pumped out',
    );
    await kk.says(`/status ${n}`);
    expect(fake.lastTextTo(kk.chatId)).toContain('Мәртебесі: Шешілді.\nНәтижесі: Drain cleared');

    await en.says('/status 2026-999999');
    expect(fake.lastTextTo(en.chatId)).toBe('No appeal No. 2026-999999 was found. Please check the number.');
    await ru.says('/status 2026-999999');
    expect(fake.lastTextTo(ru.chatId)).toBe('Обращение № 2026-999999 не найдено. Проверьте номер.');
    await kk.says('/status abc');
    expect(fake.lastTextTo(kk.chatId)).toBe(
      '«abc» — өтініш нөмірі емес. Нөмірлер былай жазылады: 2026-000123.',
    );
    await en.says('/status');
    expect(fake.lastTextTo(en.chatId)).toBe('Send the registration number: /status 2026-000123');
  });

  it('tells the cancel reason only to the chat that filed the appeal', async () => {
    const filer = resident('en');
    await fillAppeal(filer, 'Water in the courtyard of block 5');
    await filer.taps('✅ Send');
    const [ticket] = await ticketsOfChat(server.komek.db, filer.chatId);
    await command(staff.operator, ticket!.id, { type: 'ticket.cancel', reason: 'Filed twice by mistake' });

    await filer.says('/status');
    expect(fake.lastTextTo(filer.chatId)).toContain('Status: Cancelled.\nReason: Filed twice by mistake');
    const stranger = resident('en');
    await stranger.says(`/status ${ticket!.registration_number}`);
    expect(fake.lastTextTo(stranger.chatId)).toContain('Status: Cancelled.');
    expect(fake.lastTextTo(stranger.chatId)).not.toContain('Filed twice');
  });

  it('files nothing twice when Telegram delivers the same update again, also at the same time', async () => {
    const r = resident('en');
    await fillAppeal(r, 'Standing water in the underpass');
    const before = fake.callsOf('sendMessage').length;
    await r.taps('✅ Send');
    const tap = r.lastUpdate!;
    expect(await Promise.all([r.send(tap), r.send(tap)])).toEqual([200, 200]);
    expect(await ticketsOfChat(server.komek.db, r.chatId)).toHaveLength(1);
    // One answer: the registration; the redeliveries were skipped without a word.
    expect(fake.callsOf('sendMessage').length).toBe(before + 1);

    // A redelivered step of the next appeal is skipped too: the conversation does not move twice.
    const s = resident('en');
    await s.says('/new');
    await s.taps('Flooded street or standing water');
    const located = await s.sharesLocation(IN_ASTANA.lat, IN_ASTANA.lon);
    expect(located).toBe(200);
    const afterLocation = fake.textsTo(s.chatId).length;
    await s.send(s.lastUpdate!);
    expect(fake.textsTo(s.chatId)).toHaveLength(afterLocation);

    // Two different taps on Send from two devices of one chat file one appeal too.
    const t = resident('en');
    await fillAppeal(t, 'Flooded yard behind the school');
    await Promise.all([t.taps('✅ Send'), t.taps('✅ Send')]);
    expect(await ticketsOfChat(server.komek.db, t.chatId)).toHaveLength(1);
  });

  it('refuses a wrong or missing secret (401) and bodies that are not updates (400), never a 500', async () => {
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${server.url}/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const update = JSON.stringify({
      update_id: 1,
      message: { message_id: 1, chat: { id: 1, type: 'private' }, text: '/help' },
    });
    expect(
      (await post(update, { 'x-telegram-bot-api-secret-token': 'wrong-secret-wrong-secret' })).status,
    ).toBe(401);
    expect((await post(update, {})).status).toBe(401);
    expect(fake.textsTo(1)).toEqual([]);

    const secret = { 'x-telegram-bot-api-secret-token': SECRET };
    const malformed = await post('{"update_id": 1, "message": ', secret);
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'malformed_json' } });
    expect((await post('{"hello": "world"}', secret)).status).toBe(400);
    expect((await post('[1, 2, 3]', secret)).status).toBe(400);
    expect((await post('', secret)).status).toBe(400);
    expect((await post(JSON.stringify({ update_id: 'x' }), secret)).status).toBe(400);
    expect((await post(JSON.stringify({ update_id: 2, text: 'x'.repeat(300_000) }), secret)).status).toBe(
      413,
    );
    // Updates the bot does not answer (an edited message, a group) are taken and dropped.
    expect((await post(JSON.stringify({ update_id: 3, edited_message: {} }), secret)).status).toBe(200);
    const group = {
      update_id: 4,
      message: { message_id: 1, chat: { id: -100, type: 'group' }, text: '/start' },
    };
    expect((await post(JSON.stringify(group), secret)).status).toBe(200);
    expect(fake.textsTo(-100)).toEqual([]);
  });

  it('tells the resident of every state change, in their language, through the server’s own outbox', async () => {
    const r = resident('kk');
    await r.says('/start');
    await r.taps('Қазақша');
    await r.taps('Көшені су басу, судың жиналуы');
    await r.sharesLocation(IN_ASTANA.lat, IN_ASTANA.lon);
    await r.taps('Өткізіп жіберу');
    await r.says('Аялдамада су жиналып қалды');
    await r.taps('✅ Жіберу');
    const [ticket] = await ticketsOfChat(server.komek.db, r.chatId);

    await command(staff.water, ticket!.id, { type: 'ticket.accept' });
    await command(staff.water, ticket!.id, { type: 'ticket.start' });
    await command(staff.water, ticket!.id, { type: 'ticket.resolve', resolution: 'Су сорып алынды' });
    const resolved = await fake.waitFor(() =>
      fake.textsTo(r.chatId).find((t) => t.includes('Мәртебесі: Шешілді.')),
    );
    expect(resolved).toBe(
      [
        `№ ${ticket!.registration_number} өтініш («Көшені су басу, судың жиналуы»):`,
        'Мәртебесі: Шешілді.',
        'Нәтижесі: Су сорып алынды',
        'Мәселе шешілмесе, 3 тәулік ішінде хабарлаңыз — өтініш қайта ашылады.',
        `Барысын бақылау: ${PUBLIC_URL}/t/${ticket!.registration_number}`,
      ].join('\n'),
    );
  });

  it('retries a message Telegram refused with 429 after its retry_after, and records a blocked chat', async () => {
    await server.komek.outbox.stop();
    let now = Date.now() + 60_000;
    const worker = new OutboxWorker(
      server.komek.db,
      [telegramTransport(new Bot(FAKE_BOT_TOKEN, { client: { apiRoot: fake.url } }).api)],
      { publicUrl: PUBLIC_URL, timeZone: 'Asia/Almaty' },
      silent,
      () => new Date(now),
      { retryBaseMs: 5_000 },
    );
    try {
      await worker.deliverDue(); // whatever earlier tests left
      const r = resident('en');
      await fillAppeal(r, 'Water over the pavement by the clinic');
      await r.taps('✅ Send');
      const [ticket] = await ticketsOfChat(server.komek.db, r.chatId);
      await command(staff.water, ticket!.id, { type: 'ticket.accept' });
      const sent = fake.textsTo(r.chatId).length;

      fake.failNext('sendMessage', {
        error_code: 429,
        description: 'Too Many Requests: retry after 42',
        parameters: { retry_after: 42 },
      });
      expect(await worker.deliverDue()).toEqual({ sent: 0, failed: 1 });
      const [, accepted] = await listTicketMessages(server.komek.db, ticket!.id);
      expect(accepted).toMatchObject({ status: 'pending', attempts: 1 });
      expect(accepted!.lastError).toContain('429');
      expect(accepted!.nextAttemptAt.getTime()).toBe(now + 42_000);

      now += 41_000;
      expect(await worker.deliverDue()).toEqual({ sent: 0, failed: 0 });
      now += 1_000;
      expect(await worker.deliverDue()).toEqual({ sent: 1, failed: 0 });
      expect(fake.textsTo(r.chatId).slice(sent)).toEqual([expect.stringContaining('Status: Accepted.')]);

      fake.failNext('sendMessage', {
        error_code: 403,
        description: 'Forbidden: bot was blocked by the user',
      });
      await command(staff.water, ticket!.id, { type: 'ticket.start' });
      now += 1_000;
      expect(await worker.deliverDue()).toEqual({ sent: 0, failed: 1 });
      const started = (await listTicketMessages(server.komek.db, ticket!.id)).at(-1)!;
      expect(started.lastError).toMatch(/blocked the bot.*403: Forbidden: bot was blocked by the user/);
    } finally {
      server.komek.outbox.start();
    }
  });

  it('continues a conversation across a restart of the server on the same database, even while Telegram refuses setWebhook', async () => {
    const r = resident('en');
    await r.says('/new');
    await r.taps('Flooded street or standing water');
    await r.says('Abay avenue 12');
    expect(fake.lastTextTo(r.chatId)).toContain('Places matching "Abay avenue 12"');
    await r.taps('Abay Avenue, 12');
    expect(fake.lastTextTo(r.chatId)).toContain('Add a photo');

    await server.close();
    fake.failNext('setWebhook', { error_code: 502, description: 'Bad Gateway' });
    server = await startBotServer(database.db, fake, 'webhook', dataDir);
    deliver = webhookDelivery(server.url, SECRET);
    await fake.waitFor(() => fake.callsOf('setWebhook').at(-1)?.failedWith);

    await r.taps('Skip'); // the button of the message the old server sent
    expect(fake.lastTextTo(r.chatId)).toContain('Describe the problem');
    await r.says('Puddle across the whole crossing');
    expect(fake.lastTextTo(r.chatId)).toMatch(/Place: Abay Avenue, 12[\s\S]*Photo: none/);
    await r.taps('✅ Send');
    expect(fake.lastTextTo(r.chatId)).toMatch(
      /^Your appeal No\. \d{4}-\d+ \("Flooded street or standing water"\) is registered\./,
    );
    const tickets = await ticketsOfChat(server.komek.db, r.chatId);
    expect(tickets).toHaveLength(1);
    expect(expectTicket(await as(staff.operator).get(`/api/tickets/${tickets[0]!.id}`))).toMatchObject({
      ...ABAY_AVENUE,
      address: 'Abay Avenue, 12',
    });
  });

  it('looks a typed address up in the gazetteer: at most five places as buttons, old buttons refused, help when nothing is found', async () => {
    const r = resident('en');
    await r.says('/new');
    await r.taps('Flooded street or standing water');
    await r.says('Astana');
    expect(fake.lastTextTo(r.chatId)).toBe(
      'Places matching "Astana". Choose one and the appeal is pinned there:',
    );
    expect(r.buttons()).toHaveLength(6);
    expect(r.buttons().at(-1)).toBe('✏️ Keep it as typed');

    // Another address replaces the offer; a button of the first one is stale.
    await r.says('кабанбай 53');
    expect(r.buttons()[0]).toBe('Kabanbay Batyr Avenue, 53');
    const sent = fake.textsTo(r.chatId).length;
    await r.taps('Astana Arena Stadium');
    expect(fake.callsOf('answerCallbackQuery').at(-1)?.params).toMatchObject({
      text: 'That button belongs to an earlier step.',
    });
    expect(fake.textsTo(r.chatId)).toHaveLength(sent);

    await r.taps('Kabanbay Batyr Avenue, 53');
    expect(fake.textsTo(r.chatId).slice(-2)).toEqual([
      'Place: Kabanbay Batyr Avenue, 53.',
      expect.stringContaining('Add a photo'),
    ]);
    await r.taps('Skip');
    await r.says('Water up to the kerb by the bus stop');
    expect(fake.lastTextTo(r.chatId)).toContain('Place: Kabanbay Batyr Avenue, 53');
    await r.taps('✅ Send');
    const [filed] = await ticketsOfChat(server.komek.db, r.chatId);
    expect(expectTicket(await as(staff.operator).get(`/api/tickets/${filed!.id}`))).toMatchObject({
      lat: 51.118,
      lon: 71.411,
      address: 'Kabanbay Batyr Avenue, 53',
      districtId: 'nura',
    });

    // Nothing found: how to ask better, and the address may still be kept as typed (no point).
    const k = resident('kk');
    await k.says('/new');
    await k.taps('Көшені су басу, судың жиналуы');
    await k.says('Жоқ көше 7');
    expect(fake.lastTextTo(k.chatId)).toContain('«Жоқ көше 7» Астана картасынан табылмады');
    expect(k.buttons()).toEqual(['✏️ Жазылғандай қалдыру']);
    await k.taps('✏️ Жазылғандай қалдыру');
    expect(fake.textsTo(k.chatId).slice(-2)).toEqual([
      'Мекенжай алынды.',
      expect.stringContaining('фотосуретін'),
    ]);
    await k.taps('Өткізіп жіберу');
    await k.says('Аулада су тұр');
    await k.taps('✅ Жіберу');
    const [kept] = await ticketsOfChat(server.komek.db, k.chatId);
    expect(expectTicket(await as(staff.operator).get(`/api/tickets/${kept!.id}`))).toMatchObject({
      lat: null,
      lon: null,
      address: 'Жоқ көше 7',
    });
  });
});

describe.each(DATABASE_KINDS)('the Telegram bot on %s (long polling)', (kind) => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  let server: TestServer | undefined;
  let dataDir: string;

  beforeAll(async () => {
    fake = await FakeTelegram.start();
    dataDir = await mkdtemp(join(tmpdir(), 'komek-telegram-'));
    database = await createTestDatabase(kind);
    server = await startBotServer(database.db, fake, 'polling', dataDir);
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
    await fake?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('drops any webhook, takes updates from getUpdates, files the appeal, and confirms the last update when stopped', async () => {
    const r = new FakeResident(fake, 7001, 'en', pollingDelivery(fake));
    const replies = async (count: number) => fake.waitFor(() => fake.textsTo(r.chatId).length >= count);
    await r.says('/new');
    await replies(1);
    expect(fake.callsOf('deleteWebhook')).toHaveLength(1);
    await r.taps('Flooded street or standing water');
    await replies(2);
    await r.sharesLocation(IN_ASTANA.lat, IN_ASTANA.lon);
    await replies(4);
    await r.taps('Skip');
    await replies(5);
    await r.says('Water over the tram tracks');
    await replies(6);
    await r.taps('✅ Send');
    await replies(7);
    expect(fake.lastTextTo(r.chatId)).toMatch(/^Your appeal No\. \d{4}-\d+ .* is registered\./);
    expect(await ticketsOfChat(database.db, r.chatId)).toHaveLength(1);

    const lastUpdateId = r.lastUpdate!.update_id;
    await server!.close();
    server = undefined;
    // Stopping confirms what was handled, so a restart does not get it again.
    expect(fake.callsOf('getUpdates').at(-1)?.params).toMatchObject({ offset: lastUpdateId + 1 });
  });
});
