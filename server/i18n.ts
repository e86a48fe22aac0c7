import type { Locale } from './contract/locale.ts';

/**
 * A sentence for a person, in the language of whoever reads it: the server decides the language only when it answers
 * (the reader's account, else their browser, else DEFAULT_LOCALE: AccessControl.localeOf), so the code that refuses
 * or reports does not need to know who asks.
 */
export type Localized = (locale: Locale) => string;

/** The catalogue's compiled messages: `(inputs, { locale }) => string` (server/contract/messages). */
type Message<Inputs> = (inputs: Inputs, options: { locale?: Locale }) => string;

/** A message of the catalogue with its inputs, to be spoken later: `say(m.server_refusal_disabled)`. */
export function say<Inputs extends object>(
  message: Message<Inputs>,
  ...inputs: Record<string, never> extends Inputs ? [Inputs?] : [Inputs]
): Localized {
  return (locale) => message((inputs[0] ?? {}) as Inputs, { locale });
}

/** English text of a localized sentence or a plain one, for the log (which is for the operator, in English). */
export function inEnglish(text: string | Localized): string {
  return typeof text === 'string' ? text : text('en');
}
