import type { DomainInput, ResyncLists } from '../domain/input.ts';
import type { ListResult } from './types.ts';

/**
 * AMI sends no events for what happened while we were away, so every (re)connection starts from the lists. They are
 * asked one after another, unfiltered, as Asterisk documents for list actions on one session (and as the recorded
 * traces do): QueueStatus for queues, members and waiting callers, QueueSummary for the per-queue summary,
 * CoreShowChannels for the channels (talking agents, callers' legs).
 */
export async function collectResync(list: (name: string) => Promise<ListResult>): Promise<ResyncLists> {
  const queueStatus = await list('QueueStatus');
  const queueSummary = await list('QueueSummary');
  const channels = await list('CoreShowChannels');
  return { queueStatus: queueStatus.items, queueSummary: queueSummary.items, channels: channels.items };
}

/**
 * Events received while a resync runs wait here and are delivered after the resync input, in arrival order. The
 * buffer is bounded: a resync that cannot keep up with the PBX is abandoned (the caller reconnects) rather than
 * allowed to hold an ever-growing backlog.
 */
export class EventBuffer {
  private events: DomainInput[] = [];

  constructor(private readonly limit: number) {}

  /** False when the buffer is full (the event is not kept). */
  push(input: DomainInput): boolean {
    if (this.events.length >= this.limit) return false;
    this.events.push(input);
    return true;
  }

  /** Empties the buffer and returns what it held. */
  drain(): DomainInput[] {
    const events = this.events;
    this.events = [];
    return events;
  }
}
