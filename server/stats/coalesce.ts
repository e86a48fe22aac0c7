/**
 * Runs `work` after a request, folding requests together: the first opens a window of `windowMs`, every request until
 * it closes joins the same run, and one that comes while the work runs opens a window after it. So a burst is handled
 * once, runs never overlap, and two runs are at least `windowMs` apart. `work` handles its own errors.
 */
export class Coalescer {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private requested = false;
  private stopped = false;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly windowMs: number,
  ) {}

  request(): void {
    if (this.running) {
      this.requested = true;
      return;
    }
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => void this.run(), this.windowMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async run(): Promise<void> {
    this.timer = undefined;
    this.running = true;
    try {
      await this.work();
    } finally {
      this.running = false;
      if (this.requested) {
        this.requested = false;
        this.request();
      }
    }
  }
}
