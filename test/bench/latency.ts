import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { DEMO_SECRET } from '../../server/sim/index.ts';
import { amiMessage } from '../support/ami-wire.ts';
import { startFakeAmi, type FakeSession } from '../support/fake-ami.ts';
import { listedMember, queueParams } from '../support/hostile-ami.ts';
import { startRedisServer } from '../support/redis-server.ts';
import { ownerCookie } from '../support/board-app.ts';
import { readTraceMessages } from '../support/traces.ts';
import type { RecordedDelta } from './latency-bare.ts';
import type { ClientKind } from './latency-clients.ts';
import { AlertStore } from '../../server/alerts/store.ts';
import { alertKeys } from '../../server/store/keys.ts';
import { syntheticRule } from './alerts.ts';
import { EXPORT_PREFIX, loadExportDay } from './exports.ts';
import { percentile } from './percentile.ts';

/**
 * End-to-end latency of the live board: from an AMI event's bytes written to the board's socket until the
 * `board:changed` carrying it is received by socket.io-clients, with 100 and 1,000 boards connected.
 *
 * A local TCP AMI peer plays the 09-load trace's unsolicited events in a loop at 500 events/s (5 every 10 ms) and,
 * every 50 ms, a marker: a QueueMemberPause of a member of its own whose name numbers it (the delta carries it in the
 * member's agent). The board runs in a process of its own (latency-server.ts), the clients in two more
 * (latency-clients.ts) that note when each marker arrived; latency = receive time − write time, over every (marker,
 * client) pair. It includes the coalescing window and the fan-out to every socket; on a small machine the clients
 * compete with the board for CPU, so the numbers are an upper bound. Memory per client: the board process's heap and
 * RSS after GC with the clients connected, minus before, divided by their number.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MARKER = 'Local/9999@bench';
const MARKER_QUEUE = 'bench';
const EVENTS_PER_TICK = 5;
const TICK_MS = 10;
const MARK_EVERY_TICKS = 5;
const CLIENT_PROCESSES = 2;
const WARM_UP_MS = 2_000;

export interface LatencyRun {
  readonly clients: number;
  readonly kind: ClientKind;
  /** Marker deliveries measured, of those expected (markers × clients): fewer means the clients fell behind. */
  readonly samples: number;
  readonly expected: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly heapPerClientKb: number;
  readonly rssPerClientKb: number;
  /** CPU time the client processes used per second of measured traffic (2 = both cores of a 2-core machine). */
  readonly clientCpuPerSecond: number;
  /** Days of `exportCalls` calls the board process wrote while this run was measured (a run beside an export). */
  readonly exportsWritten?: number;
  /** Alert rules the board evaluated during the run. */
  readonly alertRules?: number;
  /** Bare Socket.IO sent the deltas, not Tablica (latency-bare.ts): p50 and p99 are then from send to receipt. */
  readonly bare?: true;
  /** The board process's event-loop delay over the measured window (not measured for bare runs). */
  readonly loopP99Ms?: number;
  /** From a delta's send time (its `at`) to its receipt: minimal clients only. */
  readonly sendP50Ms?: number;
  readonly sendP99Ms?: number;
}

export interface LatencyRunOptions {
  readonly clients: number;
  readonly kind: ClientKind;
  readonly besideExport?: boolean;
  /** That many alert rules stored, which the board evaluates after every statistics write and every second. */
  readonly besideAlertRules?: number;
  /**
   * Minimal clients of bare Socket.IO (latency-bare.ts), which sends the deltas the last run of minimal clients got
   * from Tablica again, at the same moments and with the same payloads.
   */
  readonly bare?: boolean;
}

export interface LatencyOptions {
  /**
   * One run per entry: that many boards of that kind of client; `besideExport`: while the board process writes a day
   * of `exportCalls` calls' reports again and again (the lease holder's nightly export, on the same event loop);
   * `besideAlertRules`: with that many alert rules over the recorded queues to evaluate.
   */
  readonly runs: readonly LatencyRunOptions[];
  readonly exportCalls?: number;
  /** Seconds of traffic measured per client count. */
  readonly seconds: number;
}

