import type { CallRecordingView } from './recordings.ts';
import type { Locale } from './locale.ts';

/**
 * Statistics and data retention as the REST API returns them (`GET /api/stats`, `/api/retention`). Every figure is
 * defined in docs/metrics.md; times are ISO 8601 strings, totals whole seconds, averages seconds and percentages
 * (0–100) with one decimal.
 * A figure that has nothing to divide by (no answered call yet) is null, so that the board shows "—" rather than 0.
 */

/** How a queue's service level is computed (docs/metrics.md, "Service level"). */
export type ServiceLevelFormula = 'answered' | 'offered' | 'asterisk2' | 'excludeShort';

/** The resolved "statistics since" window: every counter counts events at or after `since`, up to `until` (now). */
export interface StatsWindow {
  since: string;
  until: string;
}

/** One queue's counters over a window and what is derived from them. */
export interface QueueStats {
  name: string;
  /** Callers who joined the queue. */
  offered: number;
  answered: number;
  answeredWithinSl: number;
  /** Callers who hung up while waiting (queue_log ABANDON). */
  abandoned: number;
  /** Abandons that waited less than the queue's short-abandon threshold. */
  abandonedShort: number;
  abandonedWithinSl: number;
  /** Abandons that count against the service level in the `excludeShort` formula. */
  abandonedAfterSl: number;
  timedOut: number;
  exitedEmpty: number;
  exitedWithKey: number;
  withdrawn: number;
  /** Callers whose exit could not be classified (the link to Asterisk went down while they left). */
  left: number;
  /** Answered calls that ended (transfers included). */
  completed: number;
  transferred: number;
  /** Times a member was rung and did not answer. */
  ringNoAnswer: number;
  /** Sum of the waits of answered callers. */
  holdSecAnswered: number;
  /** Sum of the waits of callers who left unanswered. */
  holdSecUnanswered: number;
  talkSec: number;
  wrapSec: number;
  /** Longest wait of a caller who left the queue (answered or not) in the window. */
  maxWaitSec: number;
  /** The threshold T the service level is judged by now. */
  serviceLevelSec: number;
  serviceLevelFormula: ServiceLevelFormula;
  shortAbandonSec: number;
  /** The service level's parts by the queue's formula: calls within it out of the calls it judges. */
  serviceLevelMet: number;
  serviceLevelOf: number;
  /** null: nothing to judge yet, or no service level time. */
  serviceLevelPct: number | null;
  /** Average speed of answer: the mean wait of answered callers. */
  asaSec: number | null;
  /** Mean wait of every caller who left the queue, answered or not. */
  avgWaitSec: number | null;
  avgTalkSec: number | null;
  /** Average handling time: talk plus wrap-up per completed call. */
  ahtSec: number | null;
  /** Callers waiting now. */
  waiting: number;
  /** How long the longest-waiting caller has waited so far (null: nobody waits). */
  longestWaitingSec: number | null;
}

/** One agent (a queue member interface, across all their queues) over a window. */
export interface AgentStats {
  interface: string;
  name: string;
  answered: number;
  /** Rung and did not answer. */
  missed: number;
  completed: number;
  talkSec: number;
  wrapSec: number;
  loggedInSec: number;
  pausedSec: number;
  /** Paused seconds per pause reason ('' for a pause without one). */
  pausedSecByReason: Record<string, number>;
  /** Talk time over the time available (logged in, not paused); null when none was available. */
  occupancyPct: number | null;
  /** The call counts per queue (of the queues the agent has any in); the agent's own are their sum. */
  byQueue: Record<string, AgentCallCounts>;
}

/** An agent's calls in a window, in one queue or over all. */
export type AgentCallCounts = Pick<AgentStats, 'answered' | 'missed' | 'completed' | 'talkSec' | 'wrapSec'>;

/**
 * How far back a window may reach, so that no query reads without end: statistics since at most 92 days ago (a
 * quarter; one read per day of the window), call records and agent activity over at most 31 days (they are read
 * call by call).
 */
export const STATS_MAX_DAYS = 92;
export const RECORDS_MAX_DAYS = 31;
/** The most intervals a series has: a 25-hour day (the clocks going back) of 5-minute intervals. */
export const STATS_MAX_INTERVALS = 300;

/** The interval widths a series can be asked in (`interval` of GET /api/stats and stats:watch). */
export const STATS_INTERVALS = ['5m', '15m', '30m', '1h'] as const;
export type StatsInterval = (typeof STATS_INTERVALS)[number];

/**
 * Figures per interval of the window, per queue (docs/metrics.md, "Series"): column arrays, one value per interval.
 * Intervals are aligned to the board's wall clock (:00, :15, …); the first starts at the window's start, the last ends
 * at its end.
 */
export interface StatsSeries {
  interval: StatsInterval;
  /** Each interval's start; every interval ends where the next starts, the last at the window's end. */
  starts: string[];
  queues: QueueSeries[];
}

