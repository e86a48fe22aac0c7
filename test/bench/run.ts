import { benchAlerts } from './alerts.ts';
import { benchBrowser, type HeapSample } from './browser.ts';
import { benchCenter } from './center.ts';
import { benchIngest, type Rate } from './ingest.ts';
import { benchLatency, type LatencyRun, type LatencyRunOptions } from './latency.ts';
import { benchStats } from './stats.ts';
import { benchChat } from './chat.ts';
import { benchExports } from './exports.ts';
import { benchRecordings } from './recordings.ts';
import { benchMonitoring } from './monitoring.ts';
import { benchSnapshots, deflaterMemoryKb } from './snapshot.ts';
import { benchTakeover } from './takeover.ts';
import { benchActions } from './actions.ts';
import { median, percentile } from './percentile.ts';

/**
 * `npm run bench`: runs every benchmark and prints one table. Each row shows the median of the repeats beside its
 * target (throughput per CPU second, see ingest.ts). Set BENCH_LOOPS / BENCH_REPEATS to trade time for stability.
 */

interface Row {
  readonly name: string;
  readonly value: string;
  readonly target: string;
  readonly ok?: boolean;
}

const perSecond = (value: number): string => Math.round(value).toLocaleString('en-US');
const rate = (value: number): string => `${perSecond(value)} events/s`;

async function ingestRows(): Promise<Row[]> {
  const loops = Number(process.env.BENCH_LOOPS ?? 3);
  const repeats = Number(process.env.BENCH_REPEATS ?? 5);
  const result = await benchIngest({ loops, repeats });
  const bare = median(result.bare.map((r) => r.cpu));
  const ours = median(result.ours.map((r) => r.cpu));
  const ratio = ours / bare;
  const mib = (result.bytesPerLoop / 1024 / 1024).toFixed(1);
  const runs = (rates: Rate[]) => rates.map((r) => `${perSecond(r.cpu)} (wall ${perSecond(r.wall)})`).join(', ');
  process.stdout.write(
    `ingest: 09-load, ${mib} MiB and ${result.eventsPerLoop.toLocaleString('en-US')} events per loop, ` +
      `${loops} loops, median of ${repeats} repeats; events per CPU second (and per wall second)\n` +
      `  (a) runs: ${runs(result.bare)}\n  (b) runs: ${runs(result.ours)}\n` +
      `  wall-clock medians: (a) ${rate(median(result.bare.map((r) => r.wall)))}, ` +
      `(b) ${rate(median(result.ours.map((r) => r.wall)))}\n\n`,
  );
  return [
    { name: 'ingest (a) asterisk-manager parse only', value: rate(bare), target: '' },
    { name: 'ingest (b) our connection + reduce', value: rate(ours), target: '>= 50,000 events/s', ok: ours >= 50_000 },
    { name: 'ingest ratio (b)/(a)', value: ratio.toFixed(2), target: '>= 0.60', ok: ratio >= 0.6 },
    ...(await centerRows()),
  ];
}

/** The reducer at the size of a center (BENCH_AGENTS, comma-separated): its µs per event should not grow with it. */
async function centerRows(): Promise<Row[]> {
  const sizes = (process.env.BENCH_AGENTS ?? '100,1000,5000').split(',').map(Number);
  const repeats = Number(process.env.BENCH_REPEATS ?? 5);
  const rows: Row[] = [];
  const micros: number[] = [];
  for (const agents of sizes) {
    const result = await benchCenter({ agents, warmupMinutes: 5, windowSeconds: 20, repeats });
    const reducer = median(result.reducerMicros);
    const share = median(result.ingestShare);
    micros.push(reducer);
    process.stdout.write(
      `center of ${agents} agents: ${result.callsInProgress} calls in progress (${result.waiting} waiting), ` +
        `${result.events.toLocaleString('en-US')} events in the window (${perSecond(result.eventsPerSecond)}/s)\n` +
        `  reducer µs per event: ${result.reducerMicros.map((v) => v.toFixed(1)).join(', ')}` +
        ` (the reference reducer: ${result.referenceMicros.map((v) => v.toFixed(1)).join(', ')})\n` +
        `  ingest share of a core: ${result.ingestShare.map((v) => `${(v * 100).toFixed(1)} %`).join(', ')}\n\n`,
    );
    const was = median(result.referenceMicros).toFixed(0);
    rows.push({
      name: `reducer at ${agents} agents`,
      value: `${reducer.toFixed(1)} µs/event (was ${was})`,
      target: '',
    });
    rows.push({
      name: `ingest at ${agents} agents`,
      value: `${(share * 100).toFixed(1)} % of a core`,
      target: agents >= 5_000 ? '<= 15 %' : '',
      ...(agents >= 5_000 && { ok: share <= 0.15 }),
    });
  }
  const spread = Math.max(...micros) / Math.min(...micros);
  rows.push({
    name: 'reducer µs/event, largest / smallest',
    value: spread.toFixed(2),
    target: '<= 1.5',
    ok: spread <= 1.5,
  });
  return rows;
}

