/**
 * Simulated time. The model never reads the wall clock: it asks a Scheduler for `now()` (epoch ms) and to run tasks
 * later. `ManualScheduler` only moves when a test calls `advance()`, so minutes of traffic take milliseconds;
 * `RealtimeScheduler` follows the wall clock multiplied by a speed factor.
 */
export interface Timer {
  readonly time: number;
  cancelled: boolean;
}

export interface Scheduler {
  now(): number;
  /** Runs `task` once `delayMs` of simulated time have passed; tasks due at the same time run in the order given. */
  after(delayMs: number, task: () => void): Timer;
  cancel(timer: Timer | undefined): void;
  /** Stops running tasks (pending ones are dropped). */
  stop(): void;
}

interface Task extends Timer {
  seq: number;
  run: () => void;
}

/** Binary min-heap on (time, seq): thousands of agents keep thousands of timers pending. */
class TaskHeap {
  private items: Task[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Task | undefined {
    return this.items[0];
  }

  push(task: Task): void {
    const items = this.items;
    items.push(task);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i] as Task, items[parent] as Task)) break;
      [items[i], items[parent]] = [items[parent] as Task, items[i] as Task];
      i = parent;
    }
  }

  pop(): Task | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let smallest = i;
        if (l < items.length && before(items[l] as Task, items[smallest] as Task)) smallest = l;
        if (r < items.length && before(items[r] as Task, items[smallest] as Task)) smallest = r;
        if (smallest === i) break;
        [items[i], items[smallest]] = [items[smallest] as Task, items[i] as Task];
        i = smallest;
      }
    }
    return top;
  }

  clear(): void {
    this.items = [];
  }
}

function before(a: Task, b: Task): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

abstract class HeapScheduler implements Scheduler {
  protected readonly heap = new TaskHeap();
  protected current: number;
  protected stopped = false;
  private seq = 0;

  protected constructor(startTime: number) {
    this.current = startTime;
  }

  now(): number {
    return this.current;
  }

  after(delayMs: number, run: () => void): Timer {
    const task: Task = { time: this.current + Math.max(0, delayMs), seq: this.seq++, run, cancelled: false };
    if (!this.stopped) this.heap.push(task);
    this.scheduled();
    return task;
  }

  cancel(timer: Timer | undefined): void {
    if (timer) timer.cancelled = true;
  }

  stop(): void {
    this.stopped = true;
    this.heap.clear();
  }

  /** Runs every task due at or before `until`, moving the clock to each task's time. */
  protected runUntil(until: number): void {
    for (let task = this.heap.peek(); task && task.time <= until && !this.stopped; task = this.heap.peek()) {
      this.heap.pop();
      if (task.cancelled) continue;
      this.current = Math.max(this.current, task.time);
      task.run();
    }
    if (!this.stopped) this.current = Math.max(this.current, until);
  }

  protected scheduled(): void {
    // Hook for schedulers that need to (re)arm a wall-clock timer.
  }
}

export class ManualScheduler extends HeapScheduler {
  constructor(startTime: number) {
    super(startTime);
  }

  /** Moves simulated time forward by `ms`, running every task that falls due. */
  advance(ms: number): void {
    this.runUntil(this.current + ms);
  }
}

export class RealtimeScheduler extends HeapScheduler {
  private readonly wallStart = performance.now();
  private readonly simStart: number;
  private timeout: NodeJS.Timeout | undefined;
  private armedFor = Infinity;

  constructor(
    startTime: number,
    private readonly speed: number,
  ) {
    super(startTime);
    this.simStart = startTime;
  }

  override now(): number {
    // Between tasks the clock follows the wall clock, so actions arriving over TCP see the current time.
    return Math.max(this.current, this.simStart + (performance.now() - this.wallStart) * this.speed);
  }

  override after(delayMs: number, run: () => void): Timer {
    this.current = this.now();
    return super.after(delayMs, run);
  }

  override stop(): void {
    super.stop();
    if (this.timeout) clearTimeout(this.timeout);
    this.timeout = undefined;
  }

  protected override scheduled(): void {
    const next = this.heap.peek();
    if (!next || this.stopped || next.time >= this.armedFor) return;
    if (this.timeout) clearTimeout(this.timeout);
    this.armedFor = next.time;
    const wait = Math.max(0, (next.time - this.now()) / this.speed);
    this.timeout = setTimeout(() => this.fire(), wait);
  }

  private fire(): void {
    this.timeout = undefined;
    this.armedFor = Infinity;
    this.runUntil(this.now());
    this.scheduled();
  }
}
