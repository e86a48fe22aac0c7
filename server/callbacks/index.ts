import type { HolderFeatureOptions } from '../holder/feature.ts';
import type { Redis } from '../redis-client.ts';
import type { AccessControl } from '../access/control.ts';
import { CALLBACK_MESSAGES, type CallbackView } from '../contract/callbacks.ts';
import type { DomainInput } from '../domain/input.ts';
import type { BoardSocket, Transport } from '../realtime/transport.ts';
import type { StatsStore } from '../stats/redis/store.ts';
import { agentActionKeys, callbackKeys, statsKeys } from '../store/keys.ts';
import { TimedLog } from '../store/timed-log.ts';
import type { Timers } from '../timers.ts';
import { createCallerFeed } from './feed.ts';
import { CallbackHolder, type CallbackRequest } from './holder.ts';
import { CallbackService } from './service.ts';
import { callbackCommands, type CallbackCommands } from './socket.ts';
import { CallbackStore } from './store.ts';

export interface CallbacksDeps extends HolderFeatureOptions {
  /** A connection of its own for the "changed" and statistics' "written" channels. */
  readonly subscriber: Redis;
  readonly access: AccessControl;
  readonly stats: Pick<StatsStore, 'abandoned' | 'numberAnswered'>;
  /** The start of "today" on the board's clock (BOARD_TIME_ZONE). */
  readonly today: (now: number) => number;
  readonly transport: Transport;
  readonly userOf: (socket: BoardSocket) => string | undefined;
  /** CALLBACK_CONTEXT: the dialplan context the user's phone dials the caller in. */
  readonly context: string;
  /** How long the user's phone rings (default 30 s). */
  readonly ringMs?: number;
  /** How long a number stays claimed without an outcome (default 2 minutes). */
  readonly claimMs?: number;
  readonly timers?: Timers;
}

export interface Callbacks {
  readonly commands: (socket: BoardSocket) => CallbackCommands;
  /** Every AMI input the lease holder reads (LiveSource's tap). */
  readonly observe: (endpoint: string, input: DomainInput) => void;
  close(): void;
}

/** Abandoned callers and calling them back, wired: the list from the statistics, Asterisk through the lease holder. */
export function createCallbacks(deps: CallbacksDeps): Callbacks {
  const keys = callbackKeys(deps.prefix);
  const store = new CallbackStore(deps.redis, keys, new TimedLog(deps.redis, agentActionKeys(deps.prefix).log));
  const claimMs = deps.claimMs ?? 120_000;
  const topic = deps.requests.topic<CallbackRequest, CallbackView>('callback', {
    unavailable: CALLBACK_MESSAGES.amiDown,
    failed: 'Calling back failed: try again.',
  });
  const service = new CallbackService({
    org: () => deps.access.org.load(),
    state: deps.state,
    today: deps.today,
    abandoned: (window) => deps.stats.abandoned(window),
    store,
    ask: (request) => topic.ask(request),
    endpointOf: deps.endpointOf,
    claimMs,
  });
  const holder = new CallbackHolder({
    isReading: deps.isReading,
    ami: deps.ami,
    context: deps.context,
    ringMs: deps.ringMs ?? 30_000,
    limitMs: claimMs,
    log: deps.log,
    ...(deps.timers && { timers: deps.timers }),
    ended: async (record) => {
      // Reached: the caller leaves the list as if a queue had answered them.
      if (record.result === 'answered') await deps.stats.numberAnswered(record.number, record.endedAt ?? Date.now());
      await store.finish(record);
    },
  });
  topic.serve(holder.handle);
  const feed = createCallerFeed({
    transport: deps.transport,
    subscriber: deps.subscriber,
    channels: [statsKeys(deps.prefix).written, keys.changed],
    list: () => service.list(),
    log: deps.log,
  });
  return {
    commands: (socket) => callbackCommands(socket, deps.userOf(socket), { service, feed, transport: deps.transport }),
    observe: (endpoint, input) => holder.observe(endpoint, input),
    close: () => {
      feed.close();
      holder.endAll();
    },
  };
}
