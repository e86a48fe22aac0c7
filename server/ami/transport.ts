import diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import Manager from 'asterisk-manager';

/** One parsed AMI message as asterisk-manager produces it (unchecked: see field-check.ts). */
export type RawMessage = Record<string, unknown>;

/**
 * The only module that touches asterisk-manager. We use it for what it does well, the TCP connection and the line
 * parser, and nothing else:
 * - a fresh Manager per TCP connection, because the parser keeps partial lines in per-instance state that must not
 *   leak into the next connection; its keepConnected() is never called (fixed 10–60 s retries, console.log);
 * - actions are written by us (action-text.ts), not by its action(): that one holds every action in an unbounded queue
 *   until its own login() completes, and its login() uses a Date-based ActionID and `Event:` instead of `Events:`;
 * - its internal dispatcher (ActionID callbacks, per-event-name emits, each via process.nextTick) is removed: we
 *   take the parser's synchronous 'rawevent' and correlate ActionIDs ourselves.
 *
 * The socket comes from Node's 'net.client.socket' diagnostics channel, which publishes it synchronously inside
 * net.createConnection; we subscribe only around that call, so no other connection of the process can be caught.
 */
export function openTransport(host: string, port: number, onMessage: (message: RawMessage) => void): Socket {
  const manager = Manager();
  manager.removeAllListeners('rawevent');
  manager.on('rawevent', onMessage);

  let socket: Socket | undefined;
  const capture = (message: unknown): void => {
    socket ??= (message as { socket: Socket }).socket;
  };
  diagnostics.subscribe('net.client.socket', capture);
  try {
    manager.connect(port, host);
  } finally {
    diagnostics.unsubscribe('net.client.socket', capture);
  }
  if (!socket) throw new Error('asterisk-manager did not open a socket');
  return socket;
}
