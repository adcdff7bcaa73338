import { describe, expect, it } from 'vitest';
import { webhookDelivery } from '../support/fake-telegram-resident.ts';
import { DATABASE_KINDS } from '../support/test-database.ts';
import { expectTicket } from '../support/test-server.ts';
import { conversationTests } from './telegram-conversation.suite.ts';
import {
  ABAY_AVENUE,
  PUBLIC_URL,
  SECRET,
  startBotServer,
  ticketsOfChat,
  useTelegramBot,
} from './telegram-fixtures.ts';
import { statusTests } from './telegram-status.suite.ts';

// The Telegram bot behind its webhook, one server per database: how it sets and guards the webhook and
// survives a restart (here), the conversation that files an appeal (telegram-conversation.suite.ts),
// and what residents are told afterwards (telegram-status.suite.ts). The families run here, on this
// suite's server: a test file of their own would start another (the integration project runs its
// files one after another). Long polling is in telegram-polling.test.ts.

describe.each(DATABASE_KINDS)('the Telegram bot on %s (webhook)', (kind) => {
  const bot = useTelegramBot(kind);

  it('sets its webhook at start, with the secret and the public address', async () => {
    const set = await bot.fake.waitFor(() => bot.fake.callsOf('setWebhook').at(-1));
    expect(set.params).toMatchObject({
      url: `${PUBLIC_URL}/telegram/webhook`,
      secret_token: SECRET,
      allowed_updates: ['message', 'callback_query'],
    });
  });

  conversationTests(bot);
  statusTests(bot);

  it('refuses a wrong or missing secret (401) and bodies that are not updates (400), never a 500', async () => {
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${bot.server.url}/telegram/webhook`, {
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
    expect(bot.fake.textsTo(1)).toEqual([]);

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
    expect(bot.fake.textsTo(-100)).toEqual([]);
  });

  it('continues a conversation across a restart of the server on the same database, even while Telegram refuses setWebhook', async () => {
    const r = bot.resident('en');
    await r.says('/new');
    await r.taps('Flooded street or standing water');
    await r.says('Abay avenue 12');
    expect(bot.fake.lastTextTo(r.chatId)).toContain('Places matching "Abay avenue 12"');
    await r.taps('Abay Avenue, 12');
    expect(bot.fake.lastTextTo(r.chatId)).toContain('Add a photo');

    await bot.server.close();
    bot.fake.failNext('setWebhook', { error_code: 502, description: 'Bad Gateway' });
    bot.server = await startBotServer(bot.database.db, bot.fake, 'webhook', bot.dataDir);
    bot.deliver = webhookDelivery(bot.server.url, SECRET);
    await bot.fake.waitFor(() => bot.fake.callsOf('setWebhook').at(-1)?.failedWith);

    await r.taps('Skip'); // the button of the message the old server sent
    expect(bot.fake.lastTextTo(r.chatId)).toContain('Describe the problem');
    await r.says('Puddle across the whole crossing');
    expect(bot.fake.lastTextTo(r.chatId)).toMatch(/Place: Abay Avenue, 12[\s\S]*Photo: none/);
    await r.taps('✅ Send');
    expect(bot.fake.lastTextTo(r.chatId)).toMatch(
      /^Your appeal No\. \d{4}-\d+ \("Flooded street or standing water"\) is registered\./,
    );
    const tickets = await ticketsOfChat(bot.server.komek.db, r.chatId);
    expect(tickets).toHaveLength(1);
    expect(
      expectTicket(await bot.as(bot.staff.operator).get(`/api/tickets/${tickets[0]!.id}`)),
    ).toMatchObject({
      ...ABAY_AVENUE,
      address: 'Abay Avenue, 12',
    });
  });
});
