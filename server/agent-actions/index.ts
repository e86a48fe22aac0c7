import type { Redis } from '../redis-client.ts';
import type { Router } from 'express';
import type { AccessControl } from '../access/control.ts';
import type { AmiConnection } from '../ami/types.ts';
import type { LiveState } from '../domain/state.ts';
import type { HolderRequests } from '../holder/requests.ts';
import type { Logger } from '../log.ts';
import type { BoardSocket } from '../realtime/transport.ts';
import type { Purger } from '../stats/redis/retention.ts';
import { agentActionKeys } from '../store/keys.ts';
import { memberActionHandler, type MemberActionAnswer, type MemberActionRequest } from './holder.ts';
import { agentActionRoutes } from './routes.ts';
import { AgentActionService } from './service.ts';
import { agentActionCommands, type AgentActionCommands } from './socket.ts';
import { AgentActionStore } from './store.ts';

export interface AgentActionsDeps {
  readonly redis: Redis;
  readonly prefix: string;
  readonly access: AccessControl;
  /** Requests to the AMI lease holder (started by the caller). */
  readonly requests: HolderRequests;
  readonly state: () => Promise<LiveState>;
  readonly isReading: () => boolean;
  readonly ami: (endpoint: string) => AmiConnection | undefined;
  readonly endpointOf: (name: string) => { readonly endpoint: string; readonly name: string } | undefined;
  /** The user a socket was admitted as; undefined for a kiosk. */
  readonly userOf: (socket: BoardSocket) => string | undefined;
  readonly log: Logger;
}

export interface AgentActions {
  readonly commands: (socket: BoardSocket) => AgentActionCommands;
  readonly router: Router;
  /** The "Agent actions log" retention category's purge. */
  readonly purge: Purger;
}

/** Pause, unpause, log into and out of queues, wired: decided on any process, sent by the lease holder, logged. */
export function createAgentActions(deps: AgentActionsDeps): AgentActions {
  const store = new AgentActionStore(deps.redis, agentActionKeys(deps.prefix));
  const topic = deps.requests.topic<MemberActionRequest, MemberActionAnswer>('agent-actions', {
    failed: 'The action on the agent failed: try again.',
  });
  topic.serve(memberActionHandler({ isReading: deps.isReading, ami: deps.ami, log: deps.log }));
  const service = new AgentActionService({
    org: () => deps.access.org.load(),
    state: deps.state,
    store,
    ask: (request) => topic.ask(request),
    endpointOf: deps.endpointOf,
  });
  return {
    commands: (socket) => agentActionCommands(socket, deps.userOf(socket), service),
    router: agentActionRoutes(deps.access, service),
    purge: (beforeMs) => store.log.purge(beforeMs),
  };
}
