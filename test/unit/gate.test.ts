import { describe, expect, it } from 'vitest';
import { Gate, KeyedLimit } from '../../server/gate.ts';

/** A task the test finishes when it wants. */
function pending() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

const busy = () => new Error('busy');

describe('Gate', () => {
  it('runs at most `running` tasks at once, queues `waiting` more and refuses the rest', async () => {
    const gate = new Gate({ running: 2, waiting: 1, refused: busy });
    const started: number[] = [];
    const tasks = [pending(), pending(), pending(), pending()];
    const runs = tasks.map((task, i) =>
      gate.run(async () => {
        started.push(i);
        await task.done;
        return i;
      }),
    );
    await expect(runs[3]).rejects.toThrow('busy');
    expect(started).toEqual([0, 1]);
    tasks[0]!.finish();
    expect(await runs[0]).toBe(0);
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    tasks[1]!.finish();
    tasks[2]!.finish();
    expect(await Promise.all(runs.slice(1, 3))).toEqual([1, 2]);
    // The slots are free again.
    expect(await gate.run(() => Promise.resolve('next'))).toBe('next');
  });
});

describe('KeyedLimit', () => {
  it('refuses a key its third task while two run, lets other keys run, and frees the key when they end', async () => {
    const limit = new KeyedLimit(2, busy);
    const tasks = [pending(), pending()];
    const runs = tasks.map((task) => limit.run('alice', () => task.done));
    await expect(limit.run('alice', () => Promise.resolve())).rejects.toThrow('busy');
    expect(await limit.run('bob', () => Promise.resolve('bob'))).toBe('bob');
    tasks[0]!.finish();
    await runs[0];
    expect(await limit.run('alice', () => Promise.resolve('again'))).toBe('again');
    tasks[1]!.finish();
    await runs[1];
  });
});
