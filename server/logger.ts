import { pino, type Logger } from 'pino';

/**
 * Structured logs, one JSON line per request and per state change. On a terminal (a newcomer's
 * `npm start`) the same records are pretty-printed, so the first admin password is easy to read.
 */
export function createLogger(level: string, pretty = process.stdout.isTTY === true): Logger {
  return pino({
    level,
    base: { service: 'komek' },
    ...(pretty && {
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' },
      },
    }),
  });
}
export type { Logger };
