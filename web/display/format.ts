import { format, formatDuration as wordsOfDuration, isSameDay, type Locale as DateLocale } from 'date-fns';
import { enGB } from 'date-fns/locale/en-GB';
import { pl } from 'date-fns/locale/pl';
import type { Locale } from '../../server/contract/locale.ts';
import { getLocale } from '../../server/contract/messages/runtime.js';
import { m } from '../../server/contract/messages/messages.js';
import { HIDDEN_NUMBER } from '../../server/contract/accounts.ts';

/**
 * How the web app writes numbers, dates and times, in the viewer's language: the one place that knows the locale's
 * conventions. Words and dates through date-fns (`pon. 7 gru`, `22 minuty`), numbers through Intl (a decimal comma in
 * Polish), and a 24-hour clock in both languages. Every function takes the locale, by default the tab's (getLocale).
 */

const DATE_LOCALES: Record<Locale, DateLocale> = { pl, en: enGB };

/** date-fns's words for a language, for a `format` this module does not cover. */
export function dateLocale(locale: Locale = getLocale()): DateLocale {
  return DATE_LOCALES[locale];
}

/**
 * Durations are whole seconds, written the way a wallboard reader expects: `mm:ss` under an hour, `h:mm:ss` from an
 * hour on, the same in every language. Negative input (a clock a little ahead of the server) reads as 0.
 */
export function formatDuration(totalSec: number): string {
  const sec = Math.max(0, Math.floor(totalSec));
  const hours = Math.floor(sec / 3600);
  const minutes = Math.floor((sec % 3600) / 60);
  const seconds = sec % 60;
  const mmss = `${pad(minutes)}:${pad(seconds)}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/** A span of whole minutes in words: `22 minuty`, 65 minutes as `godzina 5 minut`. */
export function formatMinutesInWords(totalMinutes: number, locale: Locale = getLocale()): string {
  const minutes = Math.max(0, Math.round(totalMinutes));
  return wordsOfDuration(
    { hours: Math.floor(minutes / 60), minutes: minutes % 60 },
    { locale: dateLocale(locale), zero: minutes === 0, format: minutes >= 60 ? ['hours', 'minutes'] : ['minutes'] },
  );
}

/** Whole seconds from an ISO time to `nowMs`; null when there is no time to count from. */
export function secondsSince(iso: string | null, nowMs: number): number | null {
  if (iso === null) return null;
  const start = Date.parse(iso);
  return Number.isNaN(start) ? null : Math.max(0, Math.floor((nowMs - start) / 1000));
}

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let cached = numberFormats.get(key);
  if (!cached) numberFormats.set(key, (cached = new Intl.NumberFormat(locale, options)));
  return cached;
}

/**
 * A number in the locale's digits, thousands grouped with a thin space (which reads as a decimal point in no locale,
 * and groups 4-digit numbers too, unlike Polish Intl): `12 345`, `1,5` in Polish, `1.5` in English.
 */
export function formatNumber(n: number, locale: Locale = getLocale(), maximumFractionDigits = 0): string {
  return numberFormat(locale, { maximumFractionDigits, useGrouping: 'always' })
    .formatToParts(n)
    .map((part) => (part.type === 'group' ? '\u2009' : part.value))
    .join('');
}

/** A count: a whole number (see formatNumber). */
export function formatCount(n: number, locale: Locale = getLocale()): string {
  return formatNumber(n, locale);
}

/** A percentage given as 0-100, with at most `digits` decimals: `87,5%` in Polish, `87.5%` in English. */
export function formatPercent(pct: number, locale: Locale = getLocale(), digits = 0): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(pct / 100);
}

/** Wall-clock time of an epoch ms in the board's time zone, 24-hour. */
export function formatClock(ms: number): string {
  return format(ms, 'HH:mm:ss');
}

/** A date and time to the minute: `7 gru 2026 09:05`. */
export function formatDateTime(ms: number, locale: Locale = getLocale()): string {
  return format(ms, 'd MMM yyyy HH:mm', { locale: dateLocale(locale) });
}

/** A moment on the wall clock, with its date unless it is on the day of `now`: `06:56:16`, or `6 gru 06:56:16`. */
export function formatMoment(ms: number, now: number, locale: Locale = getLocale()): string {
  return isSameDay(ms, now) ? formatClock(ms) : format(ms, 'd MMM HH:mm:ss', { locale: dateLocale(locale) });
}

/** When a chat message was sent, to the minute: `14:05` on the day of `now`, else `3 mar 14:05`. */
export function formatMessageTime(ms: number, now: number, locale: Locale = getLocale()): string {
  return format(ms, isSameDay(ms, now) ? 'HH:mm' : 'd MMM HH:mm', { locale: dateLocale(locale) });
}

/**
 * Whether a caller number as the server sent it can be copied: a real number, not one hidden from the viewer (`***`)
 * nor Asterisk's `<unknown>`.
 */
export function copyableNumber(num: string): boolean {
  return num !== '' && num !== HIDDEN_NUMBER && num !== '<unknown>';
}

/**
 * A caller as people recognise them: the name when Asterisk knows one, else the number. Asterisk writes an unknown
 * name as `<unknown>` (or repeats the number), which would only be noise on the board.
 */
export function callerLabel(num: string, name: string, locale: Locale = getLocale()): string {
  const hasName = name !== '' && name !== '<unknown>' && name !== num;
  if (hasName) return name;
  return num === '' || num === '<unknown>' ? m.common_unknown_caller({}, { locale }) : num;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
