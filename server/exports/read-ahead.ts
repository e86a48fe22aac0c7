import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Redis } from '../redis-client.ts';

/**
 * Yields `read(0)`, `read(1)`, … until `last` says a piece was the last, with the next piece already asked for while
 * the caller works on the one it has: Redis reads while this process writes rows, and memory holds two pieces at most.
 * A piece read ahead is often there already when the caller asks for it, so each piece waits for a turn of the event
 * loop: the AMI loop goes on between pieces.
 */
export async function* readAhead<T>(
  read: (index: number) => Promise<T>,
  last: (piece: T) => boolean,
): AsyncGenerator<T> {
  let next = read(0);
  for (let index = 1; ; index += 1) {
    const piece = await next;
    const more = !last(piece);
    if (more) {
      next = read(index);
      // A caller that stops early leaves this read unawaited: its failure is of no interest then.
      next.catch(() => undefined);
    }
    if (index > 1) await nextTurn();
    yield piece;
    if (!more) return;
  }
}

/**
 * The members of ranks `[start, stop]` of a sorted set, and their values in hashes keyed by those members, in one round
 * trip; the members do not travel to this process and back.
 */
const RANGE_VALUES = `
local members = redis.call('ZRANGE', KEYS[1], ARGV[1], ARGV[2])
local reply = {members}
if #members == 0 then return reply end
for index = 2, #KEYS do reply[index] = redis.call('HMGET', KEYS[index], unpack(members)) end
return reply`;

/** Members per Redis call: a few milliseconds of work here per piece, so the AMI loop waits no longer than that. */
export const MEMBERS_PER_READ = 250;

/** One piece of `rangeValues`: the members, and for each hash the values of the members (null where it has none). */
export interface RangePiece {
  readonly members: string[];
  readonly values: (string | null)[][];
}

/** A sorted set's members in order, a piece at a time, each with its values in `hashes`. */
export function rangeValues(redis: Redis, order: string, hashes: readonly string[]): AsyncGenerator<RangePiece> {
  return readAhead(
    async (index) => {
      const start = index * MEMBERS_PER_READ;
      const reply = (await redis.eval(
        RANGE_VALUES,
        1 + hashes.length,
        order,
        ...hashes,
        start,
        start + MEMBERS_PER_READ - 1,
      )) as [string[], ...(string | null)[][]];
      const [members, ...values] = reply;
      return { members, values };
    },
    (piece) => piece.members.length < MEMBERS_PER_READ,
  );
}
