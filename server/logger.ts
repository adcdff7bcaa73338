import { pino, type Logger } from 'pino';

/** Structured logs, one JSON line per request and per state change. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'komek' } });
}
export type { Logger };