export async function benchLatency(options: LatencyOptions): Promise<LatencyRun[]> {
  const redis = process.env.REDIS_URL ? undefined : await startRedisServer();
  const redisUrl = process.env.REDIS_URL ?? redis!.url;
  let session: FakeSession | undefined;
  const load = recordedLoad();
  // Tablica follows only the queues Asterisk lists: the recording's, and the markers' own.
  const queues = [...new Set(load.flatMap((raw) => /\r\nQueue: ([^\r]+)/.exec(raw)?.[1] ?? []))];
  const QueueStatus = [
    ...[...queues, MARKER_QUEUE].map((queue) => queueParams(queue)),
    listedMember({
      Queue: MARKER_QUEUE,
      Interface: MARKER,
      MemberName: 'm0',
      StateInterface: 'Custom:bench',
      Membership: 'dynamic',
    }),
  ];
  const ami = await startFakeAmi({ secret: DEMO_SECRET, lists: { QueueStatus }, onLogin: (s) => (session = s) });
  const server = child('latency-server.ts', { BENCH_REDIS_URL: redisUrl, BENCH_AMI_PORT: String(ami.port) }, [
    '--expose-gc',
  ]);
  const clientProcesses = Array.from({ length: CLIENT_PROCESSES }, () => child('latency-clients.ts', {}));
  const bare = options.runs.some((run) => run.bare) ? child('latency-bare.ts', {}) : undefined;
  let alertRedis: Redis | undefined;
  try {
    const { url, prefix } = await reply<{ url: string; prefix: string }>(server, 'listening');
    alertRedis = new Redis(redisUrl);
    const alerts = new AlertStore(alertRedis, alertKeys(prefix));
    // Boards need a session: every client connects as the test Owner.
    const cookie = await ownerCookie(url);
    await until(() => session !== undefined, 'the board logging in to the AMI');
    const traffic = new Traffic(session!, load);
    const runs: LatencyRun[] = [];
    if (options.runs.some((run) => run.besideExport)) {
      const store = new Redis(redisUrl);
      await loadExportDay(store, EXPORT_PREFIX, options.exportCalls ?? 100_000);
      store.disconnect();
    }
    const bareUrl = bare && (await reply<{ url: string }>(bare, 'listening')).url;
    /** The deltas the last run of minimal clients got from Tablica: what bare Socket.IO sends again. */
    let lastDeltas: RecordedDelta[] = [];
    for (const { clients: count, kind, besideExport, besideAlertRules = 0, bare: isBare = false } of options.runs) {
      if (isBare && (!bare || !bareUrl || lastDeltas.length === 0))
        throw new Error('a bare run follows a run of minimal clients');
      for (let rule = 0; rule < besideAlertRules; rule += 1) await alerts.putRule(syntheticRule(rule, queues));
      const before = await memory(server);
      const record = kind === 'websocket' && !isBare;
      await Promise.all(
        clientProcesses.map((c, i) => {
          const to = isBare ? bareUrl : url;
          c.send({
            type: 'connect',
            url: to,
            cookie,
            count: share(count, i),
            marker: MARKER,
            kind,
            record: record && i === 0,
          });
          return reply(c, 'connected');
        }),
      );
      const after = await memory(server);
      let measuredFrom = performance.now();
      let loopP99Ms: number | undefined;
      if (isBare) {
        for (const c of clientProcesses) c.send({ type: 'measure' });
        measuredFrom = performance.now();
        bare!.send({ type: 'play', deltas: lastDeltas });
        await reply(bare!, 'played', options.seconds * 1_000 + 60_000);
      } else {
        if (besideExport) server.send({ type: 'export-start' });
        traffic.start();
        // Warm-up (JIT, socket buffers): its markers are not counted.
        await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
        traffic.marks.clear();
        for (const c of clientProcesses) c.send({ type: 'measure' });
        server.send({ type: 'loop-start' });
        measuredFrom = performance.now();
        await new Promise((resolve) => setTimeout(resolve, options.seconds * 1_000));
        server.send({ type: 'loop-stop' });
        loopP99Ms = (await reply<{ p99Ms: number }>(server, 'loop')).p99Ms;
        traffic.stop();
      }
      let exportsWritten: number | undefined;
      if (besideExport) {
        server.send({ type: 'export-stop' });
        exportsWritten = (await reply<{ writes: number }>(server, 'export-stopped')).writes;
      }
      // Let the last markers arrive.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const latencies: number[] = [];
      const sendLatencies: number[] = [];
      let clientCpuSeconds = 0;
      for (const c of clientProcesses) {
        c.send({ type: 'report' });
        const { receipts, recorded, cpuSeconds } = await reply<{
          receipts: [number, number, number?][];
          recorded: RecordedDelta[];
          cpuSeconds: number;
        }>(c, 'receipts');
        clientCpuSeconds += cpuSeconds;
        if (recorded.length > 0) lastDeltas = recorded;
        for (const [mark, at, sentAt] of receipts) {
          if (sentAt !== undefined && Number.isFinite(sentAt)) sendLatencies.push(at - sentAt);
          const written = traffic.marks.get(mark);
          if (written !== undefined) latencies.push(at - written);
        }
      }
      await Promise.all(
        clientProcesses.map((c) => {
          c.send({ type: 'disconnect' });
          return reply(c, 'disconnected');
        }),
      );
      const markers = isBare ? lastMarkers(lastDeltas) : traffic.marks.size;
      const measured = isBare ? sendLatencies : latencies;
      runs.push({
        clients: count,
        kind,
        samples: measured.length,
        expected: markers * count,
        p50Ms: percentile(measured, 0.5),
        p99Ms: percentile(measured, 0.99),
        heapPerClientKb: (after.heapUsed - before.heapUsed) / count / 1024,
        rssPerClientKb: (after.rss - before.rss) / count / 1024,
        clientCpuPerSecond: clientCpuSeconds / ((performance.now() - measuredFrom) / 1_000),
        ...(sendLatencies.length > 0 && {
          sendP50Ms: percentile(sendLatencies, 0.5),
          sendP99Ms: percentile(sendLatencies, 0.99),
        }),
        ...(loopP99Ms !== undefined && { loopP99Ms }),
        ...(exportsWritten !== undefined && { exportsWritten }),
        ...(besideAlertRules > 0 && { alertRules: besideAlertRules }),
        ...(isBare && { bare: true as const }),
      });
      for (let rule = 0; rule < besideAlertRules; rule += 1) await alerts.deleteRule(syntheticRule(rule).id);
      traffic.marks.clear();
    }
    return runs;
  } finally {
    alertRedis?.disconnect();
    server.send({ type: 'stop' });
    await new Promise((resolve) => server.once('exit', resolve));
    bare?.send({ type: 'stop' });
    for (const c of clientProcesses) c.kill();
    await ami.close();
    await redis?.stop();
  }
}

