/**
 * Board clients for latency.ts, in a process of their own: real socket.io-clients that note when each delta carrying
 * a marker arrived. Driven over IPC: connect n sockets, report and forget receipts, disconnect.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { ClientEvents, ServerEvents } from '../../server/contract/events.ts';

type Command =
  | { type: 'connect'; url: string; cookie: string; count: number; marker: string }
  | { type: 'report' }
  | { type: 'disconnect' };

const sockets: Socket<ServerEvents, ClientEvents>[] = [];
/** [marker number, receive time (epoch ms, sub-ms)] */
let receipts: [number, number][] = [];
const send = (message: unknown): void => void process.send?.(message);

function connect(url: string, cookie: string, count: number, marker: string): void {
  let ready = 0;
  for (let i = 0; i < count; i += 1) {
    const socket: Socket<ServerEvents, ClientEvents> = io(url, {
      transports: ['websocket'],
      forceNew: true,
      extraHeaders: { Cookie: cookie },
    });
    socket.once('board:snapshotted', () => {
      ready += 1;
      if (ready === count) send({ type: 'connected' });
    });
    socket.on('board:changed', (delta) => {
      const at = performance.timeOrigin + performance.now();
      for (const op of delta.ops) {
        if (op.op === 'member' && op.member.interface === marker) receipts.push([Number(op.member.pausedReason.slice(1)), at]);
      }
    });
    sockets.push(socket);
  }
}

process.on('message', (command: Command) => {
  if (command.type === 'connect') connect(command.url, command.cookie, command.count, command.marker);
  else if (command.type === 'report') {
    send({ type: 'receipts', receipts });
    receipts = [];
  } else {
    for (const socket of sockets.splice(0)) socket.disconnect();
    send({ type: 'disconnected' });
  }
});
