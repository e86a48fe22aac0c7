import { CALLBACK_ERRORS } from '../contract/callbacks.ts';
import { callbackWords } from '../contract/callback-words.ts';
import { CommandRefused, type CommandHandlers } from '../realtime/commands.ts';
import { say } from '../i18n.ts';
import { m } from '../contract/messages/messages.js';
import type { BoardSocket, Transport } from '../realtime/transport.ts';
import { CALLERS_WATCHERS, type CallerFeed } from './feed.ts';
import { CallbackRefused, type CallbackService } from './service.ts';

export type CallbackCommands = Pick<CommandHandlers, 'callers:watch' | 'callback:start'>;

/** A user's refusal reaches the client word for word; anything else is the dispatcher's "try again". */
async function refusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CallbackRefused) {
      const english = error.message;
      throw new CommandRefused((locale) => callbackWords(english, locale));
    }
    throw error;
  }
}

/**
 * A socket's commands: any board (a wall TV included) may follow the list, cut to its viewer; only a user calls back.
 */
export function callbackCommands(
  socket: BoardSocket,
  userId: string | undefined,
  deps: { readonly service: CallbackService; readonly feed: CallerFeed; readonly transport: Transport },
): CallbackCommands {
  return {
    'callers:watch': async () => {
      // Joined before reading: a change in between then reaches the socket as callers:updated.
      await socket.join(CALLERS_WATCHERS);
      deps.feed.watched();
      const view = deps.transport.cut(socket, 'callers:updated', await deps.service.list());
      if (view === undefined) throw new CommandRefused(say(m.server_screen_no_callers));
      return { ...view, mayCallBack: userId !== undefined };
    },
    'callback:start': ([start]) =>
      refusals(() => {
        if (userId === undefined) throw new CallbackRefused(CALLBACK_ERRORS.kiosk);
        return deps.service.start(userId, start);
      }),
  };
}
