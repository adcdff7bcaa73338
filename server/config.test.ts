import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to embedded PGlite with the simulator on, and to the simulator off with DATABASE_URL', () => {
    const embedded = loadConfig({});
    expect(embedded).toMatchObject({
      port: 3000,
      databaseUrl: null,
      dataDir: './data',
      simulator: true,
      cityTimeZone: 'Asia/Almaty',
    });
    expect(Object.isFrozen(embedded)).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).simulator).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', SIMULATOR: 'on' }).simulator).toBe(true);
  });

  it('splits OPEN311_API_KEYS and treats empty variables as unset', () => {
    expect(loadConfig({ OPEN311_API_KEYS: ' a, b ,,c', PORT: '' })).toMatchObject({
      open311ApiKeys: ['a', 'b', 'c'],
      port: 3000,
    });
  });

  it('names every bad variable in one message', () => {
    const attempt = () =>
      loadConfig({ PORT: 'abc', SIMULATOR: 'maybe', TZ_CITY: 'Mars/Olympus', DATABASE_URL: 'mysql://x' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain('PORT must be a port number 0-65535');
      expect(message).toContain('SIMULATOR must be "on" or "off"');
      expect(message).toContain('TZ_CITY must be an IANA time zone');
      expect(message).toContain('DATABASE_URL must be a postgres:// URL');
    }
  });
});
