import type { z } from 'zod';
import { parseWith } from '../contract/issues.ts';

/**
 * A refusal with its HTTP status and a message meant for the person reading it. Routes throw it; the app's error
 * handler (server/http/errors.ts) answers with the status and `{ ok: false, error: message }`.
 */
export class AccessError extends Error {
  override name = 'AccessError';
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

export const badRequest = (message: string): AccessError => new AccessError(400, message);
export const unauthorized = (message = 'log in first'): AccessError => new AccessError(401, message);
export const forbidden = (message: string): AccessError => new AccessError(403, message);
export const notFound = (what: string): AccessError => new AccessError(404, `${what} not found`);
export const conflict = (message: string): AccessError => new AccessError(409, message);

/** The body as the schema reads it, or a 400 naming each bad field, e.g. `Password must be at least 12 characters.` */
export function validate<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = parseWith(schema, body ?? {});
  if (parsed.ok) return parsed.data;
  throw badRequest(parsed.error);
}
