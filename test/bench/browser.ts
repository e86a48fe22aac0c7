import { writeFile } from 'node:fs/promises';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { Layout, NewLayout } from '../../server/contract/layout.ts';
import type { LiveStateView } from '../../server/contract/live.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { TEST_OWNER } from '../support/board-app.ts';
import { browserApi, startBrowserBoard } from '../support/browser-board.ts';
import { startRedisServer } from '../support/redis-server.ts';

/**
 * The board in a real Chromium (the e2e tests' launch flags) with a center of `agents` agents: a layout of an agent
 * grid beside an agent table, the two widgets that grow with the center.
 *
 * - First paint: a fresh page until the frame in which every agent's tile and row is in the document.
 * - Under load: the simulator (manual clock) is advanced so that it writes `eventsPerSecond` AMI events per wall
 *   second. Script time per frame is CDP's ScriptDuration over the frames the page drew (counted with
 *   requestAnimationFrame), per 1 s window; the longest task is the longest RunTask of the page's main thread in a
 *   trace of the whole load window.
 * - Memory: the same pacing through one simulated hour; every 5 simulated minutes the page's JS heap after a forced
 *   GC (HeapProfiler.collectGarbage, then Performance.getMetrics) and its DOM node count.
 */

export interface BrowserBenchOptions {
  readonly agents: number;
  readonly eventsPerSecond: number;
  /** Wall seconds of traffic measured for script time and tasks. */
  readonly loadSeconds: number;
  /** Page loads timed for first paint. */
  readonly paints: number;
  /** Simulated hours of traffic for the memory readings (0: one reading, none over time). */
  readonly hours: number;
  /** Where to write a CPU profile of the page under load, if anywhere. */
  readonly profileFile?: string;
}

export interface HeapSample {
  readonly simMinute: number;
  readonly heapMb: number;
  readonly nodes: number;
}

export interface BrowserBenchResult {
  readonly firstPaintMs: number[];
  /** Script ms per drawn frame, one value per 1 s window. */
  readonly scriptMsPerFrame: number[];
  readonly framesPerSecond: number[];
  readonly longestTaskMs: number;
  readonly tasksOver50Ms: number;
  /** AMI events the simulator wrote per wall second while measured. */
  readonly achievedEventsPerSecond: number;
  readonly heap: HeapSample[];
  /** Wall seconds the simulated hours took. */
  readonly hourWallSeconds: number;
}

const VIEWPORT = { width: 1920, height: 1080 };
/** Simulated time advanced per step of the pacer: small enough that one step writes only a few events. */
const SIM_STEP_MS = 100;
const PACE_TICK_MS = 10;
const HEAP_EVERY_SIM_MIN = 5;
/** Counts the frames the page draws, in globalThis.benchFrames. */
const FRAME_COUNTER = `globalThis.benchFrames = 0;
(function frame() { globalThis.benchFrames += 1; requestAnimationFrame(frame); })();`;
/**
 * A quiet hour of a center of 1,000 agents (30 arrivals a minute, a pause every half hour per agent): some 25 AMI
 * events per simulated second, so that the hour takes about three minutes at 500 events/s.
 */
const ARRIVALS_PER_MIN = 30;
const PAUSE_EVERY_SEC = 1_800;

export async function benchBrowser(options: BrowserBenchOptions): Promise<BrowserBenchResult> {
  const redis = await startRedisServer();
  const board = await startBrowserBoard({
    redisUrl: redis.url,
    prefix: 'bench-browser',
    seed: 7,
    simulator: {
      clock: 'manual',
      agents: options.agents,
      queues: 20,
      rate: ARRIVALS_PER_MIN,
      behaviour: { pauseEvery: PAUSE_EVERY_SEC },
    },
  });
  let events = 0;
  board.sim.center.sim.hub.subscribe(() => (events += 1));
  const pacer = new Pacer(board.sim, () => events, options.eventsPerSecond);
  try {
    const context = await board.browser.newContext({ viewport: VIEWPORT });
    const url = board.app.url;
    const login = await context.request.post(`${url}/api/session`, { data: TEST_OWNER });
    if (login.status() !== 200) throw new Error(`owner login failed: ${login.status()}`);
    await until(
      async () => (await state(context, url)).agents.length === options.agents,
      'the board to list every agent',
    );
    const layoutId = await createLayout(context, url, options.agents);
    const target = `${url}/#/layouts/${encodeURIComponent(layoutId)}`;

    const firstPaintMs: number[] = [];
    for (let i = 0; i < options.paints; i++) {
      const page = await context.newPage();
      await page.goto(target);
      firstPaintMs.push(await populatedAt(page, options.agents));
      await page.close();
    }

    const page = await context.newPage();
    await page.goto(target);
    await populatedAt(page, options.agents);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    // A string, not a function: the TypeScript loader would wrap a named inner function in a helper the page lacks.
    await page.evaluate(FRAME_COUNTER);

    pacer.start();
    // A few seconds for the JIT and the socket's buffers before anything counts.
    await sleep(3_000);
    const eventsBefore = events;
    const tracing = await startTrace(cdp);
    const started = performance.now();
    const scriptMsPerFrame: number[] = [];
    const framesPerSecond: number[] = [];
    let last = await frameMetrics(cdp, page);
    for (let s = 0; s < options.loadSeconds; s++) {
      await sleep(1_000);
      const now = await frameMetrics(cdp, page);
      const frames = now.frames - last.frames;
      framesPerSecond.push(frames);
      scriptMsPerFrame.push(((now.scriptSec - last.scriptSec) * 1_000) / Math.max(1, frames));
      last = now;
    }
    const achievedEventsPerSecond = (events - eventsBefore) / ((performance.now() - started) / 1_000);
    const tasks = await tracing.stop();
    if (options.profileFile) await writeProfile(cdp, options.profileFile);

    const heap: HeapSample[] = [];
    const hourStart = board.sim.now();
    const wallStart = performance.now();
    const endAt = hourStart + options.hours * 3_600_000;
    for (let minute = 0; ; minute += HEAP_EVERY_SIM_MIN) {
      const due = hourStart + minute * 60_000;
      while (board.sim.now() < Math.min(due, endAt)) await sleep(100);
      heap.push({ simMinute: minute, ...(await heapAfterGc(cdp)) });
      if (due >= endAt) break;
    }
    const hourWallSeconds = (performance.now() - wallStart) / 1_000;
    pacer.stop();
    await context.close();
    return {
      firstPaintMs,
      scriptMsPerFrame,
      framesPerSecond,
      longestTaskMs: Math.max(0, ...tasks),
      tasksOver50Ms: tasks.filter((ms) => ms > 50).length,
      achievedEventsPerSecond,
      heap,
      hourWallSeconds,
    };
  } finally {
    pacer.stop();
    await board.close();
    await redis.stop();
  }
}

