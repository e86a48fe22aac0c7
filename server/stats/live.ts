import type { Redis } from '../redis-client.ts';
import type { StatsInterval, StatsResponse } from '../contract/stats.ts';
import type { Logger } from '../log.ts';
import { CommandRefused, type CommandHandlers } from '../realtime/commands.ts';
import { say } from '../i18n.ts';
import { m } from '../contract/messages/messages.js';
import type { BoardSocket, Transport } from '../realtime/transport.ts';
import { statsKeys } from '../store/keys.ts';
import { Coalescer } from './coalesce.ts';
import { checkWith } from '../contract/issues.ts';
import { readStats, statsQuery, type StatsReadDeps } from './read.ts';
import type { StatsStore } from './redis/store.ts';
import { SINCE_KEYWORDS } from './counting/windows.ts';

/**
 * Statistics pushed to the boards: a board watches one window (`stats:watch`) and gets `stats:updated` whenever its
 * figures may have changed.
 *
 * - Sockets watching the same window share a room named by the normalized request (`stats:today:sales,support`), and
 *   the figures of a room are read once per update, whatever the number of its sockets.
 * - Every process reads the rooms of its own sockets and sends to its own sockets only. What tells it to read them is
 *   a Redis pub/sub message the process holding the AMI lease (the only one writing facts) publishes after each batch
 *   it wrote. Room membership lives in each process, so this needs no shared list of watched windows to keep alive
 *   with heartbeats, and a process that dies takes nothing stale with it; each socket's figures can also be cut to
 *   its user's scope by the process that knows that user.
 * - Reads are coalesced: after a "written" message the rooms are read `coalesceMs` later (500 ms by default), so a
 *   burst of writes (a call joins, rings and is answered within a second) is one update, at most two a second.
 * - Every watched window is also read every `refreshMs` (5 s by default) without new facts: a rolling window's start
 *   moves, "today" and "shift" start again at midnight and at each shift start, an agent's open logged-in interval
 *   grows, and a missed "written" message (Redis away for a moment) is made up for.
 * - Nothing is read while nobody on this process watches.
 */

export type StatsSocket = BoardSocket;
export type StatsCommands = Pick<CommandHandlers, 'stats:watch'>;

export interface LiveStatsOptions extends StatsReadDeps {
  readonly stats: StatsReadDeps['stats'] & Pick<StatsStore, 'onWritten'>;
  /** Delivers the figures, each socket's cut to what its user may see. */
  readonly transport: Transport;
  /** REDIS_PREFIX: names the "written" channel. */
  readonly prefix: string;
  /** Publishes "written" after each batch this process wrote (the store connection). */
  readonly redis: Redis;
  /** A connection of its own for the "written" channel (a subscribed connection can do nothing else); its owner closes it. */
  readonly subscriber: Redis;
  readonly log: Logger;
  /** How long "written" messages are gathered before the watched windows are read again (default 500 ms). */
  readonly coalesceMs?: number;
  /** How often every watched window is read again without new facts (default 5 s). */
  readonly refreshMs?: number;
  readonly clock?: () => number;
  /** Called with a window's room each time its figures are read. */
  readonly onRead?: (room: string) => void;
  /** Whose watch a socket's is (a user id), counted against WATCHES_PER_USER; undefined: not counted (a kiosk). */
  readonly watcher?: (socket: StatsSocket) => string | undefined;
}

/**
 * Sockets of one user that may watch statistics at once on this process: a board, a report and a wall screen or two,
 * not a script holding the server's reads busy (as QUERIES_PER_USER bounds the HTTP reads).
 */
export const WATCHES_PER_USER = 4;

export interface LiveStats {
  /** A socket's `stats:watch`, to spread into its dispatchCommands handlers. */
  readonly commands: (socket: StatsSocket) => StatsCommands;
  /** Stops reading and announcing; the subscriber connection stays open for its owner to close. */
  close(): void;
}

/** A watched window as it is read again and again. */
interface Watch {
  /** A keyword (its start moves) or the ISO instant a date-time names (any spelling of it shares the room). */
  readonly since: string;
  readonly queues: string[] | undefined;
  readonly interval: StatsInterval | undefined;
}

const ROOM_PREFIX = 'stats:';

function roomOf(watch: Watch): string {
  return `${ROOM_PREFIX}${watch.since}${watch.queues ? `:${watch.queues.join(',')}` : ''}${watch.interval ? `/${watch.interval}` : ''}`;
}

const isKeyword = (since: string): boolean => (SINCE_KEYWORDS as readonly string[]).includes(since);

