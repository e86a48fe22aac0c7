import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { commandArgs, type CommandName, type CommandReply } from '../contract/commands.ts';
import { checkWith } from '../contract/issues.ts';
import { fail, ok, type Result } from '../contract/result.ts';
import type { Locale } from '../contract/locale.ts';
import { m } from '../contract/messages/messages.js';
import { inEnglish, say, type Localized } from '../i18n.ts';
import type { Logger } from '../log.ts';
import { TokenBucket } from './rate-limit.ts';

/** A command's work, given its validated arguments; its value is the acknowledgement's data, typed by the contract. */
export type CommandHandlers = {
  readonly [Name in CommandName]: (args: z.infer<(typeof commandArgs)[Name]>) => Promise<CommandReply<Name>>;
};

/**
 * A refusal meant for the client (not found, denied): its message is the acknowledgement's error, in the socket user's
 * language when it is a message of the catalogue (`new CommandRefused(say(m.server_…))`), as HTTP refusals are.
 */
export class CommandRefused extends Error {
  override name = 'CommandRefused';
  readonly #text: string | Localized;

  constructor(text: string | Localized) {
    super(inEnglish(text));
    this.#text = text;
  }

  say(locale: Locale): string {
    return typeof this.#text === 'string' ? this.#text : this.#text(locale);
  }
}

const BURST = 10;
const PER_SECOND = 5;

/**
 * Every message a client sends goes through here: rate-limited per socket, matched to a known command, its arguments
 * validated against the contract, and answered through its acknowledgement with a Result, errors included. Nothing a
 * client sends can throw out of this function. Refusals speak `localeOf()`, the language of the socket's user (absent:
 * English).
 */
export function dispatchCommands(
  socket: Socket,
  handlers: CommandHandlers,
  log: Logger,
  localeOf: () => Locale = () => 'en',
): void {
  const bucket = new TokenBucket(BURST, PER_SECOND);
  socket.onAny((event: unknown, ...args: unknown[]) => {
    const ack = typeof args.at(-1) === 'function' ? (args.pop() as (result: Result<unknown>) => void) : undefined;
    const refuse = (text: Localized): void => answer(fail(text(localeOf())));
    const answer = (result: Result<unknown>): void => {
      try {
        ack?.(result);
      } catch (error) {
        log.debug({ err: (error as Error).message }, 'acknowledgement failed');
      }
    };
    if (!bucket.take()) return refuse(say(m.server_command_too_many));
    const name = typeof event === 'string' && Object.hasOwn(commandArgs, event) ? (event as CommandName) : undefined;
    if (!name) return refuse(say(m.server_command_unknown, { name: String(event).slice(0, 64) }));
    if (!ack) return log.debug({ command: name }, 'command without an acknowledgement ignored');
    const parsed = checkWith(commandArgs[name], args);
    if (!parsed.ok) return answer(fail(parsed.problems(localeOf())));
    // TypeScript cannot pair a handler with its own arguments' schema across a union of names; the lookup above does.
    (handlers[name] as (args: unknown) => Promise<unknown>)(parsed.data).then(
      (data) => answer(ok(data)),
      (error: unknown) => {
        if (error instanceof CommandRefused) return answer(fail(error.say(localeOf())));
        log.warn({ command: name, err: (error as Error).message }, 'command failed');
        refuse(say(m.server_command_failed, { name }));
      },
    );
  });
}
