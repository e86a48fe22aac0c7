import type { z } from 'zod';
import { parseWith } from './contract/issues.ts';

/**
 * A refusal with its HTTP status and a message meant for the person reading it. Routes throw it; the app's error
 * handler (server/http/errors.ts) answers with the status and `{ ok: false, error: message }`.
 */
export class Refusal extends Error {
  override name = 'Refusal';
  /** Its message is meant for the client, whatever the status (server/http/errors.ts). */
  readonly expose = true;

  constructor(
    readonly status: number,
    message: string,
    /** Sent as Retry-After: when a refusal for load or a lock ends. */
    readonly retryAfterSec?: number,
  ) {
    super(message);
  }
}

export const badRequest = (message: string): Refusal => new Refusal(400, message);
export const unauthorized = (message = 'Log in first.'): Refusal => new Refusal(401, message);
export const forbidden = (message: string): Refusal => new Refusal(403, message);
export const notFound = (what: string): Refusal => new Refusal(404, `There is no ${what}.`);
export const conflict = (message: string): Refusal => new Refusal(409, message);

/** The body as the schema reads it, or a 400 naming each bad field, e.g. `Password must be at least 12 characters.` */
export function validate<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = parseWith(schema, body ?? {});
  if (parsed.ok) return parsed.data;
  throw badRequest(parsed.error);
}
