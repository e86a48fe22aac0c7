import type { z } from 'zod';
import { checkWith, type Subject } from './contract/issues.ts';
import type { Locale } from './contract/locale.ts';
import { inEnglish, say, type Localized } from './i18n.ts';
import { m } from './contract/messages/messages.js';

/**
 * A refusal with its HTTP status and a message meant for the person reading it, in their language when it is a
 * message of the catalogue (`forbidden(say(m.server_…))`). Routes throw it; the app's error handler
 * (server/http/errors.ts) answers with the status and `{ ok: false, error: message }` in the asker's language.
 */
export class Refusal extends Error {
  override name = 'Refusal';
  /** Its message is meant for the client, whatever the status (server/http/errors.ts). */
  readonly expose = true;

  readonly #text: string | Localized;

  constructor(
    readonly status: number,
    text: string | Localized,
    /** Sent as Retry-After: when a refusal for load or a lock ends. */
    readonly retryAfterSec?: number,
  ) {
    super(inEnglish(text));
    this.#text = text;
  }

  /** The message in `locale` (a plain-string message is the same in every language). */
  say(locale: Locale): string {
    return typeof this.#text === 'string' ? this.#text : this.#text(locale);
  }
}

type Text = string | Localized;

export const badRequest = (message: Text): Refusal => new Refusal(400, message);
export const unauthorized = (message: Text = say(m.server_refusal_log_in)): Refusal => new Refusal(401, message);
export const forbidden = (message: Text): Refusal => new Refusal(403, message);
export const notFound = (message: Text): Refusal => new Refusal(404, message);
export const conflict = (message: Text): Refusal => new Refusal(409, message);

/**
 * The input as the schema reads it, or a 400 naming each bad field in the asker's language, e.g. `Password must be
 * at least 12 characters.` A missing body is an empty one.
 */
export function validate<T extends z.ZodType>(schema: T, input: unknown, subject?: Subject): z.infer<T> {
  const checked = checkWith(schema, input ?? {}, subject);
  if (checked.ok) return checked.data;
  throw badRequest(checked.problems);
}
