import { m } from '../contract/messages/messages.js';
import type { Locale } from '../contract/locale.ts';
import { inEnglish, say, type Localized } from '../i18n.ts';

/** Why a layout operation was refused; transports map the kind to their own status (HTTP 400 / 403 / 404 / 409). */
export type LayoutErrorKind = 'invalid' | 'forbidden' | 'notFound' | 'conflict';

/** A refusal whose message is written for the person who asked, in their language when it comes from the catalogue. */
export class LayoutError extends Error {
  readonly #text: string | Localized;

  constructor(
    readonly kind: LayoutErrorKind,
    text: string | Localized,
  ) {
    super(inEnglish(text));
    this.name = 'LayoutError';
    this.#text = text;
  }

  /** The message in `locale` (a plain-string message is the same in every language). */
  say(locale: Locale): string {
    return typeof this.#text === 'string' ? this.#text : this.#text(locale);
  }
}

export function notFound(id: string): LayoutError {
  return new LayoutError('notFound', say(m.editor_refused_not_found, { id }));
}
