import type { Socket } from 'socket.io-client';
import type { AgentActionEntry, AgentActionRights } from '../../server/contract/agent-actions.ts';
import type { CommandName } from '../../server/contract/commands.ts';
import type { ClientEvents, ServerEvents } from '../../server/contract/events.ts';
import type { Result } from '../../server/contract/result.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { openUserSocket } from './board-client.ts';
import { refuseCommands } from './monitoring.ts';

const AGENT_COMMANDS = [
  'agent:rights',
  'agent:pause',
  'agent:unpause',
  'agent:add',
  'agent:remove',
] as const satisfies readonly CommandName[];

/** Handlers refusing every agent action, for tests that wire the other features' commands without them. */
export function refuseAgentActions(): Record<(typeof AGENT_COMMANDS)[number], () => Promise<never>> {
  return refuseCommands(AGENT_COMMANDS, 'no agent actions in this test');
}

/** A user's board socket as far as agent actions go. */
export class AgentActionsClient {
  private constructor(readonly socket: Socket<ServerEvents, ClientEvents>) {}

  static async open(url: string, cookie: string): Promise<AgentActionsClient> {
    return new AgentActionsClient(await openUserSocket(url, cookie));
  }

  rights(): Promise<Result<AgentActionRights>> {
    return this.socket.timeout(10_000).emitWithAck('agent:rights');
  }

  pause(agent: string, queue: string | null, reason: string): Promise<Result<AgentActionEntry>> {
    return this.socket.timeout(10_000).emitWithAck('agent:pause', { agent, queue, reason });
  }

  unpause(agent: string, queue: string | null): Promise<Result<AgentActionEntry>> {
    return this.socket.timeout(10_000).emitWithAck('agent:unpause', { agent, queue });
  }

  add(agent: string, queue: string, penalty: number): Promise<Result<AgentActionEntry>> {
    return this.socket.timeout(10_000).emitWithAck('agent:add', { agent, queue, penalty });
  }

  remove(agent: string, queue: string): Promise<Result<AgentActionEntry>> {
    return this.socket.timeout(10_000).emitWithAck('agent:remove', { agent, queue });
  }

  close(): void {
    this.socket.close();
  }
}

/** What the simulated Asterisk was asked to do to queue members: one line per QueuePause, QueueAdd, QueueRemove. */
export function recordMemberActions(sim: Simulator): string[] {
  const sent: string[] = [];
  const { center } = sim;
  const pause = center.pause.bind(center);
  const add = center.addMember.bind(center);
  const remove = center.removeMember.bind(center);
  center.pause = (iface, queue, paused, reason) => {
    sent.push(`QueuePause ${iface} ${queue || '*'} ${String(paused)} ${reason}`.trim());
    return pause(iface, queue, paused, reason);
  };
  center.addMember = (queue, options) => {
    sent.push(`QueueAdd ${options.iface} ${queue} ${options.penalty}`);
    return add(queue, options);
  };
  center.removeMember = (queue, iface) => {
    sent.push(`QueueRemove ${iface} ${queue}`);
    return remove(queue, iface);
  };
  return sent;
}
