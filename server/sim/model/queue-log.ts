/**
 * app_queue's queue_log as the simulated PBX writes it: one line per queue event, `time|callid|queue|agent|event|data…`
 * (time in epoch seconds, `NONE` where a field does not apply). Kept in memory, for a test to count what happened
 * with the same reader it uses on a real Asterisk's file; only when asked for, since a demo runs for weeks.
 */
export class QueueLog {
  private readonly written: string[] = [];

  constructor(private readonly now: () => number) {}

  write(callId: string, queue: string, agent: string, event: string, data: readonly (string | number)[]): void {
    this.written.push([Math.floor(this.now() / 1000), callId, queue, agent, event, ...data].join('|'));
  }

  lines(): readonly string[] {
    return this.written;
  }
}
