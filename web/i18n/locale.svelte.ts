import { FALLBACK_LOCALE, isLocale, type Locale } from '../../server/contract/locale.ts';
import { overwriteGetLocale } from '../../server/contract/messages/runtime.js';

/**
 * The language this tab speaks. Every message (`m.…()`) and every formatter reads it through the catalogue's
 * `getLocale`, which reads this state: so a change of language re-renders whatever shows a word, without a reload.
 */
class UiLocale {
  current = $state<Locale>(FALLBACK_LOCALE);
}

const ui = new UiLocale();
overwriteGetLocale(() => ui.current);

export function currentLocale(): Locale {
  return ui.current;
}

/** Speaks `locale` from now on (and tells the browser, for hyphenation and screen readers). */
export function useLocale(locale: Locale): void {
  ui.current = locale;
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

const LOGIN_CHOICE = 'tablica.loginLocale';

/** The language picked with the login page's switch in this browser, if any. */
export function loginChoice(): Locale | null {
  try {
    const saved = globalThis.localStorage?.getItem(LOGIN_CHOICE);
    return isLocale(saved) ? saved : null;
  } catch {
    return null;
  }
}

export function saveLoginChoice(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(LOGIN_CHOICE, locale);
  } catch {
    // Storage blocked: the choice holds for this page only.
  }
}
