import type { AgentState } from '../../server/contract/live.ts';
import type { Level } from './levels.ts';
import { m } from '../../server/contract/messages/messages.js';
import { labelled } from '../i18n/labelled.ts';

/**
 * How states and levels look: a word and a shape besides the colour (app.css draws `glyph-<shape>`; `tone` names the
 * theme's colour variable, `--<tone>`), so that no one needs to tell green from red to read the board.
 */
export type Shape = 'circle' | 'diamond' | 'square' | 'half' | 'triangle' | 'pause' | 'ring' | 'dashed' | 'cross';

export interface Look {
  label: string;
  shape: Shape;
  tone: string;
}

export const AGENT_STATE_LOOK: Readonly<Record<AgentState, Look>> = {
  available: labelled({ shape: 'circle', tone: 'available' }, () => m.board_state_available()),
  ringing: labelled({ shape: 'diamond', tone: 'ringing' }, () => m.board_state_ringing()),
  onCall: labelled({ shape: 'square', tone: 'on-call' }, () => m.board_state_on_call()),
  wrapUp: labelled({ shape: 'half', tone: 'wrap-up' }, () => m.board_state_wrap_up()),
  busy: labelled({ shape: 'triangle', tone: 'busy' }, () => m.board_state_busy()),
  paused: labelled({ shape: 'pause', tone: 'paused' }, () => m.board_state_paused()),
  unavailable: labelled({ shape: 'ring', tone: 'unavailable' }, () => m.board_state_unavailable()),
  unknown: labelled({ shape: 'dashed', tone: 'unavailable' }, () => m.board_state_unknown()),
};

/** The order a supervisor scans agents in: who can take a call, who is taking one, who is away. */
export const AGENT_STATE_ORDER: readonly AgentState[] = [
  'available',
  'ringing',
  'onCall',
  'wrapUp',
  'busy',
  'paused',
  'unavailable',
  'unknown',
];

export const LEVEL_LOOK: Readonly<Record<Level, Look>> = {
  good: labelled({ shape: 'circle', tone: 'good' }, () => m.board_level_good()),
  warn: labelled({ shape: 'triangle', tone: 'warn' }, () => m.board_level_warn()),
  bad: labelled({ shape: 'cross', tone: 'bad' }, () => m.board_level_bad()),
  none: labelled({ shape: 'ring', tone: 'unavailable' }, () => m.board_level_none()),
};
