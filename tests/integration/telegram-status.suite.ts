import { Bot } from 'grammy';
import { expect, it } from 'vitest';
import { listTicketMessages } from '../../db/queries/outbox.ts';
import { createLogger } from '../../server/logger.ts';
import { OutboxWorker } from '../../server/notifications/outbox-worker.ts';
import { telegramTransport } from '../../server/telegram/telegram-transport.ts';
import { FAKE_BOT_TOKEN } from '../support/fake-telegram.ts';
import { IN_ASTANA, PUBLIC_URL, ticketsOfChat, type TelegramBotSuite } from './telegram-fixtures.ts';

// What residents are told after filing: /status in three languages, and every state change through
// the outbox, retried when Telegram refuses it. Run by telegram.test.ts.

const silent = createLogger('silent');

/** Registers the status and notification tests on the webhook suite `bot`. */
export function statusTests(bot: TelegramBotSuite): void {
  it('answers /status in Russian, Kazakh and English, with the hold reason and the outcome, and refuses unknown numbers', async () => {
    const filed = await bot.as(bot.staff.operator).createTicket({ categoryId: 'flooding' });
    const n = filed.registrationNumber!;
    await bot.command(bot.staff.water, filed.id, { type: 'ticket.accept' });
    await bot.command(bot.staff.water, filed.id, { type: 'ticket.start' });
    await bot.command(bot.staff.water, filed.id, {
      type: 'ticket.hold',
      reason: 'waiting for the pump truck',
      until: '2030-01-01T09:00:00+05:00',
    });

    const ru = bot.resident('ru');
    const kk = bot.resident('kk');
    const en = bot.resident('en');
    await ru.says(`/status ${n}`);
    expect(bot.fake.lastTextTo(ru.chatId)).toMatch(
      /^Обращение № \S+ \(«Подтопление[\s\S]*Статус: Приостановлено\.\nПричина: waiting for the pump truck\. Работы возобновят/,
    );
    await kk.says(`/status@komek_test_bot ${n}`);
    expect(bot.fake.lastTextTo(kk.chatId)).toContain(
      'Мәртебесі: Уақытша тоқтатылды.\nСебебі: waiting for the pump truck.',
    );
    await en.says(n); // a bare number, outside a conversation, is a status question too
    expect(bot.fake.lastTextTo(en.chatId)).toContain('Status: On hold.\nReason: waiting for the pump truck.');
    expect(bot.fake.lastTextTo(en.chatId)).toContain(`Follow it here: ${PUBLIC_URL}/t/${n}`);

    await bot.command(bot.staff.water, filed.id, { type: 'ticket.resume' });
    await bot.command(bot.staff.water, filed.id, {
      type: 'ticket.resolve',
      resolution: 'Drain cleared, water pumped out',
    });
    await en.says(`/status ${n}`);
    expect(bot.fake.lastTextTo(en.chatId)).toContain(
      'Status: Resolved.\nOutcome: Drain cleared, water pumped out',
    );
    await kk.says(`/status ${n}`);
    expect(bot.fake.lastTextTo(kk.chatId)).toContain('Мәртебесі: Шешілді.\nНәтижесі: Drain cleared');

    await en.says('/status 2026-999999');
    expect(bot.fake.lastTextTo(en.chatId)).toBe(
      'No appeal No. 2026-999999 was found. Please check the number.',
    );
    await ru.says('/status 2026-999999');
    expect(bot.fake.lastTextTo(ru.chatId)).toBe('Обращение № 2026-999999 не найдено. Проверьте номер.');
    await kk.says('/status abc');
    expect(bot.fake.lastTextTo(kk.chatId)).toBe(
      '«abc» — өтініш нөмірі емес. Нөмірлер былай жазылады: 2026-000123.',
    );
    await en.says('/status');
    expect(bot.fake.lastTextTo(en.chatId)).toBe('Send the registration number: /status 2026-000123');
  });

  it('tells the cancel reason only to the chat that filed the appeal', async () => {
    const filer = bot.resident('en');
    await bot.fillAppeal(filer, 'Water in the courtyard of block 5');
    await filer.taps('✅ Send');
    const [ticket] = await ticketsOfChat(bot.server.komek.db, filer.chatId);
    await bot.command(bot.staff.operator, ticket!.id, {
      type: 'ticket.cancel',
      reason: 'Filed twice by mistake',
    });

    await filer.says('/status');
    expect(bot.fake.lastTextTo(filer.chatId)).toContain('Status: Cancelled.\nReason: Filed twice by mistake');
    const stranger = bot.resident('en');
    await stranger.says(`/status ${ticket!.registration_number}`);
    expect(bot.fake.lastTextTo(stranger.chatId)).toContain('Status: Cancelled.');
    expect(bot.fake.lastTextTo(stranger.chatId)).not.toContain('Filed twice');
  });

  it('tells the resident of every state change, in their language, through the server’s own outbox', async () => {
    const r = bot.resident('kk');
    await r.says('/start');
    await r.taps('Қазақша');
    await r.taps('Көшені су басу, судың жиналуы');
    await r.sharesLocation(IN_ASTANA.lat, IN_ASTANA.lon);
    await r.taps('Өткізіп жіберу');
    await r.says('Аялдамада су жиналып қалды');
    await r.taps('✅ Жіберу');
    const [ticket] = await ticketsOfChat(bot.server.komek.db, r.chatId);

    await bot.command(bot.staff.water, ticket!.id, { type: 'ticket.accept' });
    await bot.command(bot.staff.water, ticket!.id, { type: 'ticket.start' });
    await bot.command(bot.staff.water, ticket!.id, { type: 'ticket.resolve', resolution: 'Су сорып алынды' });
    const resolved = await bot.fake.waitFor(() =>
      bot.fake.textsTo(r.chatId).find((t) => t.includes('Мәртебесі: Шешілді.')),
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
    await bot.server.komek.outbox.stop();
    let now = Date.now() + 60_000;
    const worker = new OutboxWorker(
      bot.server.komek.db,
      [telegramTransport(new Bot(FAKE_BOT_TOKEN, { client: { apiRoot: bot.fake.url } }).api)],
      { publicUrl: PUBLIC_URL, timeZone: 'Asia/Almaty' },
      silent,
      () => new Date(now),
      { retryBaseMs: 5_000 },
    );
    try {
      await worker.deliverDue(); // whatever earlier tests left
      const r = bot.resident('en');
      await bot.fillAppeal(r, 'Water over the pavement by the clinic');
      await r.taps('✅ Send');
      const [ticket] = await ticketsOfChat(bot.server.komek.db, r.chatId);
      await bot.command(bot.staff.water, ticket!.id, { type: 'ticket.accept' });
      const sent = bot.fake.textsTo(r.chatId).length;

      bot.fake.failNext('sendMessage', {
        error_code: 429,
        description: 'Too Many Requests: retry after 42',
        parameters: { retry_after: 42 },
      });
      expect(await worker.deliverDue()).toEqual({ sent: 0, failed: 1 });
      const [, accepted] = await listTicketMessages(bot.server.komek.db, ticket!.id);
      expect(accepted).toMatchObject({ status: 'pending', attempts: 1 });
      expect(accepted!.lastError).toContain('429');
      expect(accepted!.nextAttemptAt.getTime()).toBe(now + 42_000);

      now += 41_000;
      expect(await worker.deliverDue()).toEqual({ sent: 0, failed: 0 });
      now += 1_000;
      expect(await worker.deliverDue()).toEqual({ sent: 1, failed: 0 });
      expect(bot.fake.textsTo(r.chatId).slice(sent)).toEqual([expect.stringContaining('Status: Accepted.')]);

      bot.fake.failNext('sendMessage', {
        error_code: 403,
        description: 'Forbidden: bot was blocked by the user',
      });
      await bot.command(bot.staff.water, ticket!.id, { type: 'ticket.start' });
      now += 1_000;
      expect(await worker.deliverDue()).toEqual({ sent: 0, failed: 1 });
      const started = (await listTicketMessages(bot.server.komek.db, ticket!.id)).at(-1)!;
      expect(started.lastError).toMatch(/blocked the bot.*403: Forbidden: bot was blocked by the user/);
    } finally {
      bot.server.komek.outbox.start();
    }
  });
}
