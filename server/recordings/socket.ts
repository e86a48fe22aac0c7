import { CommandRefused, type CommandHandlers } from '../realtime/commands.ts';
import { say } from '../i18n.ts';
import { m } from '../contract/messages/messages.js';
import type { BoardSocket, Transport } from '../realtime/transport.ts';

export type RecordingCommands = Pick<CommandHandlers, 'calls:watch'>;

/** Sockets of the screens showing the call list. */
const CALLS_WATCHERS = 'calls:watchers';

/**
 * Tells the screens showing the call list, on every process, that a call's recording is ready: access cuts
 * `recording:saved` to the watchers who see the call's queue.
 */
export function recordingFacts(transport: Transport): (saved: { callId: string; queue: string }) => void {
  return (saved) => transport.publish('recording:saved', saved, { scoped: [CALLS_WATCHERS] });
}

/** A socket's call list command: a user's socket follows the list; a kiosk (a wall TV) shows none. */
export function recordingCommands(socket: BoardSocket, userId: string | undefined): RecordingCommands {
  return {
    'calls:watch': async () => {
      if (userId === undefined) throw new CommandRefused(say(m.server_kiosk_no_call_list));
      await socket.join(CALLS_WATCHERS);
      return null;
    },
  };
}
