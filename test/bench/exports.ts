import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import type { QueueCallRecord } from '../../server/domain/facts.ts';
import type { Org } from '../../server/access/org/model.ts';
import type { DayJob } from '../../server/exports/day-job.ts';
import { writeDay } from '../../server/exports/day-writer.ts';
import { cdrFile, CENTER, queueCallsFile } from '../../server/files/paths.ts';
import { recordField } from '../../server/stats/redis/records.ts';
import { exportKeys, recordsByEnd, statsKeys } from '../../server/store/keys.ts';
import { startRedisServer } from '../support/redis-server.ts';

/**
 * Writing one UTC day of `calls` queue calls (each with its caller's CDR, rung at two agents) for the center and two
 * units: the day is put straight into Redis in the stored formats first; then the writing is timed, the process's
 * resident memory sampled above what it was before, and the event loop's delay measured while it runs.
 */

export interface ExportsBenchResult {
  readonly ms: number;
  /** CPU time of this process while writing (user + system): steadier than wall time on a shared machine. */
  readonly cpuMs: number;
  readonly rssAboveIdleMb: number;
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
  readonly cdrBytes: number;
  readonly zipBytes: number;
}

/** The exported day (its calls are put straight into Redis first). */
export const EXPORT_DAY = '2026-03-02';
/** Where the latency benchmark keeps the day it exports beside the live board. */
export const EXPORT_PREFIX = 'bench-latency-export';
const QUEUES = 50;
const AGENTS = 500;

function record(index: number, start: number): QueueCallRecord {
  const joinedAt = start + Math.floor((index * 86_000_000) / 100_000);
  const agent = (n: number) => `PJSIP/${1000 + ((index + n) % AGENTS)}`;
  const answered = index % 5 !== 0;
  return {
    id: `${Math.floor(joinedAt / 1000)}.${index}`,
    queue: `queue${index % QUEUES}`,
    callerIdNum: `48600${String(index).padStart(6, '0')}`,
    callerIdName: index % 100 === 0 ? '=cmd|calc' : `Caller ${index}`,
    dialled: '800100200',
    joinedAt,
    position: 1 + (index % 4),
    members: AGENTS / QUEUES,
    waitSec: 12,
    outcome: answered ? 'answered' : 'abandoned',
    attempts: [
      {
        agent: agent(0),
        agentName: `Agent ${index % AGENTS}`,
        startedAt: joinedAt + 1_000,
        ringSec: 5,
        result: 'noAnswer',
      },
      {
        agent: agent(1),
        agentName: `Agent ${(index + 1) % AGENTS}`,
        startedAt: joinedAt + 7_000,
        ringSec: 3,
        result: answered ? 'answered' : 'cancelled',
      },
    ],
    answeredAt: answered ? joinedAt + 10_000 : null,
    agent: answered ? agent(1) : null,
    agentName: answered ? `Agent ${(index + 1) % AGENTS}` : null,
    talkSec: answered ? 95 : null,
    endReason: answered ? 'caller' : null,
    endedAt: joinedAt + (answered ? 105_000 : 12_000),
  };
}

function cdrLine(call: QueueCallRecord): string {
  const time = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  return JSON.stringify([
    '',
    call.callerIdNum,
    call.queue,
    'from-trunk',
    `"${call.callerIdName}" <${call.callerIdNum}>`,
    `PJSIP/trunk-${call.id}`,
    call.agent ? `${call.agent}-0000abcd` : '',
    'Queue',
    `${call.queue},,,,`,
    time(call.joinedAt),
    time(call.joinedAt),
    time(call.endedAt),
    String(Math.round((call.endedAt - call.joinedAt) / 1000)),
    String(Math.round((call.endedAt - call.joinedAt) / 1000)),
    'ANSWERED',
    'DOCUMENTATION',
    call.id,
    '',
  ]);
}

/** Puts a day of `calls` queue calls and their CDRs into Redis under `prefix`, as the board stores them. */
export async function loadExportDay(redis: Redis, prefix: string, calls: number): Promise<void> {
  const keys = exportKeys(prefix);
  const stats = statsKeys(prefix);
  const start = Date.parse(`${EXPORT_DAY}T00:00:00Z`);
  for (let from = 0; from < calls; from += 5_000) {
    const pipe = redis.pipeline();
    for (let index = from; index < Math.min(calls, from + 5_000); index += 1) {
      const call = record(index, start);
      const key = stats.records(new Date(call.endedAt).toISOString().slice(0, 10));
      const field = recordField('pbx', call);
      pipe.hset(key, field, JSON.stringify(call)).zadd(recordsByEnd(key), call.endedAt, field);
      pipe
        .hset(keys.cdrs(EXPORT_DAY), call.id, cdrLine(call))
        .zadd(keys.cdrOrder(EXPORT_DAY), call.joinedAt, call.id)
        .hset(keys.causes(EXPORT_DAY), call.id, '16 Normal Clearing');
    }
    await pipe.exec();
  }
}

export async function benchExports(options: { calls: number }): Promise<ExportsBenchResult> {
  const server = await startRedisServer();
  const redis = new Redis(server.url);
  const root = await mkdtemp(path.join(os.tmpdir(), 'tablica-bench-exports-'));
  try {
    const prefix = 'bench-exports';
    await loadExportDay(redis, prefix, options.calls);
    const deps = exportDeps(redis, prefix, root);
    (globalThis as { gc?: () => void }).gc?.();
    const idle = process.memoryUsage().rss;
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const began = performance.now();
    const cpu = process.cpuUsage();
    await writeDay(deps, EXPORT_DAY, 'all', true);
    const ms = performance.now() - began;
    const { user, system } = process.cpuUsage(cpu);
    loop.disable();
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      ms,
      cpuMs: (user + system) / 1000,
      rssAboveIdleMb: (peak - idle) / 1024 / 1024,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
      loopDelayMaxMs: loop.max / 1e6,
      cdrBytes: (await stat(cdrFile(root, CENTER, EXPORT_DAY))).size,
      zipBytes: (await stat(queueCallsFile(root, CENTER, EXPORT_DAY))).size,
    };
  } finally {
    redis.disconnect();
    await server.stop();
    await rm(root, { recursive: true, force: true });
  }
}

/** The center's two units: half the queues, and one queue. */
const EXPORT_ORG: Org = {
  users: [],
  units: [
    {
      id: 'half',
      name: 'Half',
      members: [],
      administrators: [],
      queues: Array.from({ length: QUEUES / 2 }, (_, i) => `queue${i}`),
    },
    { id: 'one', name: 'One', members: [], administrators: [], queues: ['queue7'] },
  ],
  teams: [],
  policies: [],
};

/** What writing the day needs: the stored calls under `prefix`, files under `root`, the center and two units. */
export function exportDeps(redis: Redis, prefix: string, root: string): Parameters<typeof writeDay>[0] {
  return {
    redis,
    keys: exportKeys(prefix),
    statsKeys: statsKeys(prefix),
    root,
    org: () => Promise.resolve(EXPORT_ORG),
    timeZone: 'UTC',
    location: () => 'pbx',
  };
}

/** The same day, written as the board writes it: in a process of its own. */
export function exportJob(redisUrl: string, prefix: string, root: string): DayJob {
  return {
    redis: { url: redisUrl, prefix },
    prefix,
    root,
    timeZone: 'UTC',
    endpoints: { ids: ['pbx'], qualified: false },
    org: EXPORT_ORG,
    day: EXPORT_DAY,
    units: 'all',
    withCenter: true,
  };
}
