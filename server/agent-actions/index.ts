import type { HolderFeatureOptions } from '../holder/feature.ts';
import type { Router } from 'express';
import type { AccessControl } from '../access/control.ts';
import type { BoardSocket } from '../realtime/transport.ts';
import type { Purger } from '../stats/redis/retention.ts';
import { agentActionKeys } from '../store/keys.ts';
import { memberActionHandler, type MemberActionAnswer, type MemberActionRequest } from './holder.ts';
import { agentActionRoutes } from './routes.ts';
import { AgentActionService } from './service.ts';
import { agentActionCommands, type AgentActionCommands } from './socket.ts';
import { AgentActionStore } from './store.ts';

export interface AgentActionsDeps extends HolderFeatureOptions {
  readonly access: AccessControl;
  /** The user a socket was admitted as; undefined for a kiosk. */
  readonly userOf: (socket: BoardSocket) => string | undefined;
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
