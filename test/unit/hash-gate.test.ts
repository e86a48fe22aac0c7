import { describe, expect, it } from 'vitest';
import { HashGate } from '../../server/auth/hash-gate.ts';

/** A hash the test finishes when it wants. */
function pending() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { done, finish };
}

describe('HashGate', () => {
  it('runs at most `running` hashes at once, queues `waiting` more and refuses the rest with a 503', async () => {
    const gate = new HashGate({ running: 2, waiting: 1 });
    const started: number[] = [];
    const hashes = [pending(), pending(), pending(), pending()];
    const runs = hashes.map((hash, i) =>
      gate.run(async () => {
        started.push(i);
        await hash.done;
        return i;
      }),
    );
    await expect(runs[3]).rejects.toMatchObject({ status: 503, message: 'too many logins at once: try again in a second' });
    expect(started).toEqual([0, 1]);
    hashes[0]!.finish();
    expect(await runs[0]).toBe(0);
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    hashes[1]!.finish();
    hashes[2]!.finish();
    expect(await Promise.all(runs.slice(1, 3))).toEqual([1, 2]);
    // The slots are free again.
    expect(await gate.run(() => Promise.resolve('next'))).toBe('next');
  });
});
