import { scopeFor } from '../access/scope.ts';
import { MONITOR_ERRORS, type MonitorGroupView, type MonitorSessionView } from '../contract/monitoring.ts';
import type { Org, OrgUser } from '../access/org/model.ts';

/** What the decision needs of a user besides the organisation. */
export interface MonitorUser extends OrgUser {
  readonly disabled: boolean;
  readonly phone?: string | null;
  readonly monitorCalls?: boolean;
}

export type MonitorDecision<U extends MonitorUser = MonitorUser> =
  { readonly ok: true; readonly phone: string; readonly agentUser: U } | { readonly ok: false; readonly error: string };

const denied = { ok: false, error: MONITOR_ERRORS.denied } as const;

/**
 * Whether `monitor` may monitor the calls of the agent at `agent` (a queue member interface), by the rules alone: the
 * caller checks the live call and Asterisk afterwards. Monitoring takes both steps of the seed, and units on top:
 *
 * - the user is the Owner, an administrator or a supervisor, enabled, with the "may monitor calls" switch on;
 * - the agent's interface belongs to another user, and a permission group lists the monitor among its monitors and
 *   that user among its monitored;
 * - a user bound to units (a unit administrator, a unit's supervisor) sees the agent on their board, and the call
 *   (`queue`, null while none is known) is of one of their queues: a call of a queue outside them is not theirs to hear;
 * - and the monitor has a phone for Asterisk to ring.
 */
export function decideMonitor<U extends MonitorUser>(
  monitor: MonitorUser,
  agent: string,
  queue: string | null,
  users: readonly U[],
  groups: readonly MonitorGroupView[],
  org: Org,
): MonitorDecision<U> {
  if (monitor.role === 'agent' || monitor.disabled || monitor.monitorCalls !== true) return denied;
  const agentUser = users.find((user) => user.interfaces.includes(agent));
  if (!agentUser || agentUser.id === monitor.id) return denied;
  const grouped = groups.some((group) => group.monitors.includes(monitor.id) && group.monitored.includes(agentUser.id));
  if (!grouped) return denied;
  const { visible } = scopeFor(monitor, org);
  if (visible !== 'all' && (!visible.agents.has(agent) || (queue !== null && !visible.queues.has(queue))))
    return denied;
  if (!monitor.phone) return { ok: false, error: MONITOR_ERRORS.noPhone };
  return { ok: true, phone: monitor.phone, agentUser };
}

/** Whether the user may monitor anybody at all: the board offers the controls only then. */
export function mayMonitorAnyone(monitor: MonitorUser, groups: readonly MonitorGroupView[]): boolean {
  return (
    monitor.role !== 'agent' &&
    !monitor.disabled &&
    monitor.monitorCalls === true &&
    groups.some((group) => group.monitors.includes(monitor.id) && group.monitored.length > 0)
  );
}

/**
 * Which monitoring sessions a viewer sees (and, as an administrator, may end): a user bound to units those of their
 * units' agents on calls of their units' queues, so that no session names a queue outside them.
 */
export function overseesSession(viewer: OrgUser, org: Org): (session: MonitorSessionView) => boolean {
  const { visible } = scopeFor(viewer, org);
  return (session) => visible === 'all' || (visible.agents.has(session.agent) && visible.queues.has(session.queue));
}
