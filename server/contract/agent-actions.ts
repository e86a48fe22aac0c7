import { z } from 'zod';
import type { Locale } from './locale.ts';
import { problem } from './issues.ts';
import type { CallbackResult } from './callbacks.ts';
import { textField } from './text.ts';

/**
 * A supervisor acts on what the board shows: pauses and unpauses an agent (in one queue or all, with a reason from
 * the center's list), logs an agent into a queue with a penalty and out of it. Asterisk does it (QueuePause, QueueAdd,
 * QueueRemove); the board follows Asterisk's events, and every action is written in the agent actions log.
 */

export const AGENT_ACTIONS = ['pause', 'unpause', 'add', 'remove'] as const;
export type AgentActionKind = (typeof AGENT_ACTIONS)[number];

/** The pause reasons a center starts with, until an administrator sets its own. */
export const DEFAULT_PAUSE_REASONS = ['Break', 'Lunch', 'Coaching', 'After call work', 'Meeting'] as const;

/** The refusals a user reads, word for word (those naming an agent or queue are built where they are decided). */
export const AGENT_ACTION_ERRORS = {
  denied: 'Denied: you may not act on this agent.',
  kiosk: 'A kiosk screen does not act on agents.',
  unknownReason: 'Choose a pause reason from the list.',
  amiDown: 'Asterisk is not connected.',
} as const;

const agent = z.string().trim().min(1, problem('agent_named')).max(200).regex(/^\S+$/, problem('agent_interface'));
const queue = textField({ max: 128 });

/** `agent:pause`: one queue, or every queue of the agent with `queue: null`. */
export const agentPauseSchema = z.strictObject({
  agent,
  queue: queue.nullable(),
  reason: textField({ max: 60 }),
});
export const agentUnpauseSchema = z.strictObject({ agent, queue: queue.nullable() });
/** `agent:add`: log the agent into a queue (a dynamic member, QueueAdd). */
export const agentAddSchema = z.strictObject({
  agent,
  queue,
  penalty: z.number().int(problem('penalty')).min(0, problem('penalty')).max(100, problem('penalty')).default(0),
});
/** `agent:remove`: log the agent out of a queue (QueueRemove; Asterisk refuses static members). */
export const agentRemoveSchema = z.strictObject({ agent, queue });

export type AgentPause = z.infer<typeof agentPauseSchema>;
export type AgentUnpause = z.infer<typeof agentUnpauseSchema>;
export type AgentAdd = z.infer<typeof agentAddSchema>;
export type AgentRemove = z.infer<typeof agentRemoveSchema>;

/** `PUT /api/agent-actions/reasons`: the center's pause reasons, in the order they are offered. */
export const pauseReasonsBody = z.strictObject({
  reasons: z
    .array(textField({ max: 60 }))
    .min(1, problem('reasons_min'))
    .max(50, problem('reasons_max'))
    .transform((list) => [...new Set(list)]),
});

/** What a user may do from their board (`agent:rights`); the server still decides every click. */
export interface AgentActionRights {
  /** The center's pause reasons. */
  reasons: string[];
  /** Pause and unpause themselves (their own interfaces). */
  self: boolean;
  /** Act on the agents and queues of their board (within their units). */
  others: boolean;
  /** Their own interfaces: the agents `self` is about. */
  own: string[];
}

/** One line of the agent actions log: who did what to whom, when, and what came of it. */
export interface AgentActionEntry {
  id: string;
  /** Epoch ms. */
  at: number;
  actor: string;
  actorName: string;
  action: AgentActionKind;
  /** The agent's interface as the board names it, and its name. */
  agent: string;
  agentName: string;
  /** Null: every queue of the agent. */
  queue: string | null;
  reason: string | null;
  penalty: number | null;
  /** `done`: Asterisk took it; `refused`: Tablica or Asterisk said no; `failed`: Asterisk could not be reached. */
  result: 'done' | 'refused' | 'failed';
  /** Asterisk's answer, or why not. */
  message: string;
  /** A refusal as each language says it (`message` is the English); absent: `message` is Asterisk's own words. */
  said?: Partial<Record<Locale, string>>;
}

export const agentActionLogQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** One line of the action log for a callback: who called which abandoned caller back, when, and how it ended. */
export interface CallbackActionEntry {
  id: string;
  /** Epoch ms of the click. */
  at: number;
  actor: string;
  actorName: string;
  action: 'callback';
  /** The caller's number (hidden from a viewer under "hide phone numbers"); empty when the caller was not listed. */
  number: string;
  /** The queue the caller left; null when the caller was not listed. */
  queue: string | null;
  /** How the call ended; `refused`: Tablica said no before calling. */
  result: CallbackResult | 'refused';
  /** Why not, or what went wrong; empty otherwise. */
  message: string;
  /** Epoch ms when the call ended (the click, for a refusal). */
  endedAt: number;
}

/** The action log holds actions on agents and callbacks, told apart by `action`. */
export type ActionLogEntry = AgentActionEntry | CallbackActionEntry;

export interface AgentActionLogPage {
  entries: ActionLogEntry[];
  total: number;
}
