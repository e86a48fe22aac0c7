import type { AbandonOutcome } from '../../contract/callbacks.ts';
import type { QueueCallRecord } from '../../domain/facts.ts';

/**
 * Abandoned callers: who left a queue unanswered today (hung up while waiting, or removed by the queue's time limit)
 * and has not been answered since. The one place that says who is on the list; the store keeps, per day, each caller's
 * last unanswered call per queue and the last time each number was answered, so that reading the list costs what the
 * list holds, not the day's calls.
 */

/** A caller's last unanswered call of one queue. */
export interface AbandonedEntry {
  /** The call's Uniqueid. */
  readonly id: string;
  readonly queue: string;
  readonly callerIdNum: string;
  readonly callerIdName: string;
  readonly outcome: AbandonOutcome;
  readonly waitSec: number;
  /** When they left the queue (epoch ms). */
  readonly leftAt: number;
}

/**
 * A number that names a caller and can be dialled back: digits, with an optional leading `+`. Asterisk's `<unknown>`,
 * `anonymous` and empty caller ids name nobody, so those callers cannot be told apart or called back.
 */
export function callableNumber(number: string): boolean {
  return /^\+?[0-9]{2,32}$/.test(number);
}

/** The entry a finished call puts on the list, or null when it was answered or its number cannot be called back. */
export function abandonedEntryOf(record: QueueCallRecord): AbandonedEntry | null {
  if (record.outcome !== 'abandoned' && record.outcome !== 'timedOut') return null;
  if (!callableNumber(record.callerIdNum)) return null;
  return {
    id: record.id,
    queue: record.queue,
    callerIdNum: record.callerIdNum,
    callerIdName: record.callerIdName,
    outcome: record.outcome,
    waitSec: record.waitSec,
    leftAt: record.endedAt,
  };
}

/** The list's key of an entry: one line per caller and queue, the latest call's. NUL is in neither name. */
export function abandonedField(entry: Pick<AbandonedEntry, 'queue' | 'callerIdNum'>): string {
  return `${entry.queue}\u0000${entry.callerIdNum}`;
}

/**
 * The list from the stored entries and answer times: per caller and queue the latest unanswered call that left at or
 * after `since`, unless that number was answered later (in any queue, or by a callback); most recent first.
 */
export function stillAbandoned(
  entries: Iterable<AbandonedEntry>,
  answeredAt: ReadonlyMap<string, number>,
  since: number,
): AbandonedEntry[] {
  const latest = new Map<string, AbandonedEntry>();
  for (const entry of entries) {
    if (entry.leftAt < since) continue;
    const field = abandonedField(entry);
    const known = latest.get(field);
    if (!known || known.leftAt < entry.leftAt) latest.set(field, entry);
  }
  return [...latest.values()]
    .filter((entry) => (answeredAt.get(entry.callerIdNum) ?? Number.NEGATIVE_INFINITY) < entry.leftAt)
    .sort((a, b) => b.leftAt - a.leftAt || a.queue.localeCompare(b.queue));
}
