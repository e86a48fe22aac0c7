import { memberKey, type BoardOp, type LinkView } from '../contract/board.ts';
import {
  connectedCallsByAgent,
  presentAgent,
  presentCall,
  presentQueueMember,
  presentQueueSummary,
} from '../domain/present.ts';
import type { LiveState } from '../domain/state.ts';
import type { Dirty, MemberRef } from './dirty.ts';

/**
 * A delta's ops: each dirty entity once, as it is now in `next` (or its removal), through the domain's presenters.
 * `prev` is the state of the previous delta: it names the agent of a call that is gone and tells whether the board
 * ever showed that call. An agent is derived from its memberships and its call, so it is re-sent whenever one of
 * them changed; a member's state depends on its agent's call, so a call change re-sends its agent's memberships.
 */
export function buildOps(
  prev: LiveState,
  next: LiveState,
  dirty: Dirty,
  link: LinkView | null,
  now: number,
): BoardOp[] {
  const ops: BoardOp[] = [];
  const callByAgent = connectedCallsByAgent(next);
  const members = new Map<string, MemberRef>(dirty.members);
  const agents = new Set<string>();

  for (const name of dirty.queues) {
    const queue = next.queues[name];
    ops.push(queue ? { op: 'queue', queue: presentQueueSummary(queue) } : { op: 'queueRemoved', name });
  }
  for (const id of dirty.calls) {
    const call = presentCall(next, id);
    if (call) ops.push({ op: 'call', call });
    else if (presentCall(prev, id)) ops.push({ op: 'callRemoved', id });
    for (const agent of [prev.calls.get(id)?.agent, next.calls.get(id)?.agent]) {
      if (agent === undefined) continue;
      for (const queue of Object.values(next.queues)) {
        if (queue.members.has(agent))
          members.set(memberKey(queue.name, agent), { queue: queue.name, interface: agent });
      }
      agents.add(agent);
    }
  }
  for (const ref of members.values()) {
    const member = next.queues[ref.queue]?.members.get(ref.interface);
    ops.push(
      member
        ? { op: 'member', member: presentQueueMember(member, callByAgent, now) }
        : { op: 'memberRemoved', queue: ref.queue, interface: ref.interface },
    );
    agents.add(ref.interface);
  }
  for (const iface of agents) {
    const agent = presentAgent(next, iface, callByAgent, now);
    ops.push(agent ? { op: 'agent', agent } : { op: 'agentRemoved', interface: iface });
  }
  if (link) ops.push({ op: 'link', link });
  return ops;
}