async function latencyRows(): Promise<Row[]> {
  const seconds = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
  const repeats = Number(process.env.BENCH_LATENCY_REPEATS ?? 3);
  const alertRules = Number(process.env.BENCH_ALERT_RULES ?? 1_000);
  // A socket.io-client per board costs the clients more CPU than a 2-core machine has beside the server: the
  // thousand boards are measured with both kinds (see latency-clients.ts). The thousand minimal clients alone, of bare
  // Socket.IO sending the same deltas again, beside an export and beside alert rules take turns, `repeats` times: one
  // run's p99 moves by a third from run to run here, so each is compared by its median over the turns.
  const runs = await benchLatency({
    runs: [
      { clients: 100, kind: 'socket.io-client' },
      { clients: 1_000, kind: 'socket.io-client' },
      ...Array.from({ length: repeats }, (): LatencyRunOptions[] => [
        { clients: 1_000, kind: 'websocket' },
        { clients: 1_000, kind: 'websocket', bare: true },
        { clients: 1_000, kind: 'websocket', besideExport: true },
        { clients: 1_000, kind: 'websocket', besideAlertRules: alertRules },
      ]).flat(),
    ],
    seconds,
    exportCalls: Number(process.env.BENCH_EXPORT_CALLS ?? 100_000),
  });
  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  type Labelled = Pick<LatencyRun, 'clients' | 'kind'> &
    Partial<Pick<LatencyRun, 'exportsWritten' | 'alertRules' | 'bare'>>;
  const label = (r: Labelled): string =>
    `${r.clients} clients (${r.kind})${r.exportsWritten === undefined ? '' : ', exports running'}` +
    (r.alertRules === undefined ? '' : `, ${r.alertRules} alert rules`) +
    (r.bare ? ', bare Socket.IO (send → receipt)' : '');
  process.stdout.write(
    `latency: 09-load at 500 events/s + a marker every 50 ms, ${seconds} s per run\n` +
      runs
        .map(
          (r) =>
            `  ${label(r)}: ${r.samples} of ${r.expected} marker deliveries measured, p99 ${ms(r.p99Ms)}` +
            (r.sendP99Ms === undefined || r.bare ? '' : ` (send → receipt ${ms(r.sendP99Ms)})`) +
            '; ' +
            `the clients used ${r.clientCpuPerSecond.toFixed(2)} CPU s per s` +
            (r.exportsWritten === undefined ? '' : `; ${r.exportsWritten} days of calls exported meanwhile`) +
            '\n',
        )
        .join('') +
      '\n',
  );
  // Runs of the same kind, as one row each: the median of their figures.
  const groups = new Map<string, LatencyRun[]>();
  for (const r of runs) groups.set(label(r), [...(groups.get(label(r)) ?? []), r]);
  const of = (group: LatencyRun[], figure: (r: LatencyRun) => number): number => median(group.map(figure));
  const turns = (group: LatencyRun[]): string => (group.length > 1 ? `, median of ${group.length}` : '');
  // The same boards alone, beside an export and with alert rules: neither may move the board's latency.
  const alone = groups.get(label({ clients: 1_000, kind: 'websocket' }));
  const besideRows: Row[] = [...groups.entries()].flatMap(([, group]) => {
    const first = group[0]!;
    const what =
      first.exportsWritten !== undefined ? 'an export' : first.alertRules ? `${first.alertRules} alert rules` : null;
    if (first.bare && alone) {
      // Tablica's delivery against bare Socket.IO's, both from a delta's send time; then what Tablica adds before
      // sending (reading the AMI, reducing, the coalescing window).
      const delivery = of(alone, (r) => r.sendP99Ms ?? Number.NaN);
      const ratio = delivery / of(group, (r) => r.p99Ms);
      const before = of(alone, (r) => r.p99Ms) - delivery;
      return [
        {
          name: `delivery p99 (send → receipt), Tablica / bare Socket.IO, 1000 clients (websocket)${turns(group)}`,
          value: `${ratio.toFixed(2)} (${ms(delivery)} / ${ms(of(group, (r) => r.p99Ms))})`,
          target: '<= 1.3',
          ok: ratio <= 1.3,
        },
        {
          name: `end to end p99 minus delivery p99, 1000 clients (websocket)${turns(group)}`,
          value: ms(before),
          target: '<= 20 ms (the window)',
          ok: before <= 20,
        },
      ];
    }
    if (!what || !alone) return [];
    const ratio = of(group, (r) => r.p99Ms) / of(alone, (r) => r.p99Ms);
    const loop = (runs: LatencyRun[]): number => of(runs, (r) => r.loopP99Ms ?? Number.NaN);
    return [
      {
        name: `latency p99 with ${what} / without, 1000 clients (websocket)${turns(group)}`,
        value: ratio.toFixed(2),
        target: '<= 1.25',
        ok: ratio <= 1.25,
      },
      {
        name: `board event-loop delay p99 with ${what} / without${turns(group)}`,
        value: `${(loop(group) / loop(alone)).toFixed(2)} (${ms(loop(group))} / ${ms(loop(alone))})`,
        target: '',
      },
    ];
  });
  return [...groups.entries()]
    .flatMap(([name, group]) => {
      const clients = group[0]!.clients;
      const p99 = of(group, (r) => r.p99Ms);
      const heap = of(group, (r) => r.heapPerClientKb);
      const rss = of(group, (r) => r.rssPerClientKb);
      return [
        { name: `latency p50, ${name}${turns(group)}`, value: ms(of(group, (r) => r.p50Ms)), target: '' },
        {
          name: `latency p99, ${name}${turns(group)}`,
          value: ms(p99),
          target: clients === 1_000 ? '<= 50 ms' : '',
          ...(clients === 1_000 && { ok: p99 <= 50 }),
        },
        ...(group[0]!.bare
          ? []
          : [
              {
                name: `memory per client, ${name}${turns(group)}`,
                value: `heap ${heap.toFixed(1)} KB, rss ${rss.toFixed(1)} KB`,
                target: '<= 50 KB',
                // The heap is what the sockets hold; the RSS moves with what the process did before the run (freed pages
                // returned or not), by more than the clients' share: it is shown, not judged.
                ok: heap <= 50,
              },
            ]),
      ];
    })
    .concat(besideRows);
}

