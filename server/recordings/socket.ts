import { CommandRefused, type CommandHandlers } from '../realtime/commands.ts';
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
      if (userId === undefined) throw new CommandRefused('A kiosk screen does not show the call list.');
      await socket.join(CALLS_WATCHERS);
      return null;
    },
  };
}
