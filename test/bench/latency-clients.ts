/**
 * Board clients for latency.ts, in a process of their own, that note when each delta carrying a marker arrived.
 * Driven over IPC: connect n sockets, start measuring, report (and forget) receipts and CPU time, disconnect.
 *
 * Two kinds: real socket.io-clients, and minimal WebSocket clients speaking the same Socket.IO protocol (engine.io
 * v4 over one WebSocket: open, namespace connect, ping/pong, event packets) that find the marker in a delta's text
 * without decoding the rest. The server cannot tell them apart; they cost a fraction of the CPU per message, so that
 * on a small machine a thousand of them measure the server rather than the clients' own backlog.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import type { ClientEvents, ServerEvents } from '../../server/contract/events.ts';
import type { RecordedDelta } from './latency-bare.ts';

export type ClientKind = 'socket.io-client' | 'websocket';

type Command =
  | {
      type: 'connect';
      url: string;
      cookie: string;
      count: number;
      marker: string;
      kind: ClientKind;
      /** The first socket keeps every delta it gets while measuring (minimal clients only), for latency-bare.ts. */
      record: boolean;
    }
  | { type: 'measure' }
  | { type: 'report' }
  | { type: 'disconnect' };

const closers: (() => void)[] = [];
/** [marker number, receive time (epoch ms, sub-ms), the delta's send time (its `at`, epoch ms; minimal clients)] */
let receipts: [number, number, number?][] = [];
let measuring = false;
let recorded: RecordedDelta[] = [];
/** CPU time used since the measured window began. */
let cpuFrom = process.cpuUsage();
const send = (message: unknown): void => void process.send?.(message);
const now = (): number => performance.timeOrigin + performance.now();

function connectSocketIo(url: string, cookie: string, marker: string, ready: () => void): void {
  const socket: Socket<ServerEvents, ClientEvents> = io(url, {
    transports: ['websocket'],
    forceNew: true,
    extraHeaders: { Cookie: cookie },
  });
  socket.once('board:snapshotted', ready);
  socket.on('board:changed', (delta) => {
    const at = now();
    for (const op of delta.ops) {
      if (op.op === 'agent' && op.agent.interface === marker) receipts.push([Number(op.agent.name.slice(1)), at]);
    }
  });
  closers.push(() => socket.disconnect());
}

function connectWebSocket(url: string, cookie: string, marker: string, ready: () => void, record: boolean): void {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, {
    headers: { Cookie: cookie },
  });
  // The agent op of the marker: its name numbers it (an agent view names the agent right after its interface).
  const found = new RegExp(`"interface":"${marker.replace(/[/.*+?^${}()|[\]\\]/g, '\\$&')}","name":"m(\\d+)"`);
  let snapshotted = false;
  socket.on('message', (data: Buffer) => {
    const at = now();
    const text = data.toString();
    if (text === '2') return void socket.send('3');
    if (text.startsWith('0')) return void socket.send('40');
    if (text.startsWith('42["board:changed"')) {
      const match = found.exec(text);
      // A delta's `at` follows its seq: the time the server stamped it as it sent it.
      const sentAt = Date.parse(/"at":"([^"]+)"/.exec(text)?.[1] ?? '');
      if (match) receipts.push([Number(match[1]), at, sentAt]);
      if (record && measuring) {
        const [, payload] = JSON.parse(text.slice(2)) as [string, RecordedDelta['payload']];
        recorded.push({ sentAt, payload });
      }
    } else if (!snapshotted && text.startsWith('42["board:snapshotted"')) {
      snapshotted = true;
      ready();
    }
  });
  closers.push(() => socket.close());
}

function connect(command: Extract<Command, { type: 'connect' }>): void {
  let ready = 0;
  const onReady = (): void => {
    ready += 1;
    if (ready === command.count) send({ type: 'connected' });
  };
  for (let i = 0; i < command.count; i += 1) {
    if (command.kind === 'websocket')
      connectWebSocket(command.url, command.cookie, command.marker, onReady, command.record && i === 0);
    else connectSocketIo(command.url, command.cookie, command.marker, onReady);
  }
}

process.on('message', (command: Command) => {
  if (command.type === 'connect') connect(command);
  else if (command.type === 'measure') {
    cpuFrom = process.cpuUsage();
    measuring = true;
  } else if (command.type === 'report') {
    const cpu = process.cpuUsage(cpuFrom);
    send({ type: 'receipts', receipts, recorded, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
    receipts = [];
    recorded = [];
    measuring = false;
  } else {
    for (const close of closers.splice(0)) close();
    send({ type: 'disconnected' });
  }
});