async function statsRows(): Promise<Row[]> {
  const calls = Number(process.env.BENCH_STATS_CALLS ?? 100_000);
  const repeats = Number(process.env.BENCH_STATS_REPEATS ?? 200);
  const result = await benchStats({ calls, queues: 50, repeats });
  const ms = (values: number[]): string =>
    `median ${median(values).toFixed(1)} ms, p95 ${percentile(values, 0.95).toFixed(1)} ms`;
  process.stdout.write(
    `stats: ${calls.toLocaleString('en-US')} calls over 50 queues (${result.facts.toLocaleString('en-US')} facts) written in ` +
      `${(result.loadMs / 1000).toFixed(1)} s (${perSecond(result.facts / (result.loadMs / 1000))} facts/s); ` +
      `${repeats} queries of all 50 queues per window\n\n`,
  );
  return [
    {
      name: 'stats since today, 50 queues',
      value: ms(result.today),
      target: '<= 20 ms',
      ok: median(result.today) <= 20,
    },
    { name: 'stats last 24 h (odd second), 50 queues', value: ms(result.rolling24h), target: '' },
    { name: 'stats since today, 500 agents', value: ms(result.agents), target: '' },
    {
      name: 'stats since today with a 15-minute series, 50 queues, first read',
      value: `${result.seriesFirstMs.toFixed(1)} ms`,
      target: '',
    },
    { name: 'stats since today with a 15-minute series, 50 queues, again', value: ms(result.series), target: '' },
    { name: 'call records since today, first page of 100', value: ms(result.calls), target: '' },
    { name: 'agent activity since today, 500 agents', value: ms(result.activity), target: '' },
  ];
}