export interface QueueSeries {
  name: string;
  offered: number[];
  answered: number[];
  abandoned: number[];
  /** The service level's parts by the queue's formula: calls within it out of the calls it judges. */
  serviceLevelMet: number[];
  serviceLevelOf: number[];
  /** The service level of each interval on its own (null: nothing to judge, or no threshold). */
  serviceLevelPct: (number | null)[];
}

export interface StatsResponse {
  window: StatsWindow;
  queues: QueueStats[];
  agents: AgentStats[];
  /** Only when an interval was asked for. */
  series?: StatsSeries;
}

/**
 * What an agent was doing over a span of time (docs/metrics.md, "Agent activity"): logged in (a member of any queue),
 * paused (in every queue), a member's phone ringing, on a queue call, in wrap-up after one.
 */
export type AgentActivityKind = 'loggedIn' | 'paused' | 'ringing' | 'onCall' | 'wrapUp';

export interface AgentActivitySpan {
  /** The agent's interface. */
  agent: string;
  kind: AgentActivityKind;
  start: string;
  /** null: still going on now. */
  end: string | null;
  /** The queue of a ring, call or wrap-up; null for logged-in and paused time (across all the agent's queues). */
  queue: string | null;
  /** The queue call (its Uniqueid) of a ring, call or wrap-up. */
  callId: string | null;
  /** The pause reason; how a ring ended (`answered`, `noAnswer`, `cancelled`); who ended a call (`caller`, `agent`, `transfer`). */
  reason: string;
}

/** `GET /api/agents/activity`: every span that overlaps the window, by start. */
export interface AgentActivityResponse {
  window: StatsWindow;
  spans: AgentActivitySpan[];
}

/** Why a caller left a queue without being answered, or that they were. */
export type CallOutcome =
  'answered' | 'abandoned' | 'timedOut' | 'exitedEmpty' | 'exitedWithKey' | 'withdrawn' | 'left';

/** How a member's ring ended (`ringing`: not yet). */
export type RingResult = 'ringing' | 'answered' | 'noAnswer' | 'cancelled';

/** An agent leg of a queue call: one member it was offered to, in order. */
export interface CallRingView {
  agent: string;
  agentName: string;
  startedAt: string;
  /** Seconds it rang. */
  ringSec: number | null;
  result: RingResult;
}

/** A queue call from its join to its end: the row of a queue call report. */
export interface CallRecordView {
  /** The caller's Uniqueid (queue_log's call id). */
  id: string;
  queue: string;
  callerIdNum: string;
  callerIdName: string;
  dialled: string;
  joinedAt: string;
  /** Position at the join. */
  position: number;
  /** Seconds in the queue before being answered or leaving. */
  waitSec: number;
  outcome: CallOutcome;
  attempts: CallRingView[];
  answeredAt: string | null;
  agent: string | null;
  agentName: string | null;
  talkSec: number | null;
  /** Who ended an answered call: `caller`, `agent` or `transfer`. */
  endReason: string | null;
  endedAt: string;
  /** The call's recording, when there is one and the asker may hear it. */
  recording?: CallRecordingView;
}

/** `GET /api/calls`: the calls that ended in the window, newest first, one page of them. */
export interface CallRecordsResponse {
  window: StatsWindow;
  /** Calls in the window (all pages). */
  total: number;
  offset: number;
  limit: number;
  calls: CallRecordView[];
  /** Set for an asker with "Desktop Softphone: copy number to clipboard": a copy control beside each number shown. */
  copyNumbers?: boolean;
}

/** The kinds of data with their own retention rule. */
export type RetentionCategory =
  | 'callRecords'
  | 'queueCallReports'
  | 'agentActivity'
  | 'statistics'
  | 'chatMessages'
  | 'monitoringLog'
  | 'agentActionsLog'
  | 'alertHistory'
  | 'recordings';

/** Keep forever (`days: null`) or the last 1–999 days. */
export interface RetentionRule {
  days: number | null;
}

export type RetentionRules = Record<RetentionCategory, RetentionRule>;

/** `PUT /api/retention` body: the rules to change. */
export type RetentionUpdate = Partial<RetentionRules>;

/** The word a user types before "Delete all" deletes: YES in English, TAK in Polish (the admin guide's word). */
export const CONFIRM_WORDS = { en: 'YES', pl: 'TAK' } as const satisfies Record<Locale, string>;

/** `DELETE /api/retention/:category` body: nothing is deleted unless the user typed the word of either language. */
export interface DeleteAllRequest {
  confirm: (typeof CONFIRM_WORDS)[Locale];
}

/** What a purge or a delete-all removed. */
export interface RetentionPurged {
  category: RetentionCategory;
  deleted: number;
}

/** Whether the runtime knows this IANA time zone (the board's, and a layout's "statistics since"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
