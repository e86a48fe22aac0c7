import { HIDDEN_NUMBER } from '../contract/accounts.ts';
import { AGENT_ACTION_ERRORS, type ActionLogEntry, type AgentActionKind } from '../contract/agent-actions.ts';
import { fail, ok, type Result } from '../contract/result.ts';
import type { Org, OrgUser } from './org/model.ts';
import { policiesOf } from './org/policies.ts';
import { scopeFor } from './scope.ts';

/** One action as access weighs it: on whom, in which queue (null: all of the agent's), which the agent is in now. */
export interface AgentActionTarget {
  readonly action: AgentActionKind;
  /** The agent's interface, as the board names it. */
  readonly agent: string;
  readonly queue: string | null;
  /** The queues the agent is a member of now. */
  readonly agentQueues: readonly string[];
}

/** Whether the user pauses and unpauses their own interfaces: anyone, unless a team of theirs has "no self-pause". */
function maySelfPause(user: OrgUser, org: Org): boolean {
  return user.role === 'owner' || !policiesOf(user.id, org).has('agents.noSelfPause');
}

/**
 * Whether the user acts on other agents at all: the Owner and administrators; a supervisor whose team has the policy
 * "supervisors may pause agents and log them into queues" (an administrator grants it per team, like any policy).
 */
function mayActOnOthers(user: OrgUser, org: Org): boolean {
  if (user.role === 'owner' || user.role === 'administrator') return true;
  return user.role === 'supervisor' && policiesOf(user.id, org).has('agents.supervisorActions');
}

export function agentActionRights(user: OrgUser, org: Org): { self: boolean; others: boolean } {
  return { self: maySelfPause(user, org), others: mayActOnOthers(user, org) };
}

/**
 * Whether `user` may take this action (PRODUCT.md 7): on their own interface, pause and unpause unless a policy says
 * otherwise; on anyone, if they may act on others, within their units: a unit-bound user acts on their units' agents
 * in their units' queues only, so that pausing "in all queues" needs every queue of the agent to be theirs (one
 * QueuePause without Queue reaches them all). Whether the agent is in the queue is the caller's to check.
 */
export function decideAgentAction(user: OrgUser, target: AgentActionTarget, org: Org): Result<null> {
  const own = user.interfaces.includes(target.agent);
  const pausing = target.action === 'pause' || target.action === 'unpause';
  if (own && pausing && maySelfPause(user, org)) return ok(null);
  if (!mayActOnOthers(user, org)) return fail(AGENT_ACTION_ERRORS.denied);
  const { visible } = scopeFor(user, org);
  if (visible === 'all') return ok(null);
  if (!visible.agents.has(target.agent)) return fail(AGENT_ACTION_ERRORS.denied);
  if (target.queue !== null) {
    return visible.queues.has(target.queue) ? ok(null) : fail(`The queue ${target.queue} is not in your units.`);
  }
  const outside = target.agentQueues.filter((queue) => !visible.queues.has(queue));
  return outside.length === 0
    ? ok(null)
    : fail(`The agent is also in queues outside your units (${outside.join(', ')}): choose one of your queues.`);
}

/**
 * The action log as a viewer reads it: the Owner and administrators, each within their units (an action on an agent:
 * the agent is theirs, and so is the queue when one is named; a callback: its queue is theirs), with callers' numbers
 * hidden as on the board ("hide phone numbers"). Undefined: the viewer reads no log; null: not this line.
 */
export function cutActionLog(
  viewer: OrgUser,
  org: Org,
): ((entry: ActionLogEntry) => ActionLogEntry | null) | undefined {
  if (viewer.role !== 'owner' && viewer.role !== 'administrator') return undefined;
  const scope = scopeFor(viewer, org);
  const { visible } = scope;
  const seesQueue = (queue: string | null): boolean =>
    visible === 'all' || (queue !== null && visible.queues.has(queue));
  return (entry) => {
    if (entry.action !== 'callback') {
      const sees =
        visible === 'all' || (visible.agents.has(entry.agent) && (entry.queue === null || seesQueue(entry.queue)));
      return sees ? entry : null;
    }
    if (!seesQueue(entry.queue)) return null;
    return scope.presence === 'full' || entry.number === '' ? entry : { ...entry, number: HIDDEN_NUMBER };
  };
}
