/** `npm start`: the board against the Asterisk and the Redis named in the environment (see config.ts). */
import { ConfigError, loadConfig } from './config.ts';
import { logger } from './log.ts';
import { createApp } from './compose.ts';

const log = logger('main');

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // Meant for a person starting the server: plain text, not a JSON log line.
  process.stderr.write(`tablica: refusing to start, ${error.message}\n`);
  process.exit(2);
}

const app = await createApp(config);
process.stdout.write(`Tablica board: ${app.url}\n`);

const stop = (signal: string): void => {
  log.info({ signal }, 'stopping');
  app.close().then(
    () => process.exit(0),
    (error: unknown) => {
      log.error({ err: (error as Error).message }, 'unclean stop');
      process.exit(1);
    },
  );
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
