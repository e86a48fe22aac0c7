import { memberKey } from '../../server/contract/board.ts';
import type { BoardOp, BoardSnapshot, CallView, LinkView, QueueMemberView } from '../../server/contract/board.ts';
import type { AgentView, QueueSummaryView } from '../../server/contract/live.ts';

/**
 * The board's entities, keyed the way ops address them. Immutable: applying ops copies only the maps they touch, so a
 * render can compare by reference and a batch of ops costs one copy per kind of entity, not one per op.
 */
export interface BoardEntities {
  readonly queues: ReadonlyMap<string, QueueSummaryView>;
  /** By memberKey(queue, interface). */
  readonly members: ReadonlyMap<string, QueueMemberView>;
  readonly calls: ReadonlyMap<string, CallView>;
  /** By interface. */
  readonly agents: ReadonlyMap<string, AgentView>;
  readonly link: LinkView;
  /** Whether the server offers this viewer a copy control beside the caller numbers it shows them. */
  readonly copyNumbers: boolean;
}

export function entitiesFromSnapshot(snapshot: BoardSnapshot): BoardEntities {
  return {
    queues: new Map(snapshot.queues.map((queue) => [queue.name, queue])),
    members: new Map(snapshot.members.map((member) => [memberKey(member.queue, member.interface), member])),
    calls: new Map(snapshot.calls.map((call) => [call.id, call])),
    agents: new Map(snapshot.agents.map((agent) => [agent.interface, agent])),
    link: snapshot.link,
    copyNumbers: snapshot.copyNumbers === true,
  };
}

/**
 * The entity an op writes. Every op carries the whole entity or removes it, so of several ops on one entity only the
 * last one matters: that is what lets a batch be coalesced per key.
 */
export function opKey(op: BoardOp): string {
  switch (op.op) {
    case 'queue':
      return `queue:${op.queue.name}`;
    case 'queueRemoved':
      return `queue:${op.name}`;
    case 'member':
      return `member:${memberKey(op.member.queue, op.member.interface)}`;
    case 'memberRemoved':
      return `member:${memberKey(op.queue, op.interface)}`;
    case 'call':
      return `call:${op.call.id}`;
    case 'callRemoved':
      return `call:${op.id}`;
    case 'agent':
      return `agent:${op.agent.interface}`;
    case 'agentRemoved':
      return `agent:${op.interface}`;
    case 'link':
      return 'link';
  }
}

export function applyOps(entities: BoardEntities, ops: Iterable<BoardOp>): BoardEntities {
  // Each map is copied the first time an op writes to it, and only then.
  let queues: Map<string, QueueSummaryView> | undefined;
  let members: Map<string, QueueMemberView> | undefined;
  let calls: Map<string, CallView> | undefined;
  let agents: Map<string, AgentView> | undefined;
  let link = entities.link;
  for (const op of ops) {
    switch (op.op) {
      case 'queue':
        (queues ??= new Map(entities.queues)).set(op.queue.name, op.queue);
        break;
      case 'queueRemoved':
        (queues ??= new Map(entities.queues)).delete(op.name);
        break;
      case 'member':
        (members ??= new Map(entities.members)).set(memberKey(op.member.queue, op.member.interface), op.member);
        break;
      case 'memberRemoved':
        (members ??= new Map(entities.members)).delete(memberKey(op.queue, op.interface));
        break;
      case 'call':
        (calls ??= new Map(entities.calls)).set(op.call.id, op.call);
        break;
      case 'callRemoved':
        (calls ??= new Map(entities.calls)).delete(op.id);
        break;
      case 'agent':
        (agents ??= new Map(entities.agents)).set(op.agent.interface, op.agent);
        break;
      case 'agentRemoved':
        (agents ??= new Map(entities.agents)).delete(op.interface);
        break;
      case 'link':
        link = op.link;
        break;
    }
  }
  return {
    queues: queues ?? entities.queues,
    members: members ?? entities.members,
    calls: calls ?? entities.calls,
    agents: agents ?? entities.agents,
    link,
    copyNumbers: entities.copyNumbers,
  };
}
