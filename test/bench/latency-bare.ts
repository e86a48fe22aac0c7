/**
 * Bare Socket.IO, for latency.ts to measure Tablica's delivery against: a Socket.IO server (same version and options
 * as the board's, no access, no adapter) that sends the deltas a board received in Tablica's run again, at the same
 * moments relative to each other and with the same payloads, each stamped with the time it is sent. Driven over IPC:
 * `play` with the recorded frames, answered `played` once the last is sent.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { SNAPSHOT_DEFLATE } from '../../server/realtime/io.ts';

/** A recorded `board:changed`: when it was sent in Tablica's run (epoch ms) and its payload. */
export interface RecordedDelta {
  readonly sentAt: number;
  readonly payload: { at: string } & Record<string, unknown>;
}

type Command = { type: 'play'; deltas: RecordedDelta[] } | { type: 'stop' };

const send = (message: unknown): void => void process.send?.(message);
const http = createServer();
const io = new Server(http, { serveClient: false, perMessageDeflate: SNAPSHOT_DEFLATE });
// The clients count as ready once a snapshot arrives.
io.on('connection', (socket) => socket.emit('board:snapshotted', { seq: 0 }));
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
send({ type: 'listening', url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` });

/** Sends each delta at its offset from the first, on a timer that catches up rather than drifts. */
function play(deltas: readonly RecordedDelta[]): void {
  const first = deltas[0]?.sentAt ?? 0;
  const began = Date.now();
  let next = 0;
  const tick = (): void => {
    while (next < deltas.length && deltas[next]!.sentAt - first <= Date.now() - began) {
      const { payload } = deltas[next]!;
      io.emit('board:changed', { ...payload, at: new Date().toISOString() });
      next += 1;
    }
    if (next < deltas.length) setTimeout(tick, Math.max(0, deltas[next]!.sentAt - first - (Date.now() - began)));
    else send({ type: 'played' });
  };
  tick();
}

process.on('message', (command: Command) => {
  if (command.type === 'play') play(command.deltas);
  else void io.close().then(() => process.exit(0));
});
