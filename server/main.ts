import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startKomek } from './start.ts';

// Entry point: `node server/main.ts` (npm start builds the web app first); `--dev` serves it through Vite.
let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  throw err;
}
const logger = createLogger(config.logLevel);
const komek = await startKomek(config, { logger, dev: process.argv.includes('--dev') });

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    komek.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
