import type { CancelTimer, Timers } from '../../server/timers.ts';

/** Timers that move only when a test calls advance(): due timers run in order of their time, then of being set. */
export class ManualTimers implements Timers {
  private time = 0;
  private nextId = 0;
  private readonly pending = new Map<number, { at: number; run: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(run: () => void, ms: number): CancelTimer {
    const id = this.nextId++;
    this.pending.set(id, { at: this.time + Math.max(0, ms), run });
    return () => void this.pending.delete(id);
  }

  /** Moves time forward by `ms`, running every timer that falls due (also those set meanwhile). */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      let due: [number, { at: number; run: () => void }] | undefined;
      for (const entry of this.pending) if (entry[1].at <= until && (!due || entry[1].at < due[1].at)) due = entry;
      if (!due) break;
      this.pending.delete(due[0]);
      this.time = due[1].at;
      due[1].run();
    }
    this.time = until;
  }
}