/**
 * Moves the simulator's manual clock on so that it writes a steady number of AMI events per wall second: however busy
 * the simulated center, the board sees the same event rate.
 */
class Pacer {
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly sim: Simulator,
    private readonly written: () => number,
    private readonly perSecond: number,
  ) {}

  start(): void {
    const startedAt = performance.now();
    const base = this.written();
    this.#timer = setInterval(() => {
      const due = base + ((performance.now() - startedAt) / 1_000) * this.perSecond;
      // At most a simulated minute per tick, so that a center gone quiet does not spin the clock away.
      for (let steps = 0; this.written() < due && steps < 600; steps++) this.sim.advance(SIM_STEP_MS);
    }, PACE_TICK_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

async function state(context: BrowserContext, url: string): Promise<LiveStateView> {
  return (await (await context.request.get(`${url}/api/state`)).json()) as LiveStateView;
}

async function createLayout(context: BrowserContext, url: string, agents: number): Promise<string> {
  const layout: NewLayout = {
    name: `Bench: ${agents} agents`,
    columns: 2,
    theme: 'dark',
    since: { kind: 'today' },
    columnsContent: [
      [{ id: 'grid', type: 'agentGrid', settings: { queues: [] } }],
      [{ id: 'table', type: 'agentTable' }],
    ],
  };
  const created = await browserApi<Layout>(context, url, 'POST', '/api/layouts', layout);
  if (created.status !== 201) throw new Error(`layout not created: ${JSON.stringify(created.body)}`);
  return created.body.id;
}

/** performance.now() of the first animation frame in which the grid and the table count every agent and show some. */
async function populatedAt(page: Page, agents: number): Promise<number> {
  const handle = await page.waitForFunction(
    (count) =>
      document.querySelector('[data-widget="agentGrid"] h2 .muted')?.textContent === String(count) &&
      document.querySelector('[data-agent-tile]') &&
      document.querySelector(`[data-widget="agentTable"] table[aria-rowcount="${count + 1}"] tr[data-agent]`)
        ? performance.now()
        : false,
    agents,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

async function frameMetrics(cdp: CDPSession, page: Page): Promise<{ scriptSec: number; frames: number }> {
  const [{ metrics }, frames] = await Promise.all([
    cdp.send('Performance.getMetrics'),
    page.evaluate(() => (globalThis as unknown as { benchFrames: number }).benchFrames),
  ]);
  return { scriptSec: metrics.find((m) => m.name === 'ScriptDuration')?.value ?? Number.NaN, frames };
}

async function heapAfterGc(cdp: CDPSession): Promise<{ heapMb: number; nodes: number }> {
  // Twice: the first collection may only promote what the second frees.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string): number => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { heapMb: value('JSHeapUsedSize') / 1024 / 1024, nodes: value('Nodes') };
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly dur?: number;
  readonly args?: { readonly name?: string };
}

/** The trace event of one task of a thread's loop; Chromium has named it both ways. */
const TASK_EVENTS = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** A CDP trace of the page's tasks; stop() gives the duration (ms) of every task of its main thread. */
async function startTrace(cdp: CDPSession): Promise<{ stop(): Promise<number[]> }> {
  const collected: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => collected.push(...(value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['toplevel', '__metadata'] },
  });
  return {
    stop: async () => {
      const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.end');
      await complete;
      // The busiest renderer main thread is the board's (pages closed before may still have one).
      const mains = new Set(
        collected
          .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
          .map((e) => `${e.pid}:${e.tid}`),
      );
      const byThread = new Map<string, number[]>();
      for (const e of collected) {
        const thread = `${e.pid}:${e.tid}`;
        if (!TASK_EVENTS.has(e.name) || e.ph !== 'X' || !mains.has(thread)) continue;
        const tasks = byThread.get(thread) ?? [];
        tasks.push((e.dur ?? 0) / 1_000);
        byThread.set(thread, tasks);
      }
      const total = (tasks: number[]): number => tasks.reduce((sum, ms) => sum + ms, 0);
      const busiest = [...byThread.values()].sort((a, b) => total(b) - total(a))[0];
      if (!busiest) throw new Error('no renderer main thread in the trace');
      return busiest;
    },
  };
}

async function until(probe: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Five seconds of the page's JavaScript under load, as a .cpuprofile that DevTools opens. */
async function writeProfile(cdp: CDPSession, file: string): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  await sleep(5_000);
  const { profile } = await cdp.send('Profiler.stop');
  await writeFile(file, JSON.stringify(profile));
}
