import type { CommandName } from '../../server/contract/commands.ts';

const MONITOR_COMMANDS = [
  'monitor:status',
  'monitor:start',
  'monitor:mode',
  'monitor:stop',
  'monitor:watch',
  'monitor:end',
] as const satisfies readonly CommandName[];

/** Handlers refusing every monitoring command, for tests that wire the other features' commands without it. */
export function refuseMonitoring(): Record<(typeof MONITOR_COMMANDS)[number], () => Promise<never>> {
  const refuse = () => Promise.reject(new Error('no monitoring in this test'));
  return Object.fromEntries(MONITOR_COMMANDS.map((name) => [name, refuse])) as Record<(typeof MONITOR_COMMANDS)[number], () => Promise<never>>;
}