async function chatRows(): Promise<Row[]> {
  const messages = Number(process.env.BENCH_CHAT_MESSAGES ?? 200);
  const stored = Number(process.env.BENCH_CHAT_STORED ?? 10_000);
  const result = await benchChat({ messages, stored, pages: 50 });
  const ms = (values: number[]): string =>
    `median ${median(values).toFixed(1)} ms, p99 ${percentile(values, 0.99).toFixed(1)} ms`;
  return [
    { name: `chat send -> recipient's chat:posted (${messages} messages)`, value: ms(result.delivery), target: '' },
    {
      name: `chat history page of 50 (${stored.toLocaleString('en-US')} stored)`,
      value: ms(result.history),
      target: '',
    },
  ];
}

async function exportsRows(): Promise<Row[]> {
  const calls = Number(process.env.BENCH_EXPORT_CALLS ?? 100_000);
  const result = await benchExports({ calls });
  const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  process.stdout.write(
    `exports: a day of ${calls.toLocaleString('en-US')} queue calls and their CDRs, for the center and 2 units; ` +
      `the center's CSV ${mb(result.cdrBytes)}, zip ${mb(result.zipBytes)}\n\n`,
  );
  return [
    {
      name: `exports: a day of ${calls.toLocaleString('en-US')} calls written (CSV + zip)`,
      value: `${(result.ms / 1000).toFixed(1)} s`,
      target: '<= 10 s',
      ok: result.ms <= 10_000,
    },
    {
      name: 'exports: CPU time of the writing process (user + system)',
      value: `${(result.cpuMs / 1000).toFixed(1)} s`,
      target: '',
    },
    {
      name: 'exports: memory above idle while writing',
      value: `${result.rssAboveIdleMb.toFixed(0)} MB`,
      target: '<= 100 MB',
      ok: result.rssAboveIdleMb <= 100,
    },
    {
      name: 'exports: event loop delay while writing',
      value: `p99 ${result.loopDelayP99Ms.toFixed(1)} ms, max ${result.loopDelayMaxMs.toFixed(1)} ms`,
      target: '',
    },
  ];
}

async function recordingRows(): Promise<Row[]> {
  const calls = Number(process.env.BENCH_RECORDING_CALLS ?? 20);
  const { latencyMs } = await benchRecordings({ calls, talkSec: 60 });
  const p99 = percentile(latencyMs, 0.99);
  const ms = (value: number): string => `${value.toFixed(0)} ms`;
  return [
    {
      name: `recording: call end -> MP3 indexed (${calls} 1-minute calls)`,
      value: `median ${ms(median(latencyMs))}, p99 ${ms(p99)}`,
      target: '<= 5000 ms',
      ok: p99 <= 5_000,
    },
  ];
}

async function alertRows(): Promise<Row[]> {
  const rules = Number(process.env.BENCH_ALERT_RULES ?? 1_000);
  const { lateMs, evaluationMs } = await benchAlerts({ raises: 5, forSec: 2, rules });
  const worst = Math.max(...lateMs);
  return [
    {
      name: 'alerts: condition held its 2 s -> webhook received (5 raises)',
      value: `median ${median(lateMs).toFixed(0)} ms, max ${worst.toFixed(0)} ms`,
      target: '<= 2000 ms',
      ok: worst <= 2_000,
    },
    {
      name: `alerts: ${rules.toLocaleString('en-US')} rules evaluated per statistics update`,
      value: `median ${median(evaluationMs).toFixed(1)} ms, p99 ${percentile(evaluationMs, 0.99).toFixed(1)} ms`,
      target: '',
    },
  ];
}

async function monitoringRows(): Promise<Row[]> {
  const sessions = Number(process.env.BENCH_MONITOR_SESSIONS ?? 100);
  const result = await benchMonitoring({ sessions, warmUp: 5 });
  const ms = (values: number[]): string =>
    `p50 ${median(values).toFixed(1)} ms, p99 ${percentile(values, 0.99).toFixed(1)} ms`;
  const row = (name: string, values: number[]): Row => ({
    name,
    value: ms(values),
    target: '<= 50 ms p99',
    ok: percentile(values, 0.99) <= 50,
  });
  process.stdout.write(
    `monitoring: two server processes on one Redis, the supervisors' sockets on the one without the AMI lease; ` +
      `${sessions} sessions, ${result.playDtmf.length} mode switches\n\n`,
  );
  return [
    row('monitoring monitor:start -> Originate on the AMI wire', result.originate),
    row('monitoring monitor:mode -> PlayDTMF on the AMI wire', result.playDtmf),
  ];
}

