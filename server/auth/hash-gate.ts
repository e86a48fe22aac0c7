import { availableParallelism } from 'node:os';
import { AccessError } from './errors.ts';

export interface HashGateLimits {
  /** Hashes running at once (default: the cores; scrypt runs on libuv's pool of 4 threads anyway). */
  readonly running?: number;
  /** Hashes waiting for a turn; one more is refused (default 32). */
  readonly waiting?: number;
}

/**
 * Bounds the password hashes computed at once. Each scrypt takes a core for tens of milliseconds and 32 MiB, so a
 * burst of logins (reserved within the limits, but from many addresses) must queue rather than take every core from
 * the AMI loop; a burst beyond the queue is told to come back (503 with Retry-After) instead of waiting for long.
 */
export class HashGate {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  private readonly running: number;
  private readonly waiting: number;

  constructor(limits: HashGateLimits = {}) {
    this.running = limits.running ?? Math.max(1, Math.min(4, availableParallelism()));
    this.waiting = limits.waiting ?? 32;
  }

  /** Runs `hash` when a slot is free; throws a 503 AccessError when too many wait already. */
  async run<T>(hash: () => Promise<T>): Promise<T> {
    if (this.active >= this.running) {
      if (this.queue.length >= this.waiting) throw new AccessError(503, 'too many logins at once: try again in a second');
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await hash();
    } finally {
      // The slot passes straight to the next in line, so `active` counts it without a gap another caller could take.
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}
