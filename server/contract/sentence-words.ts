import type { Locale } from './locale.ts';

/** A catalogue message without inputs. */
export type Message = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

/**
 * Says a feature's fixed English sentences in a reader's language (absent: the language being spoken). Services decide
 * refusals and outcomes as those sentences, which cross processes and stored records word for word; the reader's side
 * looks them up here. Any other text is returned as it is.
 */
export function sentenceWords<K extends string>(
  texts: Readonly<Record<K, string>>,
  words: Readonly<Record<K, Message>>,
): (text: string, locale?: Locale) => string {
  const byText = new Map<string, Message>((Object.keys(words) as K[]).map((key) => [texts[key], words[key]]));
  return (text, locale) => byText.get(text)?.({}, locale && { locale }) ?? text;
}
