import type { Redis } from '../redis-client.ts';
import type { Router } from 'express';
import type { AccessControl } from '../access/control.ts';
import type { BoardSnapshot } from '../contract/board.ts';
import type { Locale } from '../contract/locale.ts';
import type { LiveState } from '../domain/state.ts';
import type { Logger } from '../log.ts';
import type { CommandHandlers } from '../realtime/commands.ts';
import type { BoardSocket, Transport } from '../realtime/transport.ts';
import type { Purger } from '../stats/redis/retention.ts';
import type { StatsStore } from '../stats/redis/store.ts';
import { alertKeys } from '../store/keys.ts';
import { figuresOf } from './figures.ts';
import { alertRoutes } from './routes.ts';
import { AlertRunner } from './runner.ts';
import { WebhookSender, type SenderOptions } from './sender.ts';
import { AlertService } from './service.ts';
import { AlertStore } from './store.ts';

/** The sockets following the alerts (every board's banner). */
const ALERTS_WATCHERS = 'alerts:watchers';

export interface AlertsDeps {
  readonly redis: Redis;
  readonly prefix: string;
  readonly access: AccessControl;
  readonly transport: Transport;
  readonly stats: Pick<StatsStore, 'queueStats' | 'onWritten'>;
  readonly state: () => Promise<LiveState>;
  readonly snapshot: () => Promise<BoardSnapshot>;
  /** The start of "today" on the board's clock (BOARD_TIME_ZONE): service levels are today's. */
  readonly today: (now: number) => number;
  /** Whether this process holds the AMI lease: only it evaluates and sends. */
  readonly isReading: () => boolean;
  /** The language of the webhooks' sentences. */
  readonly locale: Locale;
  readonly log: Logger;
  /** How often rules are evaluated (default 1 s): a raise or clear, or a condition's duration, ends within it. */
  readonly tickMs?: number;
  /** The webhooks' retries and bounds (tests shorten the back-off). */
  readonly sender?: Partial<Omit<SenderOptions, 'log' | 'locale'>>;
  readonly clock?: () => number;
}

export interface Alerts {
  readonly router: Router;
  readonly commands: (socket: BoardSocket) => Pick<CommandHandlers, 'alerts:watch'>;
  /** The "Alert history" retention category's purge. */
  readonly purge: Purger;
  close(): void;
}

/**
 * Alerts, wired: rules managed from any process; evaluated by the lease holder after each statistics write and every
 * `tickMs` (a condition's duration ends in time without traffic). A write while an evaluation runs starts none: the
 * next write or tick reads the figures anew, so the cost is one evaluation at a time, whatever the traffic.
 */
export function createAlerts(deps: AlertsDeps): Alerts {
  const clock = deps.clock ?? Date.now;
  const store = new AlertStore(deps.redis, alertKeys(deps.prefix));
  const service = new AlertService(store);
  const sender = new WebhookSender({ log: deps.log, locale: deps.locale, clock, ...deps.sender });
  const runner = new AlertRunner({
    store,
    isReading: deps.isReading,
    figures: async () => {
      const live = await deps.state();
      const [queues, board] = await Promise.all([
        deps.stats.queueStats({ since: deps.today(clock()), until: null }, { live }),
        deps.snapshot(),
      ]);
      return figuresOf(queues, board);
    },
    sender,
    publish: (view) => deps.transport.publish('alerts:updated', view, { scoped: [ALERTS_WATCHERS] }),
    clock,
    log: deps.log,
  });
  const unhook = deps.stats.onWritten(() => void runner.request());
  const tick = setInterval(() => void runner.request(), deps.tickMs ?? 1_000);
  tick.unref();
  return {
    router: alertRoutes(deps.access, service),
    commands: (socket) => ({
      'alerts:watch': async () => {
        // Joined before reading: a raise in between then reaches the socket as alerts:updated.
        await socket.join(ALERTS_WATCHERS);
        const view = { alerts: [...(await store.active()).values()] };
        return deps.transport.cut(socket, 'alerts:updated', view) ?? { alerts: [] };
      },
    }),
    purge: (beforeMs) => store.history.purge(beforeMs),
    close: () => {
      clearInterval(tick);
      unhook();
      sender.close();
    },
  };
}
