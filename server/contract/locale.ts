import { z } from 'zod';
import { locales, type Locale } from './messages/runtime.js';

/**
 * The languages of the product: Polish and English. A person's language is chosen in this order: the one saved with
 * their account; the installation's DEFAULT_LOCALE; the browser's Accept-Language (so the login page follows the
 * browser only where DEFAULT_LOCALE is not set); finally Polish, the language of the first users.
 */
export type { Locale };
export const LOCALES = locales;
export const FALLBACK_LOCALE: Locale = 'pl';
export const localeField = z.enum(LOCALES);

/** The language names as the switch offers them, each in its own language. */
export const LOCALE_NAMES: Record<Locale, string> = { pl: 'Polski', en: 'English' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The first language of an Accept-Language header (`pl-PL,pl;q=0.9,en;q=0.8`) that the product speaks, by weight;
 * null when none is (or there is no header).
 */
export function localeOfAcceptLanguage(header: string | null | undefined): Locale | null {
  const ranked = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [range = '', ...params] = part.trim().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
      return {
        language: range.trim().toLowerCase().split('-')[0] ?? '',
        weight: q === undefined ? 1 : Number(q),
        index,
      };
    })
    .filter((entry) => entry.weight > 0 && isLocale(entry.language))
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  const first = ranked[0]?.language;
  return isLocale(first) ? first : null;
}

/** The language to speak to someone: see the order above. */
export function pickLocale(who: {
  saved?: Locale | null;
  acceptLanguage?: string | null;
  defaultLocale?: Locale | null;
}): Locale {
  return who.saved ?? who.defaultLocale ?? localeOfAcceptLanguage(who.acceptLanguage) ?? FALLBACK_LOCALE;
}
