import { EARLIEST_EPOCH_MS, MAX_CLOCK_AHEAD_MS } from '../domain/checks.ts';
import type { AmiFields } from '../domain/input.ts';

/**
 * asterisk-manager's parser turns any text into an object, so a broken or hostile peer can produce odd shapes: a
 * repeated `__proto__:` or `Constructor:` line lands on the prototype chain (the parser tests `key in item`), and
 * values can be non-strings. Messages are checked here once, so everything past this point is plain AmiFields.
 * Valid messages (all of Asterisk's) are passed on as they are, without copying.
 */
export function toFields(message: Record<string, unknown>): AmiFields | undefined {
  if (Object.getPrototypeOf(message) !== Object.prototype) return undefined;
  // With the prototype checked, for-in visits exactly the parser's own keys (and is the fastest walk over them).
  for (const key in message) {
    if (!isFieldValue(key, message[key])) return undefined;
  }
  return message as AmiFields;
}

function isFieldValue(key: string, value: unknown): boolean {
  if (typeof value === 'string') return true;
  if (Array.isArray(value)) return value.every((item) => typeof item === 'string');
  if ((key === 'variable' || key === 'chanvariable') && typeof value === 'object' && value !== null) {
    return Object.values(value).every((item) => typeof item === 'string');
  }
  return false;
}

/**
 * Epoch ms from a `Timestamp:` header (`timestampevents = yes`: epoch seconds with microseconds), or undefined when
 * there is none or it is not a plausible time of a message received at `receivedAt`: before any PBX clock, or ahead
 * of ours by more than a clock can be wrong (an event time in the future would time calls and wrap-ups from there).
 */
export function timestampMs(fields: AmiFields, receivedAt: number): number | undefined {
  const value = fields.timestamp;
  if (typeof value !== 'string') return undefined;
  const ms = Math.round(Number(value) * 1000);
  return ms >= EARLIEST_EPOCH_MS && ms <= receivedAt + MAX_CLOCK_AHEAD_MS ? ms : undefined;
}

/** The single string value of a header, or undefined (missing, repeated or a map). */
export function single(fields: AmiFields, key: string): string | undefined {
  const value = fields[key];
  return typeof value === 'string' ? value : undefined;
}
