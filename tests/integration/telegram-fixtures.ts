import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Db } from '../../db/client.ts';
import { FAKE_BOT_TOKEN, FakeTelegram } from '../support/fake-telegram.ts';
import { FakeResident, webhookDelivery, type Deliver } from '../support/fake-telegram-resident.ts';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from '../support/test-database.ts';
import {
  ApiClient,
  expectTicket,
  seedStaff,
  startTestServer,
  type SignedIn,
  type Staff,
  type TestServer,
} from '../support/test-server.ts';

// What the Telegram bot suites (telegram.test.ts with its telegram-*.suite.ts families, and
// telegram-polling.test.ts) share: Komek with the bot on against the fake Telegram, places in and
// out of the city, and the webhook suite's server, staff and residents.

/** The secret Telegram sends with every webhook call. */
export const SECRET = 'komek-test-webhook-secret-109';
/** Where residents follow their appeals. */
export const PUBLIC_URL = 'https://109.astana.test';
/** Near Baiterek, on the left bank; Almaty city is 1,000 km away. */
export const IN_ASTANA = { lat: 51.128, lon: 71.43 };
export const IN_ALMATY = { lat: 43.238, lon: 76.945 };
/** Points of the gazetteer (db/migrations/20261126_0017_places.sql). */
export const KENESARY_STREET = { lat: 51.1665, lon: 71.435 };
export const ABAY_AVENUE = { lat: 51.16, lon: 71.438 };
/** A registration number in a reply. */
export const REGISTRATION = /\b(\d{4}-\d{6,9})\b/;

/** Komek with the bot on, talking to the fake Telegram; attachments go under `dataDir`. */
export const startBotServer = (db: Db, fake: FakeTelegram, mode: 'webhook' | 'polling', dataDir: string) =>
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

/** The tickets a chat is subscribed to, oldest first. */
export const ticketsOfChat = (db: Db, chatId: number) =>
  db.query<{ id: number; registration_number: string; channel: string; state: string }>(
    `select t.id, t.registration_number, t.channel, t.state from tickets t
     join ticket_subscribers s on s.ticket_id = t.id
     where s.channel = 'telegram' and s.address = $1 order by t.id`,
    [String(chatId)],
  );

/** The webhook suite's bot on one database: the fake Telegram, the server (replaced on a restart), staff. */
export class TelegramBotSuite {
  fake!: FakeTelegram;
  database!: TestDatabase;
  server!: TestServer;
  staff!: Staff;
  deliver!: Deliver;
  dataDir!: string;
  private nextChat = 5000;

  /** Starts the fake Telegram and a webhook server on `kind`, with the staff seeded. */
  async start(kind: DatabaseKind): Promise<void> {
    this.fake = await FakeTelegram.start();
    this.dataDir = await mkdtemp(join(tmpdir(), 'komek-telegram-'));
    this.database = await createTestDatabase(kind);
    this.server = await startBotServer(this.database.db, this.fake, 'webhook', this.dataDir);
    this.staff = await seedStaff(this.server);
    this.deliver = webhookDelivery(this.server.url, SECRET);
  }

  async close(): Promise<void> {
    await this.server?.close();
    await this.database?.close();
    await this.fake?.close();
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }

  /** A new resident (a chat of its own) whose Telegram app speaks `languageCode`. */
  resident(languageCode: string): FakeResident {
    return new FakeResident(this.fake, ++this.nextChat, languageCode, (update) => this.deliver(update));
  }

  /** The API as a signed-in person, on whichever server is running now. */
  as(who: SignedIn): ApiClient {
    return new ApiClient(this.server.url, who.cookie);
  }

  /** Sends a ticket command as `who`; it must apply. */
  async command(who: SignedIn, id: number, body: Record<string, unknown>) {
    return expectTicket(await this.as(who).command(id, body));
  }

  /** Walks a resident from /new to the confirmation, in English, with the photo skipped. */
  async fillAppeal(r: FakeResident, description: string) {
    expect(await r.says('/new')).toBe(200);
    await r.taps('Flooded street or standing water');
    await r.sharesLocation(IN_ASTANA.lat, IN_ASTANA.lon);
    await r.taps('Skip');
    await r.says(description);
    expect(this.fake.lastTextTo(r.chatId)).toContain(`Description: ${description}`);
  }
}

/** A webhook suite whose bot starts before its tests and stops after them. */
export function useTelegramBot(kind: DatabaseKind): TelegramBotSuite {
  const bot = new TelegramBotSuite();
  beforeAll(() => bot.start(kind));
  afterAll(() => bot.close());
  return bot;
}