async function actionRows(): Promise<Row[]> {
  const actions = Number(process.env.BENCH_ACTIONS ?? 200);
  const timings = await benchActions({ actions, warmUp: 10 });
  const p99 = percentile(timings, 0.99);
  process.stdout.write(
    `actions: two server processes on one Redis, the administrators' sockets on the one without the AMI lease; ` +
      `${actions} pauses and unpauses\n\n`,
  );
  return [
    {
      name: 'actions agent:pause / agent:unpause -> QueuePause on the AMI wire',
      value: `p50 ${median(timings).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`,
      target: '<= 50 ms p99',
      ok: p99 <= 50,
    },
  ];
}

async function takeoverRows(): Promise<Row[]> {
  const rounds = Number(process.env.BENCH_TAKEOVERS ?? 5);
  const { convergedMs } = await benchTakeover({ rounds });
  const worst = Math.max(...convergedMs);
  process.stdout.write(
    `takeover: the AMI lease holder SIGKILLed, a board open on the other process (default lease settings); ` +
      `runs: ${convergedMs.map((ms) => ms.toFixed(0)).join(', ')} ms\n\n`,
  );
  return [
    {
      name: `takeover: kill -> converged board (${rounds} kills)`,
      value: `median ${median(convergedMs).toFixed(0)} ms, max ${worst.toFixed(0)} ms`,
      target: '<= 2000 ms',
      ok: worst <= 2_000,
    },
  ];
}

async function browserRows(): Promise<Row[]> {
  // The memory over simulated hours at the first size only: at 500 events/s a bigger center's hour takes longer.
  const sizes = (process.env.BENCH_BROWSER_AGENTS ?? '1000,5000').split(',').map(Number);
  const rows: Row[] = [];
  for (const [index, agents] of sizes.entries()) {
    rows.push(...(await browserRowsAt(agents, index === 0 ? Number(process.env.BENCH_BROWSER_HOURS ?? 1) : 0)));
  }
  return rows;
}

async function browserRowsAt(agents: number, hours: number): Promise<Row[]> {
  const eventsPerSecond = 500;
  const result = await benchBrowser({
    agents,
    eventsPerSecond,
    loadSeconds: Number(process.env.BENCH_BROWSER_SECONDS ?? 20),
    paints: Number(process.env.BENCH_BROWSER_PAINTS ?? 5),
    hours,
    ...(process.env.BENCH_BROWSER_PROFILE && { profileFile: process.env.BENCH_BROWSER_PROFILE }),
  });
  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  process.stdout.write(
    `browser: Chromium, a layout of an agent grid and an agent table over ${agents.toLocaleString('en-US')} agents; ` +
      `${result.achievedEventsPerSecond.toFixed(0)} AMI events/s measured\n` +
      `  first paint runs: ${result.firstPaintMs.map((v) => v.toFixed(0)).join(', ')} ms\n` +
      `  script ms per frame, per second: ${result.scriptMsPerFrame.map((v) => v.toFixed(1)).join(', ')}\n` +
      `  frames per second: ${result.framesPerSecond.join(', ')}\n` +
      (hours > 0
        ? `  JS heap after GC (MB) / DOM nodes every 5 simulated minutes: ` +
          `${result.heap.map((h) => `${h.heapMb.toFixed(1)}/${h.nodes}`).join(', ')}; the hour took ${result.hourWallSeconds.toFixed(0)} s\n`
        : '') +
      '\n',
  );
  const paint = median(result.firstPaintMs);
  const script = median(result.scriptMsPerFrame);
  return [
    { name: `browser first paint, ${agents} agents`, value: ms(paint), target: '<= 1000 ms', ok: paint <= 1_000 },
    {
      name: `browser script per frame, ${agents} agents, ${eventsPerSecond} events/s`,
      value: `median ${ms(script)}, p95 ${ms(percentile(result.scriptMsPerFrame, 0.95))}, ${median(result.framesPerSecond)} fps`,
      target: '<= 4 ms',
      ok: script <= 4,
    },
    {
      name: `browser longest task under load, ${agents} agents`,
      value: `${ms(result.longestTaskMs)} (${result.tasksOver50Ms} over 50 ms)`,
      target: '<= 50 ms',
      ok: result.longestTaskMs <= 50,
    },
    ...(hours > 0 ? [heapRow(result.heap)] : []),
  ];
}

