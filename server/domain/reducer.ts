import {
  settleLeaving,
  agentCalled,
  agentCompleted,
  agentConnected,
  agentDumped,
  agentRingNoAnswer,
  callerAbandoned,
  callerJoined,
  callerLeft,
} from './caller-events.ts';
import { checkFields, type Rejection } from './checks.ts';
import { channelHangingUp, dialplanStep, digitReceived, variableSet } from './channel-events.ts';
import { Calls } from './calls.ts';
import { Draft } from './draft.ts';
import { IGNORED_EVENTS } from './event-names.ts';
import type { AmiFields, DomainInput } from './input.ts';
import { memberRemoved, memberUpdated } from './member-events.ts';
import { applyResync } from './apply-resync.ts';
import type { Fact } from './facts.ts';
import type { Change, LiveState } from './state.ts';

type Handler = (draft: Draft, fields: AmiFields) => void;

/** One handler per event name that changes the live model. */
const HANDLERS: ReadonlyMap<string, Handler> = new Map<string, Handler>([
  ['QueueCallerJoin', callerJoined],
  ['QueueCallerLeave', callerLeft],
  ['QueueCallerAbandon', callerAbandoned],
  ['AgentCalled', agentCalled],
  ['AgentRingNoAnswer', agentRingNoAnswer],
  ['AgentDump', agentDumped],
  ['AgentConnect', agentConnected],
  ['AgentComplete', agentCompleted],
  ['QueueMemberAdded', memberUpdated],
  ['QueueMemberStatus', memberUpdated],
  ['QueueMemberPause', memberUpdated],
  ['QueueMemberPenalty', memberUpdated],
  ['QueueMemberRinginuse', memberUpdated],
  ['QueueMemberRemoved', memberRemoved],
  ['HangupRequest', channelHangingUp],
  ['SoftHangupRequest', channelHangingUp],
  ['Hangup', channelHangingUp],
  ['VarSet', variableSet],
  ['Newexten', dialplanStep],
  ['DTMFEnd', digitReceived],
]);

export const HANDLED_EVENTS: ReadonlySet<string> = new Set(HANDLERS.keys());

export function initialState(): LiveState {
  return {
    queues: {},
    calls: Calls.empty(),
    link: { up: false, since: 0 },
    asterisk: { sharedLastCall: false },
    stats: { events: 0, ignored: 0, unknown: 0, malformed: 0 },
  };
}

const NO_CHANGES: readonly Change[] = [];
const NO_FACTS: readonly Fact[] = [];
const NO_REJECTIONS: readonly Rejection[] = [];

export interface Reduction {
  readonly state: LiveState;
  /** Which entities changed, for storage and fan-out. */
  readonly changes: readonly Change[];
  /** What happened, for statistics and records. */
  readonly facts: readonly Fact[];
  /** Values of the input refused by the entry checks (checks.ts): the caller logs them, the reducer has no I/O. */
  readonly rejected: readonly Rejection[];
}

/**
 * The pure reducer: the next state and what changed. No I/O, no clock (time comes with the input), never throws on
 * what a peer sends: odd input is counted in `stats` and bad values are returned in `rejected`, not raised.
 */
export function reduce(state: LiveState, input: DomainInput): Reduction {
  if (input.type === 'event') return reduceEvent(state, input.fields, input.at);
  const draft = new Draft(state, input.at);
  if (input.type === 'resync') applyResync(draft, input.lists);
  else {
    draft.setLink(input.up);
    if (!input.up)
      for (const call of draft.allCalls().values()) if (call.state === 'leaving') settleLeaving(draft, call);
  }
  return { state: draft.finish(state.stats), changes: draft.changes, facts: draft.facts, rejected: draft.rejected };
}

function reduceEvent(state: LiveState, fields: AmiFields, at: number): Reduction {
  const name = fields.event;
  const stats = state.stats;
  if (typeof name !== 'string' || name.length === 0) {
    return malformed(state, NO_REJECTIONS);
  }
  const handler = HANDLERS.get(name);
  if (!handler) {
    const key = IGNORED_EVENTS.has(name) ? 'ignored' : 'unknown';
    const counted = { ...state, stats: { ...stats, [key]: stats[key] + 1 } };
    return { state: counted, changes: NO_CHANGES, facts: NO_FACTS, rejected: NO_REJECTIONS };
  }
  // Only the events handled are checked: the flood of the others costs no more than the lookup above.
  const checked = checkFields(fields, at);
  if (!checked.fields) return malformed(state, checked.rejected);
  const draft = new Draft(state, at);
  draft.rejected.push(...checked.rejected);
  handler(draft, checked.fields);
  return {
    state: draft.finish({ ...stats, events: stats.events + 1 }),
    changes: draft.changes,
    facts: draft.facts,
    rejected: draft.rejected,
  };
}

/** A message without an event name, or with an identity the entry checks refused. */
function malformed(state: LiveState, rejected: readonly Rejection[]): Reduction {
  const counted = { ...state, stats: { ...state.stats, malformed: state.stats.malformed + 1 } };
  return { state: counted, changes: NO_CHANGES, facts: NO_FACTS, rejected };
}
