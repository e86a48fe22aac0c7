import { CommandRefused, type CommandHandlers } from '../realtime/commands.ts';
import type { BoardSocket } from '../realtime/transport.ts';
import { Refusal } from '../refusal.ts';
import { AGENT_ACTION_ERRORS } from '../contract/agent-actions.ts';
import type { AgentActionService } from './service.ts';

export type AgentActionCommands = Pick<
  CommandHandlers,
  'agent:rights' | 'agent:pause' | 'agent:unpause' | 'agent:add' | 'agent:remove'
>;

/** A refusal reaches the client word for word; anything else is the dispatcher's "try again". */
async function refusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal) throw new CommandRefused((locale) => error.say(locale));
    throw error;
  }
}

/** A socket's agent actions, for dispatchCommands (which validates and rate-limits them); a kiosk is refused all. */
export function agentActionCommands(
  _socket: BoardSocket,
  userId: string | undefined,
  service: AgentActionService,
): AgentActionCommands {
  const user = (): string => {
    if (userId === undefined) throw new CommandRefused(AGENT_ACTION_ERRORS.kiosk);
    return userId;
  };
  return {
    'agent:rights': () => refusals(() => service.rights(user())),
    'agent:pause': ([pause]) => refusals(() => service.pause(user(), pause)),
    'agent:unpause': ([unpause]) => refusals(() => service.unpause(user(), unpause)),
    'agent:add': ([add]) => refusals(() => service.add(user(), add)),
    'agent:remove': ([remove]) => refusals(() => service.remove(user(), remove)),
  };
}
