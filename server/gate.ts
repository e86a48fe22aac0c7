import { availableParallelism } from 'node:os';

export interface GateLimits {
  /** Tasks running at once. */
  readonly running: number;
  /** Tasks waiting for a turn; one more is refused. */
  readonly waiting: number;
  /** The error a refused task throws (it says why, and when to come back). */
  readonly refused: () => Error;
}

/**
 * Bounds costly work done at once (password hashes): a burst queues instead of taking every core from the AMI loop,
 * and a burst beyond the queue is refused at once rather than left waiting for long.
 */
export class Gate {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly limits: GateLimits) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limits.running) {
      if (this.queue.length >= this.limits.waiting) throw this.limits.refused();
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, so `active` counts it without a gap another caller could take.
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** As many hashes at once as there are cores, at most libuv's 4 threads that run them anyway. */
export const HASHES_AT_ONCE = Math.max(1, Math.min(4, availableParallelism()));

/** At most `max` tasks at once per key (a user): one more is refused at once. */
export class KeyedLimit {
  private readonly active = new Map<string, number>();

  constructor(
    private readonly max: number,
    private readonly refused: () => Error,
  ) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const running = this.active.get(key) ?? 0;
    if (running >= this.max) throw this.refused();
    this.active.set(key, running + 1);
    try {
      return await task();
    } finally {
      const left = (this.active.get(key) ?? 1) - 1;
      if (left === 0) this.active.delete(key);
      else this.active.set(key, left);
    }
  }
}
