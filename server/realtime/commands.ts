import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { commandArgs, type CommandName, type CommandReply } from '../contract/commands.ts';
import { parseWith } from '../contract/issues.ts';
import { fail, ok, type Result } from '../contract/result.ts';
import type { Logger } from '../log.ts';
import { TokenBucket } from './rate-limit.ts';

/** A command's work, given its validated arguments; its value is the acknowledgement's data, typed by the contract. */
export type CommandHandlers = {
  readonly [Name in CommandName]: (args: z.infer<(typeof commandArgs)[Name]>) => Promise<CommandReply<Name>>;
};

/** A refusal meant for the client (not found, denied): its message is the acknowledgement's error, as is. */
export class CommandRefused extends Error {}

const BURST = 10;
const PER_SECOND = 5;

/**
 * Every message a client sends goes through here: rate-limited per socket, matched to a known command, its arguments
 * validated against the contract, and answered through its acknowledgement with a Result, errors included. Nothing a
 * client sends can throw out of this function.
 */
export function dispatchCommands(socket: Socket, handlers: CommandHandlers, log: Logger): void {
  const bucket = new TokenBucket(BURST, PER_SECOND);
  socket.onAny((event: unknown, ...args: unknown[]) => {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (result: Result<unknown>) => void) : undefined;
    const answer = (result: Result<unknown>): void => {
      try {
        ack?.(result);
      } catch (error) {
        log.debug({ err: (error as Error).message }, 'acknowledgement failed');
      }
    };
    if (!bucket.take()) return answer(fail('rate limited: too many commands'));
    const name = typeof event === 'string' && Object.hasOwn(commandArgs, event) ? (event as CommandName) : undefined;
    if (!name) return answer(fail(`unknown command: ${String(event).slice(0, 64)}`));
    if (!ack) return log.debug({ command: name }, 'command without an acknowledgement ignored');
    const parsed = parseWith(commandArgs[name], args);
    if (!parsed.ok) return answer(parsed);
    // TypeScript cannot pair a handler with its own arguments' schema across a union of names; the lookup above does.
    (handlers[name] as (args: unknown) => Promise<unknown>)(parsed.data).then(
      (data) => answer(ok(data)),
      (error: unknown) => {
        if (error instanceof CommandRefused) return answer(fail(error.message));
        log.warn({ command: name, err: (error as Error).message }, 'command failed');
        answer(fail(`${name} failed, try again`));
      },
    );
  });
}
