import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { boardConfig, startBoardApp, startQuietSimulator, TEST_OWNER, uniquePrefix } from '../support/board-app.ts';
import { eventually, getJson } from '../support/eventually.ts';
import { startRedisServer } from '../support/redis-server.ts';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Line {
  level: number;
  msg: string;
}

const login = (url: string) =>
  fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(TEST_OWNER),
  });

describe('a Redis outage', () => {
  it('answers logins 503 with a reason, logs the outage once and its end once, and nothing outside the JSON log', async () => {
    const lines: Line[] = [];
    const root = pino(
      { level: 'debug', base: undefined },
      { write: (line: string) => void lines.push(JSON.parse(line) as Line) },
    );
    // ioredis prints "[ioredis] Unhandled error event" with console.error for a connection without an error listener.
    const printed = vi.spyOn(console, 'error');
    cleanup.push(() => printed.mockRestore());
    // A Redis that keeps its data: an emptied one would rightly be reported as a loss, at error level.
    const aofDir = await mkdtemp(path.join(tmpdir(), 'tablica-outage-'));
    cleanup.push(() => rm(aofDir, { recursive: true, force: true }));
    const redis = await startRedisServer(undefined, { aofDir });
    cleanup.push(() => redis.stop());
    const sim = await startQuietSimulator();
    cleanup.push(() => sim.close());
    const app = await startBoardApp(boardConfig({ redisUrl: redis.url, amiPort: sim.port, prefix: uniquePrefix() }), {
      logger: (part) => root.child({ part }),
    });
    cleanup.push(() => app.close());
    expect((await login(app.url)).status).toBe(200);

    await redis.stop();
    await eventually(async () => (await getJson(`${app.url}/healthz`)).status === 503, 'Redis seen down');
    for (let attempt = 0; attempt < 10; attempt++) {
      const answer = await login(app.url);
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(await answer.json()).toEqual({
        ok: false,
        error: 'The database (Redis) cannot be reached: try again in a few seconds.',
      });
    }

    const restarted = await startRedisServer(redis.port, { aofDir });
    cleanup.push(() => restarted.stop());
    await eventually(async () => (await login(app.url)).status === 200, 'logins work again');
    await eventually(
      () => Promise.resolve(lines.some((line) => line.msg === 'Redis connection back')),
      'the end of the outage logged',
      // Every connection of the process reconnects on its own back-off; a loaded machine takes longer.
      { timeoutMs: 20_000 },
    );

    expect(lines.filter((line) => line.msg === 'Redis connection failing')).toHaveLength(1);
    expect(lines.filter((line) => line.msg === 'Redis connection back')).toHaveLength(1);
    expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    expect(printed).not.toHaveBeenCalled();
  });
});