/** Flat: after a warm-up (V8 compiles the code the load runs), the heap's trend adds at most 10 % over the hours. */
function heapRow(heap: readonly HeapSample[]): Row {
  const first = heap[0]!;
  const last = heap.at(-1)!;
  const hours = (last.simMinute - first.simMinute) / 60;
  const settled = heap.filter((h) => h.simMinute - first.simMinute >= HEAP_WARM_UP_MINUTES);
  const slope = settled.length > 2 ? slopePerHour(settled) : Number.NaN;
  const settledMean = settled.reduce((sum, h) => sum + h.heapMb, 0) / settled.length;
  const growth = (slope * hours) / settledMean;
  return {
    name: `browser JS heap over ${hours} simulated h`,
    value: `${first.heapMb.toFixed(1)} -> ${last.heapMb.toFixed(1)} MB; trend after ${HEAP_WARM_UP_MINUTES} min ${slope.toFixed(2)} MB/h (${(growth * 100).toFixed(1)} %)`,
    target: 'flat (trend <= +10 %/h)',
    ok: growth <= 0.1,
  };
}

async function snapshotRows(): Promise<Row[]> {
  const runs = benchSnapshots([100, 1_000, 5_000]);
  const kb = (bytes: number): string => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
  process.stdout.write(
    'snapshot: a built center of 20 queues, every agent in two, 0.92 calls per agent; one deflate of the framed ' +
      "snapshot with the server's permessage-deflate settings (each board compresses its own copy)\n\n",
  );
  return [
    ...runs.map((run) => ({
      name: `snapshot ${run.agents.toLocaleString('en-US')} agents`,
      value:
        `${kb(run.bytes)} -> ${run.compressed ? kb(run.compressedBytes) : 'sent as is'}, ` +
        `deflate ${run.deflateMs.toFixed(1)} ms CPU`,
      target: '',
    })),
    { name: 'snapshot compressor memory per socket', value: `${(await deflaterMemoryKb()).toFixed(0)} KB`, target: '' },
  ];
}

/** Simulated minutes at the start of the hour left out of the heap's trend. */
const HEAP_WARM_UP_MINUTES = 10;

/** Least-squares slope of the heap samples, MB per simulated hour. */
function slopePerHour(samples: readonly { simMinute: number; heapMb: number }[]): number {
  const xs = samples.map((s) => s.simMinute / 60);
  const ys = samples.map((s) => s.heapMb);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i]! - my), 0);
  const den = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  return num / den;
}

const BENCHES: Record<string, () => Promise<Row[]>> = {
  ingest: ingestRows,
  latency: latencyRows,
  stats: statsRows,
  chat: chatRows,
  exports: exportsRows,
  recordings: recordingRows,
  monitoring: monitoringRows,
  alerts: alertRows,
  takeover: takeoverRows,
  actions: actionRows,
  browser: browserRows,
  snapshot: snapshotRows,
};
/** `npm run bench -- browser stats`: only the benchmarks named; all of them without a name. */
const chosen = process.argv.slice(2);

const rows: Row[] = [];
for (const name of chosen.length > 0 ? chosen : Object.keys(BENCHES))
  rows.push(...(await (BENCHES[name] ?? unknownBench(name))()));
const widths = [
  Math.max(9, ...rows.map((r) => r.name.length)),
  Math.max(5, ...rows.map((r) => r.value.length)),
  Math.max(6, ...rows.map((r) => r.target.length)),
];
const line = (cells: string[]) => `${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')}\n`;
process.stdout.write(line(['benchmark', 'value', 'target', '']));
process.stdout.write(line(widths.map((w) => '-'.repeat(w)).concat('----')));
const verdict = (row: Row): string => (row.ok === undefined ? '' : row.ok ? 'ok' : 'MISS');
for (const row of rows) process.stdout.write(line([row.name, row.value, row.target, verdict(row)]));

function unknownBench(name: string): never {
  throw new Error(`unknown benchmark "${name}": choose from ${Object.keys(BENCHES).join(', ')}`);
}
