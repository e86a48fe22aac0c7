import type { Redis } from '../redis-client.ts';
import type { AbandonedCallersView } from '../contract/callbacks.ts';
import type { Logger } from '../log.ts';
import type { Transport } from '../realtime/transport.ts';
import { Coalescer } from '../stats/coalesce.ts';

/** The sockets following the list of abandoned callers. */
export const CALLERS_WATCHERS = 'callers:watchers';

export interface CallerFeedOptions {
  readonly transport: Transport;
  /** A connection of its own for the channels below (a subscribed connection can do nothing else). */
  readonly subscriber: Redis;
  /** The statistics' "written" channel (a call ended or was answered) and the callbacks' "changed" channel. */
  readonly channels: readonly string[];
  readonly list: () => Promise<AbandonedCallersView>;
  readonly log: Logger;
  /** How long messages are gathered before the list is read again (default 300 ms). */
  readonly coalesceMs?: number;
  /** How often the list is read again without a message: midnight empties it, and a lost message is made up for. */
  readonly refreshMs?: number;
}

export interface CallerFeed {
  /** A socket joined the watchers: from now on the list is read on this process. */
  watched(): void;
  close(): void;
}

/**
 * The list of abandoned callers, live. As with the statistics (stats/live.ts), every process reads the list for its
 * own watching sockets when told that something changed, and delivers it through the transport cut to each socket's
 * viewer; nothing is read while no socket of this process watches.
 */
export function createCallerFeed(options: CallerFeedOptions): CallerFeed {
  const { transport, subscriber, log } = options;
  let watching = false;
  let failing = false;
  const update = async (): Promise<void> => {
    if (!watching) return;
    try {
      transport.here('callers:updated', await options.list(), { scoped: [CALLERS_WATCHERS] });
      failing = false;
    } catch (error) {
      if (!failing) log.warn({ err: (error as Error).message }, 'abandoned callers not read; trying again');
      failing = true;
    }
  };
  const coalescer = new Coalescer(update, options.coalesceMs ?? 300);
  const onMessage = (channel: string): void => {
    if (watching && options.channels.includes(channel)) coalescer.request();
  };
  subscriber.on('message', onMessage);
  subscriber
    .subscribe(...options.channels)
    .catch((error: unknown) => log.warn({ err: (error as Error).message }, 'abandoned callers updates not subscribed'));
  const unwatch = transport.onRoomDeleted((room) => {
    if (room === CALLERS_WATCHERS) watching = false;
  });
  const refresh = setInterval(() => watching && coalescer.request(), options.refreshMs ?? 30_000);
  refresh.unref();
  return {
    watched: () => {
      watching = true;
    },
    close: () => {
      clearInterval(refresh);
      coalescer.stop();
      subscriber.off('message', onMessage);
      unwatch();
    },
  };
}
