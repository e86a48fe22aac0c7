import type { AgentState } from '../../server/contract/live.ts';
import type { Level } from './levels.ts';

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
  available: { label: 'Available', shape: 'circle', tone: 'available' },
  ringing: { label: 'Ringing', shape: 'diamond', tone: 'ringing' },
  onCall: { label: 'On call', shape: 'square', tone: 'on-call' },
  wrapUp: { label: 'Wrap-up', shape: 'half', tone: 'wrap-up' },
  busy: { label: 'Busy', shape: 'triangle', tone: 'busy' },
  paused: { label: 'Paused', shape: 'pause', tone: 'paused' },
  unavailable: { label: 'Unavailable', shape: 'ring', tone: 'unavailable' },
  unknown: { label: 'Unknown', shape: 'dashed', tone: 'unavailable' },
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
  good: { label: 'on target', shape: 'circle', tone: 'good' },
  warn: { label: 'slipping', shape: 'triangle', tone: 'warn' },
  bad: { label: 'below target', shape: 'cross', tone: 'bad' },
  none: { label: 'no calls yet', shape: 'ring', tone: 'unavailable' },
};