/** The recorded load's unsolicited events (list items, with an ActionID, answered the recording's own actions). */
function recordedLoad(): string[] {
  return readTraceMessages('09-load').flatMap((m) =>
    m.kind === 'event' && m.raw !== undefined && !m.raw.includes('\r\nActionID: ') ? [m.raw] : [],
  );
}

/** The AMI peer's writes: background events from the recorded load and numbered markers. */
class Traffic {
  readonly marks = new Map<number, number>();
  private next = 0;
  private mark = 0;
  private tick = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly session: FakeSession,
    private readonly events: readonly string[],
  ) {}

  start(): void {
    this.timer = setInterval(() => this.write(), TICK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private write(): void {
    let text = '';
    for (let i = 0; i < EVENTS_PER_TICK; i += 1) {
      text += this.events[this.next]!;
      this.next = (this.next + 1) % this.events.length;
    }
    this.tick += 1;
    if (this.tick % MARK_EVERY_TICKS === 0) {
      this.mark += 1;
      text += markerEvent(this.mark);
      this.marks.set(this.mark, performance.timeOrigin + performance.now());
    }
    this.session.send(text);
  }
}

function markerEvent(mark: number): string {
  return amiMessage({
    Event: 'QueueMemberPause',
    Privilege: 'agent,all',
    Queue: MARKER_QUEUE,
    MemberName: `m${mark}`,
    Interface: MARKER,
    StateInterface: 'Custom:bench',
    Membership: 'dynamic',
    Penalty: 0,
    CallsTaken: 0,
    LastCall: 0,
    LastPause: 0,
    LoginTime: 0,
    InCall: 0,
    Status: 1,
    Paused: mark % 2,
    PausedReason: `m${mark}`,
    Ringinuse: 0,
    Wrapuptime: 0,
  });
}

function child(file: string, env: Record<string, string>, execArgv: string[] = []): ChildProcess {
  return fork(path.join(HERE, file), {
    env: { ...process.env, ...env },
    execArgv: ['--import', 'tsx', ...execArgv],
    stdio: 'inherit',
  });
}

function reply<T>(process: ChildProcess, type: string, withinMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "${type}" from ${String(process.spawnargs.at(-1))} within ${withinMs / 1000} s`)),
      withinMs,
    );
    const listener = (message: { type: string } & T): void => {
      if (message.type !== type) return;
      clearTimeout(timer);
      process.off('message', listener);
      resolve(message);
    };
    process.on('message', listener);
  });
}

function memory(server: ChildProcess): Promise<{ heapUsed: number; rss: number }> {
  server.send({ type: 'memory' });
  return reply(server, 'memory');
}

async function until(probe: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The markers among recorded deltas. */
function lastMarkers(deltas: readonly RecordedDelta[]): number {
  return deltas.filter((delta) => JSON.stringify(delta.payload).includes(`"interface":"${MARKER}"`)).length;
}

function share(total: number, index: number): number {
  return Math.floor(total / CLIENT_PROCESSES) + (index < total % CLIENT_PROCESSES ? 1 : 0);
}
