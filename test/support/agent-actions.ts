import type { CommandName } from '../../server/contract/commands.ts';
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
