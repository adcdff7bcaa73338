import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';

const TOKEN = '123456789:AAHfake-token_for_tests_0123456789';

describe('the Telegram configuration', () => {
  it('is off without a token', () => {
    expect(loadConfig({}).telegram).toBeNull();
  });

  it('polls without an https PUBLIC_URL, and takes the webhook with one', () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN }).telegram).toEqual({
      token: TOKEN,
      botId: 123456789,
      mode: 'polling',
      webhookSecret: null,
      webhookUrl: null,
      apiRoot: 'https://api.telegram.org',
    });
    expect(
      loadConfig({
        TELEGRAM_BOT_TOKEN: TOKEN,
        PUBLIC_URL: 'https://109.astana.kz/',
        TELEGRAM_WEBHOOK_SECRET: 'a-long-enough-secret',
        TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      }).telegram,
    ).toMatchObject({
      mode: 'webhook',
      webhookUrl: 'https://109.astana.kz/telegram/webhook',
      webhookSecret: 'a-long-enough-secret',
      apiRoot: 'http://127.0.0.1:8081',
    });
    expect(
      loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, PUBLIC_URL: 'https://109.astana.kz', TELEGRAM_MODE: 'polling' })
        .telegram?.mode,
    ).toBe('polling');
  });

  it('names what webhook mode is missing, and bad values', () => {
    const attempt = (env: Record<string, string>) => () => loadConfig(env);
    expect(attempt({ TELEGRAM_BOT_TOKEN: TOKEN, PUBLIC_URL: 'https://109.astana.kz' })).toThrow(
      /TELEGRAM_WEBHOOK_SECRET is required in webhook mode/,
    );
    expect(
      attempt({
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_SECRET: 'x'.repeat(20),
      }),
    ).toThrow(/TELEGRAM_MODE webhook needs PUBLIC_URL/);
    expect(attempt({ TELEGRAM_BOT_TOKEN: 'not-a-token' })).toThrow(/TELEGRAM_BOT_TOKEN must be a bot token/);
    expect(attempt({ TELEGRAM_MODE: 'push' })).toThrow(ConfigError);
    expect(attempt({ TELEGRAM_WEBHOOK_SECRET: 'short' })).toThrow(/TELEGRAM_WEBHOOK_SECRET must be 16-256/);
  });
});
