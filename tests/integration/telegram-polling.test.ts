import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../support/fake-telegram.ts';
import { FakeResident, pollingDelivery } from '../support/fake-telegram-resident.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import type { TestServer } from '../support/test-server.ts';
import { IN_ASTANA, startBotServer, ticketsOfChat } from './telegram-fixtures.ts';

// The Telegram bot taking updates by long polling, on a server of its own; the webhook is in telegram.test.ts.

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
