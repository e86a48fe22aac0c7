import pino from 'pino';

/**
 * The one logger. JSON lines on stderr (stdout stays free for command output such as `npm run probe`); the level
 * comes from LOG_LEVEL. Each part of the server takes a child with its own `part` so lines can be filtered.
 */
export type Logger = pino.Logger;

export const rootLogger: Logger = pino(
  { level: process.env.LOG_LEVEL ?? 'info', base: undefined },
  pino.destination({ fd: 2, sync: false }),
);

export function logger(part: string): Logger {
  return rootLogger.child({ part });
}
