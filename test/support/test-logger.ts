import { logger, type Logger } from '../../server/log.ts';

/** A logger for code under test: silent unless LOG_LEVEL asks for more (e.g. LOG_LEVEL=debug npx vitest). */
export function testLogger(part = 'test'): Logger {
  return logger(part).child({}, { level: process.env.LOG_LEVEL ?? 'silent' });
}
