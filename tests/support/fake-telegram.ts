import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A bot token the fake accepts (its numeric prefix is the bot's id). */
export const FAKE_BOT_TOKEN = '7109109109:AAFakeTokenForKomekTests_abcdefghij';
const BOT_ID = 7109109109;

/** One Bot API call the fake received. */
export interface FakeCall {
  method: string;
  params: Record<string, unknown>;
  /** The error the fake answered with, when it was told to fail this call. */
  failedWith?: FakeApiError;
}

/** An error the fake answers with, as Telegram does: `{ ok: false, error_code, description, parameters }`. */
export interface FakeApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

/** A message the bot sent, as it now stands (edits applied). */
export interface FakeMessage {
  messageId: number;
  chatId: number;
  text: string;
  replyMarkup: Record<string, unknown> | null;
}

/** A Telegram update (only what the tests build). */
export type FakeUpdate = { update_id: number } & Record<string, unknown>;

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  const parsed: unknown = JSON.parse(text);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

/**
 * A local stand-in for the Telegram Bot API over real HTTP, for the bot to call through its
 * `apiRoot`: the handful of methods the bot uses, every call recorded, errors injectable, and a
 * queue of updates served to long polling (getUpdates).
 */
export class FakeTelegram {
  readonly calls: FakeCall[] = [];
  readonly messages = new Map<number, FakeMessage>();
  webhookUrl: string | null = null;
  private readonly server: Server;
  private readonly updates: FakeUpdate[] = [];
  private readonly waiting = new Set<() => void>();
  private readonly failures = new Map<string, FakeApiError[]>();
  private readonly files = new Map<string, Uint8Array>();
  private nextMessageId = 1;
  private nextUpdate = 100_000;
  url = '';

  private constructor() {
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => json(res, 500, { ok: false, description: String(err) }));
    });
  }

  /** Starts a fake on an ephemeral port. */
  static async start(): Promise<FakeTelegram> {
    const fake = new FakeTelegram();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    for (const wake of this.waiting) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A fresh update id (Telegram's increase by one). */
  updateId(): number {
    return ++this.nextUpdate;
  }

  /** Queues an update for getUpdates (long polling). */
  push(update: FakeUpdate): void {
    this.updates.push(update);
    for (const wake of this.waiting) wake();
  }

  /** Makes a file (a photo a resident sent) downloadable by its file id. */
  addFile(fileId: string, bytes: Uint8Array): void {
    this.files.set(fileId, bytes);
  }

  /** Makes the next `times` calls of `method` fail with `error`. */
  failNext(method: string, error: FakeApiError, times = 1): void {
    this.failures.set(method, [
      ...(this.failures.get(method) ?? []),
      ...Array<FakeApiError>(times).fill(error),
    ]);
  }

  /** The calls of one method, oldest first. */
  callsOf(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The texts the bot sent to a chat with sendMessage (and the fake took), oldest first. */
  textsTo(chatId: number): string[] {
    return this.callsOf('sendMessage')
      .filter((c) => c.params.chat_id === chatId && !c.failedWith)
      .map((c) => String(c.params.text));
  }

  /** The last text sent to a chat. */
  lastTextTo(chatId: number): string {
    const texts = this.textsTo(chatId);
    if (texts.length === 0) throw new Error(`nothing was sent to chat ${chatId}`);
    return texts.at(-1)!;
  }

  /** Resolves with `find()` once it is defined (the bot works in the background in polling mode). */
  async waitFor<T>(find: () => T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found !== undefined && found !== null && found !== false) return found;
      if (Date.now() > deadline)
        throw new Error(`timed out after ${timeoutMs} ms waiting on the fake Telegram`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const download = /^\/file\/bot([^/]+)\/photos\/([^/]+)\.jpg$/.exec(
      new URL(req.url ?? '/', this.url).pathname,
    );
    if (download) {
      const bytes =
        download[1] === FAKE_BOT_TOKEN ? this.files.get(decodeURIComponent(download[2]!)) : undefined;
      if (!bytes) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes);
      return;
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(new URL(req.url ?? '/', this.url).pathname);
    if (!match) return json(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (match[1] !== FAKE_BOT_TOKEN)
      return json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2]!;
    const params = await readBody(req);
    if (method === 'getFile' && !this.files.has(String(params.file_id))) {
      return json(res, 400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
    }
    const failure = this.failures.get(method)?.shift();
    this.calls.push({ method, params, ...(failure && { failedWith: failure }) });
    if (failure) return json(res, failure.error_code, { ok: false, ...failure });
    const result = await this.answer(method, params, req);
    if (result === undefined) {
      return json(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
    json(res, 200, { ok: true, result });
  }

  private async answer(method: string, p: Record<string, unknown>, req: IncomingMessage): Promise<unknown> {
    switch (method) {
      case 'getMe':
        return { id: BOT_ID, is_bot: true, first_name: 'iKomek 109', username: 'komek_test_bot' };
      case 'setWebhook':
        this.webhookUrl = String(p.url);
        return true;
      case 'deleteWebhook':
        this.webhookUrl = null;
        return true;
      case 'getWebhookInfo':
        return { url: this.webhookUrl ?? '', has_custom_certificate: false, pending_update_count: 0 };
      case 'sendMessage':
        return this.store(Number(p.chat_id), p);
      case 'editMessageText': {
        const message = this.messages.get(Number(p.message_id));
        if (!message || message.chatId !== Number(p.chat_id)) return undefined;
        message.text = String(p.text);
        message.replyMarkup = (p.reply_markup as Record<string, unknown> | undefined) ?? null;
        return this.asTelegramMessage(message);
      }
      case 'answerCallbackQuery':
        return true;
      case 'getFile': {
        const bytes = this.files.get(String(p.file_id))!;
        return {
          file_id: p.file_id,
          file_unique_id: `u-${String(p.file_id)}`,
          file_size: bytes.length,
          file_path: `photos/${encodeURIComponent(String(p.file_id))}.jpg`,
        };
      }
      case 'getUpdates':
        return this.getUpdates(p, req);
      default:
        return undefined;
    }
  }

  private store(chatId: number, p: Record<string, unknown>) {
    const message: FakeMessage = {
      messageId: this.nextMessageId++,
      chatId,
      text: String(p.text),
      replyMarkup: (p.reply_markup as Record<string, unknown> | undefined) ?? null,
    };
    this.messages.set(message.messageId, message);
    return this.asTelegramMessage(message);
  }

  private asTelegramMessage(m: FakeMessage) {
    return {
      message_id: m.messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: m.chatId, type: 'private' },
      text: m.text,
      ...(m.replyMarkup && { reply_markup: m.replyMarkup }),
    };
  }

  /** Long polling: updates from `offset` on (older ones are confirmed and dropped), waiting up to `timeout` s. */
  private async getUpdates(p: Record<string, unknown>, req: IncomingMessage): Promise<unknown> {
    if (this.webhookUrl) return undefined;
    const offset = typeof p.offset === 'number' ? p.offset : 0;
    const limit = typeof p.limit === 'number' ? p.limit : 100;
    const timeoutS = typeof p.timeout === 'number' ? p.timeout : 0;
    const ready = () => {
      while (this.updates.length && this.updates[0]!.update_id < offset) this.updates.shift();
      return this.updates.slice(0, limit);
    };
    if (ready().length === 0 && timeoutS > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiting.delete(wake);
          req.socket.off('close', wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, timeoutS * 1000);
        this.waiting.add(wake);
        req.socket.on('close', wake);
      });
    }
    return ready();
  }
}
