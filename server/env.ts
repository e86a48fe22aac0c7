import type { z } from 'zod';
import { configProblem } from './contract/issues.ts';

/** A bad environment: the message names every bad variable, and the process refuses to start. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses environment variables with a schema; throws ConfigError listing every problem. An empty variable
 * (`AMI_PORT=` in a .env file) means "not set", so that defaults apply.
 */
export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${configProblem(issue)}`);
    throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}
