import { z } from 'zod';
import { agentAddSchema, agentPauseSchema, agentRemoveSchema, agentUnpauseSchema } from './agent-actions.ts';
import { callbackStartSchema } from './callbacks.ts';
import { chatHistorySchema, chatSendSchema } from './chat.ts';
import type { ClientEvents } from './events.ts';
import type { Result } from './result.ts';
import { idSchema } from './layout.ts';
import { monitorEndSchema, monitorModeSchema, monitorStartSchema } from './monitoring.ts';
import { STATS_INTERVALS } from './stats.ts';

/**
 * The arguments of each client command, before its acknowledgement, as the server validates them. Every command in
 * ClientEvents has an entry (the `satisfies` below fails the build otherwise).
 */
export const commandArgs = {
  'board:snapshot': z.tuple([]),
  'layout:watch': z.tuple([z.strictObject({ id: idSchema })]),
  'layouts:watch': z.tuple([]),
  'stats:watch': z.tuple([
    z.strictObject({
      since: z.string().min(1).max(64),
      queues: z.array(z.string().min(1).max(128)).max(500).optional(),
      interval: z.enum(STATS_INTERVALS).optional(),
    }),
  ]),
  'chat:send': z.tuple([chatSendSchema]),
  'chat:history': z.tuple([chatHistorySchema]),
  'chat:contacts': z.tuple([]),
  'monitor:status': z.tuple([]),
  'monitor:start': z.tuple([monitorStartSchema]),
  'monitor:mode': z.tuple([monitorModeSchema]),
  'monitor:stop': z.tuple([]),
  'monitor:watch': z.tuple([]),
  'monitor:end': z.tuple([monitorEndSchema]),
  'agent:rights': z.tuple([]),
  'agent:pause': z.tuple([agentPauseSchema]),
  'agent:unpause': z.tuple([agentUnpauseSchema]),
  'agent:add': z.tuple([agentAddSchema]),
  'agent:remove': z.tuple([agentRemoveSchema]),
  'callers:watch': z.tuple([]),
  'callback:start': z.tuple([callbackStartSchema]),
  'calls:watch': z.tuple([]),
  'alerts:watch': z.tuple([]),
} as const satisfies Record<keyof ClientEvents, z.ZodType<readonly unknown[]>>;

export type CommandName = keyof typeof commandArgs;

/** What a command's acknowledgement carries when it succeeds, as ClientEvents declares it. */
export type CommandReply<Name extends CommandName> =
  Parameters<ClientEvents[Name]> extends [...unknown[], (result: Result<infer Data>) => void] ? Data : never;
