import net from 'node:net';
import Manager from 'asterisk-manager';
import { createAmiConnection } from '../../server/ami/connection.ts';
import { initialState, reduce } from '../../server/domain/reducer.ts';
import { ActionReader, amiList, amiMessage } from '../support/ami-wire.ts';
import { BANNER } from '../support/fake-ami.ts';
import { testLogger } from '../support/test-logger.ts';
import { readTraceMessages, readTraceFile } from '../support/traces.ts';

/**
 * Ingest throughput: the 09-load trace's bytes (everything after the banner: 6.9 MB, 17,717 `Event:` messages)
 * streamed in a loop over a local TCP socket, as fast as the socket takes them, to
 *   (a) asterisk-manager alone: a bare Manager counting its 'managerevent' emissions, and
 *   (b) our full path: our AMI connection (login and resync answered once by the bench server, then the loops)
 *       with `reduce` applied to every input.
 * Both parse exactly the same bytes; events/s counts the stream's Event messages (the same number for both) from
 * the first byte of the loops to the last event seen, per second of this process's CPU time (user + system) and,
 * for reference, per second of wall time. CPU time is what the targets use: on a shared machine the wall clock
 * also measures everybody else's load, while a single-threaded consumer's CPU time is its wall time on an idle one.
 * (b) waits for every unsolicited event (17,601 per loop: list items of the recording's own lists are not events).
 *
 * Same process, one after the other, alternating (a) and (b) after a warm-up of each, median of the repeats: the
 * server only hands one prepared Buffer to the kernel per loop, so it costs the measured side little, and both
 * sides run with the same JIT state and heap. A child process per side would add its start-up and JIT warm-up
 * noise to short runs without making the comparison fairer.
 */

export interface IngestOptions {
  readonly loops: number;
  readonly repeats: number;
}

/** One run's throughput in events per second of CPU time and of wall time. */
export interface Rate {
  readonly cpu: number;
  readonly wall: number;
}

export interface IngestResult {
  readonly bytesPerLoop: number;
  readonly eventsPerLoop: number;
  readonly bare: Rate[];
  readonly ours: Rate[];
}

interface Instant {
  readonly wall: number;
  readonly cpu: number;
}

function now(): Instant {
  const { user, system } = process.cpuUsage();
  return { wall: performance.now(), cpu: (user + system) / 1000 };
}

function rate(events: number, start: Instant, end: Instant): Rate {
  return { cpu: events / ((end.cpu - start.cpu) / 1000), wall: events / ((end.wall - start.wall) / 1000) };
}

interface Workload {
  readonly bytes: Buffer;
  readonly events: number;
  readonly unsolicited: number;
}

function loadWorkload(): Workload {
  const raw = readTraceFile('09-load', 'ami.raw');
  const bytes = raw.subarray(raw.indexOf('\r\n') + 2);
  const messages = readTraceMessages('09-load');
  const actionId = (text: string) => /(?:^|\n)ActionID: ([^\r\n]*)\r\n/.exec(text)?.[1];
  const lists = new Set(
    messages.flatMap((m) => (m.kind === 'response' && m.raw?.includes('EventList: start') ? [actionId(m.raw)] : [])),
  );
  const events = messages.filter((m) => m.kind === 'event');
  const unsolicited = events.filter((m) => m.raw !== undefined && !lists.has(actionId(m.raw))).length;
  return { bytes, events: events.length, unsolicited };
}

/**
 * A server for one connection: the banner, then (for our client) answers to Login and the three resync lists,
 * then the workload `loops` times. Resolves with the time streaming started.
 */
async function startServer(workload: Workload, loops: number, handshake: boolean) {
  let started: (at: Instant) => void = () => undefined;
  const streaming = new Promise<Instant>((resolve) => (started = resolve));
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.write(BANNER);
    const stream = async (): Promise<void> => {
      started(now());
      for (let i = 0; i < loops && !socket.destroyed; i += 1) {
        if (!socket.write(workload.bytes)) await new Promise((resolve) => socket.once('drain', resolve));
      }
      socket.end();
    };
    if (!handshake) return void stream();
    const reader = new ActionReader((action) => {
      const name = action.name.toLowerCase();
      if (name === 'login') {
        socket.write(amiMessage({ Response: 'Success', ActionID: action.id, Message: 'Authentication accepted' }));
      } else if (name === 'logoff') socket.end();
      else if (['queuestatus', 'queuesummary', 'coreshowchannels'].includes(name)) {
        socket.write(amiList(action.name, action.id, []));
        if (name === 'coreshowchannels') void stream();
      }
    });
    socket.on('data', (chunk) => reader.feed(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    streaming,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function runBare(workload: Workload, loops: number): Promise<Rate> {
  const server = await startServer(workload, loops, false);
  const target = workload.events * loops;
  let seen = 0;
  const done = new Promise<Instant>((resolve) => {
    const manager = Manager();
    manager.on('managerevent', () => {
      seen += 1;
      if (seen === target) resolve(now());
    });
    manager.connect(server.port, '127.0.0.1');
  });
  const end = await done;
  const start = await server.streaming;
  await server.close();
  return rate(target, start, end);
}

async function runOurs(workload: Workload, loops: number): Promise<Rate> {
  const server = await startServer(workload, loops, true);
  const target = workload.unsolicited * loops;
  let seen = 0;
  let state = initialState();
  let finished: (at: Instant) => void = () => undefined;
  const done = new Promise<Instant>((resolve) => (finished = resolve));
  const connection = createAmiConnection(
    {
      host: '127.0.0.1',
      port: server.port,
      username: 'bench',
      secret: 'bench',
      keepaliveMs: 3_600_000,
      logger: testLogger('bench'),
    },
    (input) => {
      state = reduce(state, input).state;
      if (input.type === 'event') {
        seen += 1;
        if (seen === target) finished(now());
      }
    },
  );
  connection.start();
  const end = await done;
  const start = await server.streaming;
  await connection.stop();
  await server.close();
  return rate(workload.events * loops, start, end);
}

export async function benchIngest({ loops, repeats }: IngestOptions): Promise<IngestResult> {
  const workload = loadWorkload();
  await runBare(workload, 1);
  await runOurs(workload, 1);
  const bare: Rate[] = [];
  const ours: Rate[] = [];
  for (let i = 0; i < repeats; i += 1) {
    bare.push(await runBare(workload, loops));
    ours.push(await runOurs(workload, loops));
  }
  return { bytesPerLoop: workload.bytes.length, eventsPerLoop: workload.events, bare, ours };
}
