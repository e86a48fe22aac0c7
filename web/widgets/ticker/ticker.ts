import type { TICKER_SPEEDS } from '../../../server/contract/layout.ts';

type Speed = (typeof TICKER_SPEEDS)[number];

/** Characters per second each speed moves: slow enough to read from across a room. */
const CHARS_PER_SECOND: Record<Speed, number> = { slow: 4, normal: 7, fast: 11 };

/**
 * Seconds for a message to cross the ticker once: its own length plus the ticker's width (in characters) at the
 * chosen speed, so that a short and a long message move at the same pace.
 */
export function tickerSeconds(message: string, speed: Speed, widthChars = 80): number {
  return Math.max(5, Math.round((message.length + widthChars) / CHARS_PER_SECOND[speed]));
}
