import { constants, createDeflateRaw, deflateRawSync, type DeflateRaw } from 'node:zlib';
import type { BoardSnapshot } from '../../server/contract/board.ts';
import { SNAPSHOT_DEFLATE } from '../../server/realtime/io.ts';
import { median } from './percentile.ts';

/**
 * What permessage-deflate costs and saves on a board's snapshot (server/realtime/io.ts): the snapshot of a center of
 * each size as Socket.IO frames it, the CPU one deflate of it takes with the server's settings (each board's socket
 * compresses its own copy), the bytes on the wire, and the memory a socket's compressor keeps between messages. The
 * center is built, not simulated: 20 queues, every agent in two of them, 0.92 calls in progress per agent (the ratio
 * of the simulated 5,000-agent center), most of them connected.
 */

const QUEUES = 20;
/** The compressor ws makes with the server's settings. */
const DEFLATE = { ...SNAPSHOT_DEFLATE.zlibDeflateOptions, windowBits: SNAPSHOT_DEFLATE.serverMaxWindowBits };

export interface SnapshotRun {
  readonly agents: number;
  readonly bytes: number;
  readonly compressedBytes: number;
  /** Median CPU milliseconds of one deflate of the framed snapshot. */
  readonly deflateMs: number;
  /** Whether the server compresses it (over the threshold). */
  readonly compressed: boolean;
}

export function benchSnapshots(sizes: readonly number[], repeats = 7): SnapshotRun[] {
  return sizes.map((agents) => {
    const framed = Buffer.from(`42${JSON.stringify(['board:snapshotted', centerSnapshot(agents)])}`);
    const times = Array.from({ length: repeats }, () => {
      const start = process.cpuUsage();
      deflateRawSync(framed, DEFLATE);
      const used = process.cpuUsage(start);
      return (used.user + used.system) / 1000;
    });
    return {
      agents,
      bytes: framed.length,
      compressedBytes: deflateRawSync(framed, DEFLATE).length,
      deflateMs: median(times),
      compressed: framed.length >= SNAPSHOT_DEFLATE.threshold,
    };
  });
}

/** Resident memory a socket's compressor holds after its first message (ws keeps it for the socket's life). */
export async function deflaterMemoryKb(sockets = 200): Promise<number> {
  const framed = Buffer.from(`42${JSON.stringify(['board:snapshotted', centerSnapshot(1_000)])}`);
  global.gc?.();
  const before = process.memoryUsage().rss;
  const kept: DeflateRaw[] = [];
  for (let i = 0; i < sockets; i++) {
    const deflate = createDeflateRaw(DEFLATE);
    kept.push(deflate);
    deflate.resume();
    deflate.write(framed);
    await new Promise<void>((resolve) => deflate.flush(constants.Z_SYNC_FLUSH, () => resolve()));
  }
  global.gc?.();
  const perSocket = (process.memoryUsage().rss - before) / sockets / 1024;
  for (const deflate of kept) deflate.close();
  return perSocket;
}

function centerSnapshot(agents: number): BoardSnapshot {
  const now = Date.now();
  const iso = (agoSec: number) => new Date(now - agoSec * 1000).toISOString();
  const queue = (q: number) => `queue-${String(q).padStart(2, '0')}`;
  const iface = (a: number) => `PJSIP/${1000 + a}`;
  const calls = Math.round(agents * 0.92);
  const connected = Math.min(calls, Math.round(agents * 0.8));
  return {
    seq: 1,
    at: iso(0),
    link: { ami: { up: true, since: iso(3600), down: [] }, redis: { up: true, since: iso(3600) } },
    queues: Array.from({ length: QUEUES }, (_, q) => ({
      name: queue(q),
      strategy: 'rrmemory',
      serviceLevelSec: 20,
      counters: { joined: 900 + q, answered: 850, abandoned: 30, timedOut: 5, withdrawn: 2, exitedEmpty: 1 },
      reported: { completed: 840, abandoned: 31, holdTimeSec: 14, talkTimeSec: 180, at: iso(3000) },
    })) as BoardSnapshot['queues'],
    members: Array.from({ length: agents * 2 }, (_, m) => ({
      queue: queue((Math.floor(m / 2) + (m % 2) * 7) % QUEUES),
      interface: iface(Math.floor(m / 2)),
      state: m % 5 === 0 ? 'available' : 'onCall',
    })),
    calls: Array.from({ length: calls }, (_, c) => {
      const talking = c < connected;
      return {
        id: `1700000000.${10_000 + c}`,
        queue: queue(c % QUEUES),
        state: talking ? 'connected' : 'waiting',
        callerIdNum: `+4822${String(1_000_000 + c)}`,
        callerIdName: `Caller ${c}`,
        position: talking ? 0 : 1 + Math.floor((c - connected) / QUEUES),
        joinedAt: iso(200 + (c % 300)),
        ringing: talking ? [] : [`Agent ${c % agents}`],
        agentInterface: talking ? iface(c) : null,
        agentName: talking ? `Agent ${c}` : null,
        answeredAt: talking ? iso(100 + (c % 200)) : null,
        holdSec: talking ? 12 : null,
      };
    }),
    agents: Array.from({ length: agents }, (_, a) => {
      const queues = [queue(a % QUEUES), queue((a + 7) % QUEUES)];
      const onCall = a < connected;
      return {
        interface: iface(a),
        name: `Agent ${a}`,
        queues,
        state: onCall ? 'onCall' : 'available',
        since: iso(a % 600),
        pausedReason: '',
        call: onCall
          ? {
              callerIdNum: `+4822${String(1_000_000 + a)}`,
              callerIdName: `Caller ${a}`,
              queue: queues[0]!,
              answeredAt: iso(90),
            }
          : null,
        answered: 30,
        missed: 1,
        talkSec: 5400,
        byQueue: Object.fromEntries(queues.map((name) => [name, { answered: 15, missed: 0, talkSec: 2700 }])),
      };
    }),
  };
}
