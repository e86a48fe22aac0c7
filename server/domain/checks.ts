import { clockSeconds, text } from './field-reads.ts';
import type { AmiFields } from './input.ts';

/**
 * The bounds every AMI value is held to where it enters the domain. A peer (a broken Asterisk, a proxy, an attacker
 * on the AMI port) can send any text; past this check a duration is a whole number of seconds from 0 to a day, a
 * count is a whole number, an epoch time is one a PBX clock can show, and a name is short enough to show and store.
 * A bad value is dropped (the field is treated as absent) and noted; a bad identity (queue, interface, channel, call)
 * refuses the whole message: truncating it could merge it with another one's.
 */

/** Longest queue, interface, channel, call id, member or caller name: Asterisk's own are well below this. */
export const MAX_NAME_CHARS = 256;
/** Longest application data (a Queue() call's arguments, which may hold a URL or an announcement). */
const MAX_DATA_CHARS = 1_024;
/** No wait, ring, talk or wrap-up lasts longer: a call center's longest are hours. */
export const MAX_DURATION_SEC = 86_400;
/** Counts (calls taken, positions, penalties, Asterisk's totals) stay below this. */
const MAX_COUNT = 1_000_000_000;
/** How far ahead of the event a PBX clock may run (time zones done wrong, a clock not yet synchronised). */
export const MAX_CLOCK_AHEAD_MS = 86_400_000;
/** No PBX clock shows a time before this (2000-01-01). */
export const EARLIEST_EPOCH_MS = 946_684_800_000;

export type RejectReason =
  'too long' | 'reserved name' | 'not a whole number' | 'out of range' | 'not a time' | 'unknown queue';

/** A value the domain did not take. `refused`: the whole message was ignored because of it. */
export interface Rejection {
  readonly event: string;
  readonly field: string;
  readonly reason: RejectReason;
  readonly refused: boolean;
  /** The start of the value, for the log. */
  readonly sample: string;
}

type Check = (value: string, at: number) => RejectReason | null;

const longerThan =
  (max: number): Check =>
  (value) =>
    value.length > max ? 'too long' : null;

/** State is keyed by these in plain objects: `__proto__` or `constructor` would find the object's prototype instead. */
const identity: Check = (value) =>
  value.length > MAX_NAME_CHARS ? 'too long' : value in Object.prototype ? 'reserved name' : null;

/** Asterisk writes every integer as plain digits: `1e20`, `12abc` or `0x10` are not one (parseInt would take them). */
const WHOLE = /^-?\d+$/;

const whole =
  (min: number, max: number): Check =>
  (value) => {
    if (value === '') return null;
    if (!WHOLE.test(value)) return 'not a whole number';
    const number = Number(value);
    return number < min || number > max ? 'out of range' : null;
  };

const durationSec = whole(0, MAX_DURATION_SEC);
const count = whole(0, MAX_COUNT);

/** Epoch seconds (LastCall, LastPause, LoginTime); 0 means never. */
const epochSec: Check = (value, at) => {
  if (value === '' || value === '0') return null;
  if (!WHOLE.test(value)) return 'not a whole number';
  const ms = Number(value) * 1000;
  return ms < EARLIEST_EPOCH_MS || ms > at + MAX_CLOCK_AHEAD_MS ? 'not a time' : null;
};

const percent: Check = (value) => {
  if (value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 && number <= 100 ? null : 'out of range';
};

/** CoreShowChannel's `HH:MM:SS`. */
const channelDuration: Check = (value) =>
  value === '' || clockSeconds(value) <= MAX_DURATION_SEC ? null : 'out of range';

/** By lower-cased key; a bad `identity` (what the reducer keys its state by) refuses the message. */
const CHECKS: ReadonlyMap<string, Check> = new Map(
  Object.entries({
    queue: identity,
    interface: identity,
    location: identity,
    stateinterface: longerThan(MAX_NAME_CHARS),
    uniqueid: identity,
    channel: identity,
    bridgeid: identity,
    membername: longerThan(MAX_NAME_CHARS),
    name: longerThan(MAX_NAME_CHARS),
    membership: longerThan(MAX_NAME_CHARS),
    calleridnum: longerThan(MAX_NAME_CHARS),
    calleridname: longerThan(MAX_NAME_CHARS),
    exten: longerThan(MAX_NAME_CHARS),
    reason: longerThan(MAX_NAME_CHARS),
    pausedreason: longerThan(MAX_NAME_CHARS),
    strategy: longerThan(MAX_NAME_CHARS),
    application: longerThan(MAX_NAME_CHARS),
    applicationdata: longerThan(MAX_DATA_CHARS),
    value: longerThan(MAX_DATA_CHARS),
    holdtime: durationSec,
    talktime: durationSec,
    ringtime: durationSec,
    wait: durationSec,
    wrapuptime: durationSec,
    servicelevel: durationSec,
    position: count,
    count,
    callstaken: count,
    penalty: count,
    weight: count,
    max: count,
    completed: count,
    abandoned: count,
    calls: count,
    status: whole(0, 8),
    lastcall: epochSec,
    lastpause: epochSec,
    logintime: epochSec,
    servicelevelperf: percent,
    servicelevelperf2: percent,
    duration: channelDuration,
  }),
);

/** AgentRingNoAnswer gives RingTime in milliseconds (AgentConnect in seconds). */
const EVENT_CHECKS: ReadonlyMap<string, ReadonlyMap<string, Check>> = new Map([
  ['AgentRingNoAnswer', new Map([['ringtime', whole(0, MAX_DURATION_SEC * 1000)]])],
]);

export interface Checked {
  /** The message with bad values removed; undefined when it is refused. */
  readonly fields: AmiFields | undefined;
  readonly rejected: readonly Rejection[];
}

const NONE: readonly Rejection[] = [];

/**
 * Checks one AMI message (an event, or an item of a resync list) received at `at`. A message with nothing wrong (all
 * of a real Asterisk's) is returned as it is, without copying.
 */
export function checkFields(fields: AmiFields, at: number): Checked {
  const event = text(fields, 'event').slice(0, 64);
  const own = EVENT_CHECKS.get(event);
  let rejected: Rejection[] | undefined;
  for (const key in fields) {
    const check = own?.get(key) ?? CHECKS.get(key);
    if (!check) continue;
    const value = text(fields, key);
    const reason = check(value, at);
    if (!reason) continue;
    const refused = check === identity;
    (rejected ??= []).push({ event, field: key, reason, refused, sample: value.slice(0, 40) });
    if (refused) return { fields: undefined, rejected };
  }
  if (!rejected) return { fields, rejected: NONE };
  const kept: Record<string, AmiFields[string]> = { ...fields };
  for (const { field } of rejected) delete kept[field];
  return { fields: kept, rejected };
}

/** The note for a message about a queue Asterisk did not list (see Draft.knownQueue). */
export function unknownQueue(event: string, queue: string): Rejection {
  return { event, field: 'queue', reason: 'unknown queue', refused: true, sample: queue.slice(0, 40) };
}
