import net from 'node:net';
import { createAmiConnection } from '../../server/ami/connection.ts';
import type { DomainInput } from '../../server/domain/input.ts';
import { initialState, reduce } from '../../server/domain/reducer.ts';
import type { LiveState } from '../../server/domain/state.ts';
import { startSimulator } from '../../server/sim/index.ts';
import { amiList, amiMessage, ActionReader } from '../support/ami-wire.ts';
import { BANNER } from '../support/fake-ami.ts';
import { plainState } from '../support/plain-state.ts';
import * as reference from '../support/reference-reducer/reducer.ts';
import { testLogger } from '../support/test-logger.ts';

/**
 * The reducer at the size of a center: the simulator runs a generated center of `agents` agents in 20 queues (0.6
 * arrivals per agent per minute) until its calls in progress have settled, then for a measured window. Two figures:
 *   - reducer µs per event: the window's inputs, recorded as the connection delivered them, reduced again from the
 *     state the window started with, on their own (no parsing, no socket);
 *   - ingest share of a core: the window's AMI bytes, captured between the simulator and our connection, streamed
 *     again to our connection (parse + reduce onto the same starting state) as fast as it takes them; the CPU time
 *     that costs over the simulated seconds the window spans.
 */

export interface CenterOptions {
  readonly agents: number;
  /** Simulated minutes before the window, for the calls in progress to reach their steady level. */
  readonly warmupMinutes: number;
  readonly windowSeconds: number;
  readonly repeats: number;
}

export interface CenterResult {
  readonly agents: number;
  readonly callsInProgress: number;
  readonly waiting: number;
  readonly events: number;
  readonly eventsPerSecond: number;
  /** One figure per repeat. */
  readonly reducerMicros: number[];
  /** The same for the reference reducer (test/support/reference-reducer), the one before this. */
  readonly referenceMicros: number[];
  readonly ingestShare: number[];
}

interface Window {
  readonly start: LiveState;
  readonly inputs: DomainInput[];
  readonly bytes: Buffer;
}

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** A TCP relay in front of the simulator that keeps a copy of what the simulator sends while `recording`. */
async function startTap(target: number) {
  const chunks: Buffer[] = [];
  let recording = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (recording) chunks.push(chunk);
      client.write(chunk);
    });
    upstream.on('end', () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    record: (on: boolean) => (recording = on),
    bytes: () => Buffer.concat(chunks),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function recordWindow(options: CenterOptions): Promise<Window & { sim: { waiting: number } }> {
  const sim = await startSimulator({
    port: 0,
    clock: 'manual',
    seed: 1,
    agents: options.agents,
    queues: 20,
    startTime: Date.UTC(2026, 10, 2, 8),
  });
  const tap = await startTap(sim.port);
  let state = initialState();
  const inputs: DomainInput[] = [];
  let recording = false;
  const connection = createAmiConnection(
    {
      host: '127.0.0.1',
      port: tap.port,
      username: 'wallboard',
      secret: 'wallboard-demo-secret',
      keepaliveMs: 3_600_000,
      actionTimeoutMs: 3_600_000,
      logger: testLogger('bench'),
    },
    (input) => {
      if (recording) inputs.push(input);
      state = reduce(state, input).state;
    },
  );
  connection.start();
  while (connection.status().state !== 'live') await new Promise((resolve) => setTimeout(resolve, 20));
  for (let second = 0; second < options.warmupMinutes * 60; second += 5) {
    sim.advance(5_000);
    await connection.action('Ping');
  }
  // A response comes after every event written before it: once the Ping is answered, all of them are reduced.
  await connection.action('Ping');
  const start = state;
  recording = true;
  tap.record(true);
  for (let second = 0; second < options.windowSeconds; second += 1) sim.advance(1_000);
  await connection.action('Ping');
  tap.record(false);
  const bytes = tap.bytes();
  await connection.stop();
  await tap.close();
  await sim.close();
  const waiting = start.calls.values().filter((call) => call.state === 'waiting').length;
  return { start, inputs, bytes, sim: { waiting } };
}

/**
 * The window's inputs reduced from its starting state, again and again for at least half a second of CPU time (a small
 * center's window takes milliseconds); CPU µs per event, as the rest of the ingest benchmark counts (on a shared
 * machine the wall clock also measures the others' load). The states are immutable: each pass starts from the same.
 */
function timeReducer<S>(
  inputs: readonly DomainInput[],
  start: S,
  step: (state: S, input: DomainInput) => { state: S },
): number {
  const events = inputs.filter((input) => input.type === 'event').length;
  const before = cpuMs();
  let passes = 0;
  while (passes === 0 || cpuMs() - before < 500) {
    let state = start;
    for (const input of inputs) state = step(state, input).state;
    passes += 1;
  }
  return ((cpuMs() - before) * 1000) / (events * passes);
}

/** The window's bytes streamed to our connection, reduced onto the window's starting state; CPU ms. */
async function timeIngest(window: Window, events: number): Promise<number> {
  let started = 0;
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.write(BANNER);
    const reader = new ActionReader((action) => {
      const name = action.name.toLowerCase();
      if (name === 'login') {
        socket.write(amiMessage({ Response: 'Success', ActionID: action.id, Message: 'Authentication accepted' }));
      } else if (['queuestatus', 'queuesummary', 'coreshowchannels'].includes(name)) {
        socket.write(amiList(action.name, action.id, []));
        if (name === 'coreshowchannels') {
          started = cpuMs();
          socket.write(window.bytes);
        }
      }
    });
    socket.on('data', (chunk) => reader.feed(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let state = window.start;
  let seen = 0;
  let finished: (at: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (finished = resolve));
  const connection = createAmiConnection(
    {
      host: '127.0.0.1',
      port: (server.address() as net.AddressInfo).port,
      username: 'bench',
      secret: 'bench',
      keepaliveMs: 3_600_000,
      logger: testLogger('bench'),
    },
    (input) => {
      // The empty lists and the link coming up are the replay's own handshake: the window starts from `start`.
      if (input.type !== 'event') return;
      state = reduce(state, input).state;
      seen += 1;
      if (seen === events) finished(cpuMs());
    },
  );
  connection.start();
  const end = await done;
  await connection.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return end - started;
}

export async function benchCenter(options: CenterOptions): Promise<CenterResult> {
  const window = await recordWindow(options);
  const events = window.inputs.filter((input) => input.type === 'event').length;
  const reducerMicros: number[] = [];
  const referenceMicros: number[] = [];
  const ingestShare: number[] = [];
  timeReducer(window.inputs, window.start, reduce);
  for (let i = 0; i < options.repeats; i += 1) {
    reducerMicros.push(timeReducer(window.inputs, window.start, reduce));
    ingestShare.push((await timeIngest(window, events)) / (options.windowSeconds * 1000));
  }
  // The reducer this one replaced, from the same state as plain objects: the figure it improves. It takes
  // milliseconds per event in a large center, so it runs the window's first 5,000 inputs; and it runs last, as the
  // garbage it leaves (a copy of every call per event) would be collected during the others' runs.
  const plain = plainState(window.start);
  const first = window.inputs.slice(0, 5_000);
  for (let i = 0; i <= options.repeats; i += 1) {
    const micros = timeReducer(first, plain, reference.reduce);
    if (i > 0) referenceMicros.push(micros);
  }
  return {
    agents: options.agents,
    callsInProgress: window.start.calls.size,
    waiting: window.sim.waiting,
    events,
    eventsPerSecond: events / options.windowSeconds,
    reducerMicros,
    referenceMicros,
    ingestShare,
  };
}
