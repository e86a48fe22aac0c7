import { mkdtemp, mkdir, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeDay } from '../../server/exports/day-writer.ts';
import { createExporter, type ExporterOptions, type Timers } from '../../server/exports/exporter.ts';
import { withWriterLock } from '../../server/exports/lock.ts';
import { cdrFile, categoryDir, CENTER } from '../../server/files/paths.ts';
import { createSweeper } from '../../server/files/sweeper.ts';
import { exportKeys, statsKeys } from '../../server/store/keys.ts';
import { uniquePrefix } from '../support/board-app.ts';
import { testLogger } from '../support/test-logger.ts';

/** The daily writing driven by a clock of the test's: the 01:00 boundary, catch-up, one writer at a time. */

let redis: Redis;
let root: string;
beforeAll(async () => {
  redis = new Redis(inject('redisUrl'));
  root = await mkdtemp(path.join(os.tmpdir(), 'tablica-schedule-'));
});
afterAll(async () => {
  await redis.quit();
  await rm(root, { recursive: true, force: true });
});

/** Timers that fire only when the test says, each run awaited until the scheduler arms the next. */
class ManualTimers implements Timers {
  armed: { run: () => void; ms: number } | null = null;
  private next: (() => void) | null = null;
  setTimeout(run: () => void, ms: number): unknown {
    this.armed = { run, ms };
    this.next?.();
    return this.armed;
  }
  clearTimeout(): void {
    this.armed = null;
  }
  /** Fires the armed timer and resolves when the run is over and the next one armed. */
  async fire(): Promise<void> {
    const armed = this.armed;
    if (!armed) throw new Error('no timer armed');
    const rearmed = new Promise<void>((resolve) => (this.next = resolve));
    armed.run();
    await rearmed;
  }
}

/** The day written in this process (the board writes it in a child: exports-api.test.ts): the schedule is tested here. */
function inProcess(connection: Redis, prefix: string, dir: string): ExporterOptions['writeDay'] {
  return (day, units, withCenter) =>
    writeDay(
      {
        redis: connection,
        keys: exportKeys(prefix),
        statsKeys: statsKeys(prefix),
        root: dir,
        org: () => Promise.resolve({ users: [], units: [], teams: [], policies: [] }),
        timeZone: 'UTC',
        location: () => 'pbx',
      },
      day,
      units,
      withCenter,
    );
}

function setUp(start: string) {
  const prefix = uniquePrefix();
  const dir = path.join(root, prefix);
  let now = Date.parse(start);
  const timers = new ManualTimers();
  const exporter = createExporter({
    redis,
    keys: exportKeys(prefix),
    statsKeys: statsKeys(prefix),
    writeDay: inProcess(redis, prefix, dir),
    log: testLogger('exports'),
    clock: () => now,
    timers,
  });
  const days = async () =>
    (await readdir(categoryDir(dir, CENTER, 'CDRs')).catch(() => [])).filter((name) => !name.startsWith('.')).sort();
  return { prefix, dir, exporter, timers, days, setNow: (iso: string) => (now = Date.parse(iso)) };
}

describe('the daily writing', () => {
  it('catches up the days missed since the first run, then writes each day at 01:00:00 UTC', async () => {
    const { prefix, exporter, timers, days, setNow } = setUp('2026-03-10T12:00:00Z');
    await redis.set(exportKeys(prefix).firstDay, '2026-03-07');
    await exporter.start();
    expect(await days()).toEqual(['2026-03-07.csv', '2026-03-08.csv', '2026-03-09.csv']);
    expect(timers.armed?.ms).toBe(13 * 3_600_000);

    setNow('2026-03-11T00:59:59Z');
    expect(await exporter.catchUp()).toEqual([]);
    setNow('2026-03-11T01:00:00Z');
    await timers.fire();
    expect(await days()).toContain('2026-03-10.csv');
    expect(timers.armed?.ms).toBe(24 * 3_600_000);
    exporter.stop();
  });

  it('writes a day written "so far" again once it is over', async () => {
    const { exporter, setNow } = setUp('2026-05-01T10:00:00Z');
    await exporter.writeNow('2026-05-01', { center: true });
    expect((await exporter.writtenDays()).get('2026-05-01')?.complete).toBe(false);
    setNow('2026-05-02T01:00:00Z');
    expect(await exporter.catchUp()).toEqual(['2026-05-01']);
    expect((await exporter.writtenDays()).get('2026-05-01')?.complete).toBe(true);
  });

  it('lets one process write at a time: another finds the lock held and writes nothing', async () => {
    const first = setUp('2026-06-10T02:00:00Z');
    // A second process of the same cluster: its own Redis connection, the same prefix and files.
    const connection = new Redis(inject('redisUrl'));
    const other = createExporter({
      redis: connection,
      keys: exportKeys(first.prefix),
      statsKeys: statsKeys(first.prefix),
      writeDay: inProcess(connection, first.prefix, first.dir),
      log: testLogger('exports'),
      clock: () => Date.parse('2026-06-10T02:00:00Z'),
      timers: new ManualTimers(),
    });
    await redis.set(exportKeys(first.prefix).firstDay, '2026-06-09');
    let release!: () => void;
    const held = withWriterLock(
      redis,
      exportKeys(first.prefix).lock,
      () => new Promise<void>((resolve) => (release = resolve)),
    );
    await expect.poll(() => redis.exists(exportKeys(first.prefix).lock)).toBe(1);
    expect(await other.catchUp()).toBeNull();
    expect(await other.writeNow('2026-06-09', { center: true })).toBeNull();
    expect(await first.days()).toEqual([]);
    release();
    await held;
    expect(await other.catchUp()).toEqual(['2026-06-09']);
    expect(await first.days()).toEqual(['2026-06-09.csv']);
    connection.disconnect();
  });
});

describe('the sweeper', () => {
  it("removes files older than 5 years, or than a category's rule, and stale temporary files", async () => {
    const dir = path.join(root, uniquePrefix());
    const now = Date.parse('2030-07-01T12:00:00Z');
    let rules = {};
    const sweeper = createSweeper({ root: dir, rules: () => Promise.resolve(rules), clock: () => now });
    const files = ['2025-06-30', '2025-07-01', '2030-06-20', '2030-07-01'].map((day) => cdrFile(dir, CENTER, day));
    const unitZip = path.join(
      categoryDir(dir, { kind: 'unit', unitId: 'u1' }, 'QueueCalls'),
      '2025-01-01-queue-calls.zip',
    );
    const stale = path.join(categoryDir(dir, CENTER, 'CDRs'), '.2030-06-01.csv.abc.part');
    const fresh = path.join(categoryDir(dir, CENTER, 'CDRs'), '.2030-07-01.csv.def.part');
    for (const file of [...files, unitZip, stale, fresh]) {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, 'x');
    }
    await utimes(stale, new Date(now - 2 * 86_400_000), new Date(now - 2 * 86_400_000));
    await utimes(fresh, new Date(now), new Date(now));
    expect(await sweeper.sweep()).toBe(2);
    expect((await readdir(categoryDir(dir, CENTER, 'CDRs'))).sort()).toEqual([
      '.2030-07-01.csv.def.part',
      '2025-07-01.csv',
      '2030-06-20.csv',
      '2030-07-01.csv',
    ]);
    rules = { CDRs: 10 };
    expect(await sweeper.sweep()).toBe(2);
    expect((await readdir(categoryDir(dir, CENTER, 'CDRs'))).filter((name) => !name.startsWith('.'))).toEqual([
      '2030-07-01.csv',
    ]);
  });
});
