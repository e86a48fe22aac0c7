import net from 'node:net';
import { ActionReader, type ClientAction } from './ami-wire.ts';
import { readTraceActions, readTraceMessages, type Scenario } from './traces.ts';

/**
 * The recorded actions our AMI client sends itself, by phase: its Login and its resync lists. Responses to these
 * carry the client's ActionIDs when played; every other recorded response and list (scenario actions, the
 * DeviceStateList of the recording's resync, polls, the final snapshot, Logoff) is played unchanged, so the client
 * sees answers to actions it never sent, exactly as a proxy or a shared session would show them.
 */
export const CLIENT_SENT_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  login: ['Login'],
  'initial-resync': ['QueueStatus', 'QueueSummary', 'CoreShowChannels'],
};

export interface PlayerOptions {
  /** Seeds the chunking (default 1). */
  readonly seed?: number;
  /** Largest chunk in bytes (default 4096). */
  readonly maxChunk?: number;
  /** How long to wait for the client's connection or action before giving up (default 10 s). */
  readonly waitTimeoutMs?: number;
  /**
   * Adds to every event the `Timestamp:` header of its recorded time (as `timestampevents = yes` would), so that what
   * the server derives carries the recorded times and can be compared with queue_log and Master.csv.
   */
  readonly stamped?: boolean;
}

export interface PlayerReport {
  readonly sessions: number;
  readonly messages: number;
  readonly bytes: number;
  /** Recorded ActionID → the client's ActionID that replaced it. */
  readonly substituted: Readonly<Record<string, string>>;
}

export interface TracePlayer {
  readonly port: number;
  /** Settles when every session was played and its socket closed (rejects when the client misbehaved). */
  readonly done: Promise<PlayerReport>;
  close(): Promise<void>;
}

interface Trace {
  /** Per TCP session, the messages' raw text in order, with an event's recorded time (epoch ms). */
  readonly sessions: readonly (readonly { raw: string; stamp: number | null }[])[];
  /** Recorded ActionID → action name, for the actions the client sends itself. */
  readonly clientSent: ReadonlyMap<string, string>;
}

const traces = new Map<Scenario, Trace>();

function loadTrace(scenario: Scenario): Trace {
  const cached = traces.get(scenario);
  if (cached) return cached;
  const sessions: { raw: string; stamp: number | null }[][] = [];
  let current: { raw: string; stamp: number | null }[] | undefined;
  for (const message of readTraceMessages(scenario)) {
    if (message.kind === 'connect') current = undefined;
    if (message.kind === 'connect' || message.kind === 'disconnect' || message.raw === undefined) continue;
    if (!current) sessions.push((current = []));
    current.push({ raw: message.raw, stamp: message.kind === 'event' ? message.epoch_ms : null });
  }
  const clientSent = new Map<string, string>();
  for (const action of readTraceActions(scenario)) {
    if (CLIENT_SENT_ACTIONS[action.phase]?.includes(action.action)) clientSent.set(action.action_id, action.action);
  }
  const trace = { sessions, clientSent };
  traces.set(scenario, trace);
  return trace;
}

/**
 * A TCP server on a free port that plays a recorded trace as Asterisk would: each session's bytes in order,
 * re-chunked at random (seeded) so that messages are split across chunks and chunks hold several messages. A
 * session ends with a close (13 has two sessions: the second is played to the next connection). See
 * CLIENT_SENT_ACTIONS for the ActionIDs that are substituted.
 */
