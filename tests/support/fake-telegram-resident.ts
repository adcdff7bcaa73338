import type { FakeMessage, FakeTelegram, FakeUpdate } from './fake-telegram.ts';

/** How a test hands an update to the bot: POSTed to its webhook, or queued for its long polling. */
export type Deliver = (update: FakeUpdate) => Promise<number>;

/** Delivers updates to Komek's webhook with the secret; resolves with the HTTP status. */
export function webhookDelivery(serverUrl: string, secret: string): Deliver {
  return async (update) => {
    const res = await fetch(`${serverUrl}/telegram/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify(update),
    });
    await res.text();
    return res.status;
  };
}

/** Queues updates for the bot's long polling. */
export const pollingDelivery =
  (fake: FakeTelegram): Deliver =>
  async (update) => {
    fake.push(update);
    return 200;
  };

/**
 * A resident talking to the bot in a private chat: builds the updates their Telegram app would
 * send, and taps buttons the bot showed them by their label.
 */
export class FakeResident {
  readonly chatId: number;
  readonly languageCode: string;
  private readonly fake: FakeTelegram;
  deliver: Deliver;
  /** The last update sent, to deliver it again as Telegram's retries do. */
  lastUpdate: FakeUpdate | null = null;

  constructor(fake: FakeTelegram, chatId: number, languageCode: string, deliver: Deliver) {
    this.fake = fake;
    this.chatId = chatId;
    this.languageCode = languageCode;
    this.deliver = deliver;
  }

  private get from() {
    return { id: this.chatId, is_bot: false, first_name: 'Aigerim', language_code: this.languageCode };
  }

  private message(fields: Record<string, unknown>): FakeUpdate {
    return {
      update_id: this.fake.updateId(),
      message: {
        message_id: Math.floor(Math.random() * 1e9),
        date: Math.floor(Date.now() / 1000),
        chat: { id: this.chatId, type: 'private', first_name: 'Aigerim' },
        from: this.from,
        ...fields,
      },
    };
  }

  /** Sends an update and expects the webhook's 200 (or the queue's). */
  async send(update: FakeUpdate): Promise<number> {
    this.lastUpdate = update;
    return this.deliver(update);
  }

  says(text: string): Promise<number> {
    return this.send(this.message({ text }));
  }

  sharesLocation(lat: number, lon: number): Promise<number> {
    return this.send(this.message({ location: { latitude: lat, longitude: lon } }));
  }

  sendsPhoto(fileId: string, caption?: string): Promise<number> {
    const sizes = [90, 320, 1280].map((w) => ({
      file_id: `${fileId}-${w}`,
      file_unique_id: `${fileId}-u${w}`,
      width: w,
      height: Math.round((w * 3) / 4),
    }));
    return this.send(this.message({ photo: sizes, ...(caption && { caption }) }));
  }

  /** Taps the button labelled `label` (exactly, or by a pattern) in the newest message that shows one. */
  taps(label: string | RegExp): Promise<number> {
    const found = this.findButton(label);
    if (!found) throw new Error(`no button "${String(label)}" in chat ${this.chatId}`);
    return this.send({
      update_id: this.fake.updateId(),
      callback_query: {
        id: `cq-${this.fake.updateId()}`,
        from: this.from,
        chat_instance: 'ci',
        data: found.data,
        message: {
          message_id: found.messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: this.chatId, type: 'private' },
          text: 'prompt',
        },
      },
    });
  }

  /** The labels of the inline buttons in the newest message that has any. */
  buttons(): string[] {
    const message = this.newestWithButtons();
    return message ? inlineButtons(message).map((b) => b.text) : [];
  }

  private newestWithButtons(): FakeMessage | undefined {
    return [...this.fake.messages.values()]
      .filter((m) => m.chatId === this.chatId && inlineButtons(m).length > 0)
      .at(-1);
  }

  private findButton(label: string | RegExp): { data: string; messageId: number } | undefined {
    const messages = [...this.fake.messages.values()].filter((m) => m.chatId === this.chatId).reverse();
    for (const message of messages) {
      const button = inlineButtons(message).find((b) =>
        typeof label === 'string' ? b.text === label : label.test(b.text),
      );
      if (button) return { data: button.callback_data, messageId: message.messageId };
    }
    return undefined;
  }
}

function inlineButtons(message: FakeMessage): { text: string; callback_data: string }[] {
  const rows = message.replyMarkup?.inline_keyboard;
  return Array.isArray(rows) ? (rows.flat() as { text: string; callback_data: string }[]) : [];
}