export function createLiveStats(options: LiveStatsOptions): LiveStats {
  const { transport, redis, subscriber, log, windows } = options;
  const clock = options.clock ?? Date.now;
  const channel = statsKeys(options.prefix).written;
  /** The windows watched on this process, by room; a room's entry goes when its last socket leaves or disconnects. */
  const watches = new Map<string, Watch>();
  const reading = new Map<string, Promise<StatsResponse>>();
  let failing = false;

  /** A room's figures now; concurrent asks for one room (a watch during an update) share one read. */
  function figures(room: string, watch: Watch): Promise<StatsResponse> {
    let pending = reading.get(room);
    if (!pending) {
      options.onRead?.(room);
      const now = clock();
      const query = statsQuery(now, windows).parse({
        since: watch.since,
        queue: watch.queues,
        interval: watch.interval,
      });
      pending = readStats(options, query, now).finally(() => reading.delete(room));
      reading.set(room, pending);
    }
    return pending;
  }

  // This process's sockets only: the other processes read their rooms themselves.
  const send = (room: string, stats: StatsResponse): void => transport.here('stats:updated', stats, { scoped: [room] });

  async function update(): Promise<void> {
    await Promise.all(
      [...watches].map(async ([room, watch]) => {
        try {
          send(room, await figures(room, watch));
          failing = false;
        } catch (error) {
          if (!failing) log.warn({ room, err: (error as Error).message }, 'watched statistics not read; trying again');
          failing = true;
        }
      }),
    );
  }

  const coalescer = new Coalescer(update, options.coalesceMs ?? 500);
  const request = (): void => {
    if (watches.size > 0) coalescer.request();
  };
  const unwatch = transport.onRoomDeleted((room) => void watches.delete(room));
  /** The sockets watching, by user. */
  const watching = new Map<string, Set<string>>();
  const admit = (socket: StatsSocket): void => {
    const user = options.watcher?.(socket);
    if (user === undefined) return;
    const sockets = watching.get(user) ?? new Set<string>();
    if (sockets.has(socket.id)) return;
    if (sockets.size >= WATCHES_PER_USER) {
      throw new CommandRefused(say(m.server_stats_watches, { count: WATCHES_PER_USER }));
    }
    watching.set(user, sockets.add(socket.id));
    socket.once('disconnect', () => {
      sockets.delete(socket.id);
      if (sockets.size === 0 && watching.get(user) === sockets) watching.delete(user);
    });
  };

  const onMessage = (from: string): void => {
    if (from === channel) request();
  };
  subscriber.on('message', onMessage);
  // Not awaited: a board starts while Redis is away; the subscription waits for it, and ioredis renews it after a
  // reconnect by itself.
  subscriber
    .subscribe(channel)
    .catch((error: unknown) => log.warn({ err: (error as Error).message }, 'statistics updates not subscribed'));
  // Not awaited: the writer goes on with its next batch; a lost message is made up for by the next refresh.
  const unhook = options.stats.onWritten(
    () =>
      void redis
        .publish(channel, '')
        .catch((error: unknown) => log.debug({ err: (error as Error).message }, 'written not announced')),
  );
  const refresh = setInterval(request, options.refreshMs ?? 5_000);
  refresh.unref();

  return {
    commands: (socket) => ({
      'stats:watch': async ([asked]) => {
        const parsed = checkWith(statsQuery(clock(), windows), {
          since: asked.since,
          queue: asked.queues,
          interval: asked.interval,
        });
        if (!parsed.ok) throw new CommandRefused(parsed.problems);
        admit(socket);
        const since = asked.since.trim();
        const watch: Watch = {
          since: isKeyword(since) ? since : new Date(parsed.data.since).toISOString(),
          queues: parsed.data.queue,
          interval: parsed.data.interval,
        };
        const room = roomOf(watch);
        for (const name of [...socket.rooms]) {
          if (name.startsWith(ROOM_PREFIX) && name !== room) await socket.leave(name);
        }
        watches.set(room, watch);
        // Join before reading: facts written in between then reach the board as stats:updated instead of being missed.
        await socket.join(room);
        const stats = transport.cut(socket, 'stats:updated', await figures(room, watch));
        if (stats === undefined) throw new CommandRefused(say(m.server_screen_no_stats));
        return stats;
      },
    }),
    close() {
      clearInterval(refresh);
      coalescer.stop();
      unhook();
      subscriber.off('message', onMessage);
      unwatch();
    },
  };
}