export async function startTracePlayer(scenario: Scenario, options: PlayerOptions = {}): Promise<TracePlayer> {
  const trace = loadTrace(scenario);
  const { seed = 1, maxChunk = 4096, waitTimeoutMs = 10_000 } = options;
  const random = mulberry32(seed);
  const connections = new Waiting<net.Socket>(waitTimeoutMs);
  const open = new Set<net.Socket>();
  let served = 0;

  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    // Connections beyond the recorded sessions (a reconnect after the last one) are refused.
    if (served >= trace.sessions.length) socket.destroy();
    else {
      served += 1;
      connections.put(socket);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  const play = async (): Promise<PlayerReport> => {
    const substituted: Record<string, string> = {};
    let messages = 0;
    let bytes = 0;
    for (const [index, session] of trace.sessions.entries()) {
      const socket = await connections.take(`the client's connection for session ${index + 1}`);
      const sent = new Map<string, Waiting<string>>();
      const reader = new ActionReader((action: ClientAction) => {
        const name = action.name.toLowerCase();
        if (!sent.has(name)) sent.set(name, new Waiting(waitTimeoutMs));
        sent.get(name)?.put(action.id);
      });
      socket.on('data', (chunk) => reader.feed(chunk));
      const out = new ChunkWriter(socket, random, maxChunk);
      for (const { raw: recordedRaw, stamp } of session) {
        const raw =
          options.stamped && stamp !== null
            ? recordedRaw.replace('\r\n', `\r\nTimestamp: ${(stamp / 1000).toFixed(6)}\r\n`)
            : recordedRaw;
        let text = raw;
        const recorded = raw.includes('ActionID: rec-') ? /(?:^|\n)ActionID: (rec-\d+)\r\n/.exec(raw)?.[1] : undefined;
        const action = recorded === undefined ? undefined : trace.clientSent.get(recorded);
        if (recorded !== undefined && action !== undefined) {
          let mine = substituted[recorded];
          if (mine === undefined) {
            // The client sends its next action only after it has read everything up to here.
            await out.flush();
            const name = action.toLowerCase();
            if (!sent.has(name)) sent.set(name, new Waiting(waitTimeoutMs));
            mine = await sent.get(name)!.take(`the client's ${action} (recorded as ${recorded})`);
            substituted[recorded] = mine;
          }
          text = raw.replace(`ActionID: ${recorded}\r\n`, `ActionID: ${mine}\r\n`);
        }
        const buffer = Buffer.from(text, 'utf8');
        bytes += buffer.length;
        messages += 1;
        await out.push(buffer);
      }
      await out.flush();
      await closeSocket(socket);
    }
    return { sessions: trace.sessions.length, messages, bytes, substituted };
  };

  const done = play();
  // Callers await `done`; this only keeps an early close() from turning into an unhandled rejection.
  done.catch(() => undefined);
  return {
    port,
    done,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Writes bytes in random-sized chunks, waiting for the socket to drain (the client reads at its own pace). */
class ChunkWriter {
  private pending: Buffer[] = [];
  private length = 0;
  private nextSize: number;

  constructor(
    private readonly socket: net.Socket,
    private readonly random: () => number,
    private readonly maxChunk: number,
  ) {
    this.nextSize = this.drawSize();
  }

  async push(buffer: Buffer): Promise<void> {
    this.pending.push(buffer);
    this.length += buffer.length;
    while (this.length >= this.nextSize) await this.write(this.nextSize);
  }

  async flush(): Promise<void> {
    while (this.length > 0) await this.write(Math.min(this.nextSize, this.length));
  }

  private async write(size: number): Promise<void> {
    const all = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    const rest = all.subarray(size);
    this.pending = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    this.nextSize = this.drawSize();
    if (this.socket.destroyed) throw new Error('the client closed the connection before the trace ended');
    if (!this.socket.write(all.subarray(0, size))) await drained(this.socket);
  }

  // Mostly up to maxChunk, with a share of tiny chunks so that headers and line ends get split too.
  private drawSize(): number {
    const limit = this.random() < 0.2 ? 16 : this.maxChunk;
    return 1 + Math.floor(this.random() * limit);
  }
}

function drained(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

/** Ends our side as Asterisk does and resolves once the socket is fully closed (the client read everything). */
function closeSocket(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.closed) return resolve();
    socket.once('close', () => resolve());
    socket.end();
  });
}

/** A queue whose take() waits (with a timeout) for the next put(). */
class Waiting<T> {
  private readonly items: T[] = [];
  private readonly takers: ((item: T) => void)[] = [];

  constructor(private readonly timeoutMs: number) {}

  put(item: T): void {
    const taker = this.takers.shift();
    if (taker) taker(item);
    else this.items.push(item);
  }

  take(what: string): Promise<T> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift()!);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.takers.splice(this.takers.indexOf(taker), 1);
        reject(new Error(`trace player: waited ${this.timeoutMs} ms for ${what}`));
      }, this.timeoutMs);
      const taker = (item: T): void => {
        clearTimeout(timer);
        resolve(item);
      };
      this.takers.push(taker);
    });
  }
}

/** A small seeded PRNG (mulberry32): the same seed gives the same chunking. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
