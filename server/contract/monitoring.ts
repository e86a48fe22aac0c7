import { z } from 'zod';

/**
 * Call monitoring (PRODUCT.md 2): a supervisor's own phone rings and runs Asterisk's ChanSpy on an agent's call.
 * Permission groups say who may monitor whom; sessions are the audit log and the live list.
 */

/** Listen hears both sides, whisper talks to the agent only, barge talks to both. */
export const MONITOR_MODES = ['listen', 'whisper', 'barge'] as const;
export type MonitorMode = (typeof MONITOR_MODES)[number];

/** The ChanSpy keys (option `d`) that switch to each mode, on the phone or sent by Tablica. */
export const MODE_DIGITS: Readonly<Record<MonitorMode, string>> = { listen: '4', whisper: '5', barge: '6' };

/** The refusals and endings a user reads, word for word. */
export const MONITOR_ERRORS = {
  denied: 'Denied.',
  noCall: 'Call not yet established.',
  noAnswer: 'Your phone did not answer.',
  callEnded: 'The call ended.',
  noPhone: 'No phone is set for your account.',
  amiDown: 'Asterisk is not connected.',
  busy: 'You are monitoring a call already: stop it first.',
  noSession: 'You are not monitoring a call.',
  notSpying: 'The monitored call has not started yet.',
  /** Several PBXs: a phone is written as the board names agents, `<PBX id>/PJSIP/2005`. */
  phoneWithoutPbx: 'Your phone must name its PBX, as in pbx1/PJSIP/2005, since Tablica reads several PBXs.',
  otherPbx: "Your phone is on another PBX than the agent's call: monitoring does not cross PBXs.",
  endedByAdmin: 'An administrator ended the session',
} as const;

/** A monitoring permission group: its monitors may monitor its monitored users. */
export interface MonitorGroupView {
  id: string;
  name: string;
  /** Users whose calls may be monitored. */
  monitored: string[];
  /** Users who may monitor them (with the "may monitor calls" switch on). */
  monitors: string[];
}

const ids = z
  .array(z.string().min(1).max(64))
  .max(10_000)
  .transform((list) => [...new Set(list)]);

export const monitorGroupBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  monitored: ids.default([]),
  monitors: ids.default([]),
});
export type MonitorGroupBody = z.infer<typeof monitorGroupBody>;

/** Why a session ended. */
export type MonitorEnd =
  | 'stopped' // the supervisor pressed Stop
  | 'endedByAdmin'
  | 'hungUp' // the supervisor's phone hung up
  | 'callEnded'
  | 'noAnswer'
  | 'amiDown';

export interface MonitorModeChange {
  mode: MonitorMode;
  /** Epoch ms. */
  at: number;
  /** The board's mode buttons, or the keys 4/5/6 on the supervisor's phone. */
  origin: 'board' | 'keypad';
}

/** One monitoring session, as stored and shown: live while `endedAt` is null. */
export interface MonitorSessionView {
  id: string;
  /** The supervisor (user id) and their name. */
  supervisor: string;
  supervisorName: string;
  /** The agent's queue member interface, and the agent's name as the board shows it. */
  agent: string;
  agentName: string;
  /** The queue call (caller Uniqueid, queue_log's call id) monitored. */
  callId: string;
  queue: string;
  /** `ringing`: the supervisor's phone is rung; `waiting`: answered, ChanSpy not attached yet; `active`: spying. */
  state: 'ringing' | 'waiting' | 'active' | 'ended';
  mode: MonitorMode;
  startedAt: number;
  /** Every mode change after the first mode. */
  changes: MonitorModeChange[];
  endedAt: number | null;
  end: MonitorEnd | null;
  /** The sentence a user reads about the end, when it is not their own Stop. */
  endMessage: string | null;
}

/** `monitor:status`: whether the board offers monitoring to this user at all, and their running session. */
export interface MonitorStatus {
  allowed: boolean;
  /**
   * The agents (queue member interfaces) the rules let this user monitor, on a call or not: the board offers the
   * buttons beside these only. The server still decides each click (the call, the phone, Asterisk).
   */
  agents: string[];
  session: MonitorSessionView | null;
}

export const monitorStartSchema = z.strictObject({ agent: z.string().min(1).max(200), mode: z.enum(MONITOR_MODES) });
export const monitorModeSchema = z.strictObject({ mode: z.enum(MONITOR_MODES) });
export const monitorEndSchema = z.strictObject({ id: z.string().min(1).max(64) });
export type MonitorStart = z.infer<typeof monitorStartSchema>;

/** `GET /api/monitoring/sessions`: a page of ended sessions, newest first. */
export const monitorHistoryQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
