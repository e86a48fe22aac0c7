import { format, isSameDay } from 'date-fns';
import { HIDDEN_NUMBER } from '../../server/contract/accounts.ts';

/**
 * How the board writes numbers and times. Durations are whole seconds, written the way a wallboard reader expects:
 * `mm:ss` under an hour, `h:mm:ss` from an hour on. Negative input (a clock a little ahead of the server) reads as 0.
 */
export function formatDuration(totalSec: number): string {
  const sec = Math.max(0, Math.floor(totalSec));
  const hours = Math.floor(sec / 3600);
  const minutes = Math.floor((sec % 3600) / 60);
  const seconds = sec % 60;
  const mmss = `${pad(minutes)}:${pad(seconds)}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/** Whole seconds from an ISO time to `nowMs`; null when there is no time to count from. */
export function secondsSince(iso: string | null, nowMs: number): number | null {
  if (iso === null) return null;
  const start = Date.parse(iso);
  return Number.isNaN(start) ? null : Math.max(0, Math.floor((nowMs - start) / 1000));
}

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A count with thousands grouping (a thin space, which does not read as a decimal point in any locale). */
export function formatCount(n: number): string {
  return counts.format(n).replaceAll(',', '\u2009');
}

/** Wall-clock time of an epoch ms in the board's time zone, 24-hour. */
export function formatClock(ms: number): string {
  return format(ms, 'HH:mm:ss');
}

/** A moment on the wall clock, with its date unless it is on the day of `now`: `06:56:16`, or `6 Dec 06:56:16`. */
export function formatMoment(ms: number, now: number): string {
  return isSameDay(ms, now) ? formatClock(ms) : format(ms, 'd MMM HH:mm:ss');
}

/**
 * A caller as people recognise them: the name when Asterisk knows one, else the number. Asterisk writes an unknown
 * name as `<unknown>` (or repeats the number), which would only be noise on the board.
 */
/**
 * Whether a caller number as the server sent it can be copied: a real number, not one hidden from the viewer (`***`)
 * nor Asterisk's `<unknown>`.
 */
export function copyableNumber(num: string): boolean {
  return num !== '' && num !== HIDDEN_NUMBER && num !== '<unknown>';
}

export function callerLabel(num: string, name: string): string {
  const hasName = name !== '' && name !== '<unknown>' && name !== num;
  if (hasName) return name;
  return num === '' || num === '<unknown>' ? 'Unknown caller' : num;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
