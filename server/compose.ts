import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AmiConnectionOptions } from './ami/types.ts';
import type { Config } from './config.ts';
import { scopeActivity, scopeCallRecords, scopeStats } from './access/filter.ts';
import { AccessControl } from './access/control.ts';
import type { ScryptCost } from './access/accounts/password.ts';
import { SocketAccess } from './access/socket.ts';
import { createAgentActions } from './agent-actions/index.ts';
import { createAlerts } from './alerts/index.ts';
import { createChat } from './chat/index.ts';
import { createExports } from './exports/index.ts';
import { FALLBACK_LOCALE } from './contract/locale.ts';
import { endpointOfName } from './domain/endpoints.ts';
import { createFtps } from './ftps/index.ts';
import type { HolderFeatureOptions } from './holder/feature.ts';
import { HolderRequests } from './holder/requests.ts';
import { createHttpApp } from './http/app.ts';
import { Publisher } from './live/publisher.ts';
import type { Timers } from './timers.ts';
import { BoardReader } from './live/reader.ts';
import { LiveSource } from './live/source.ts';
import { createLayouts } from './layouts/index.ts';
import { layoutViewer, mayRead as mayReadLayout } from './layouts/rights.ts';
import { logger as defaultLogger, type Logger } from './log.ts';
import { createMonitoring } from './monitoring/index.ts';
import { createCallbacks } from './callbacks/index.ts';
import { startOfToday } from './stats/counting/windows.ts';
import { createRecordings } from './recordings/index.ts';
import { boardFacts, serveBoards, type Boards } from './realtime/boards.ts';
import { createSocketServer } from './realtime/io.ts';
import { Transport } from './realtime/transport.ts';
import { Origins } from './access/origin.ts';
import { holderKeys, layoutKeys, redisKeys } from './store/keys.ts';
import { createRetention } from './stats/redis/retention.ts';
import { createStatsRouter } from './stats/http.ts';
import { createLiveStats } from './stats/live.ts';
import { createStatsStore } from './stats/redis/store.ts';
import { Lease } from './store/lease.ts';
import { LiveStateStore } from './store/live-state.ts';
import { closeRedis, createRedis, onceReady, RedisHealth, RedisOutage } from './store/redis.ts';

export interface AppOptions {
  /** The built web app (default dist/web beside server/). */
  readonly webRoot?: string;
  /** Coalescing window of deltas (default 20 ms). */
  readonly deltaWindowMs?: number;
  /** The publisher's timers: its delta window, write retries and wrap-up ends (default: the process's). */
  readonly publisherTimers?: Timers;
  /** How often, at most, a process without the AMI lease tries to take it (default 250 ms). */
  readonly leaseRetryMs?: number;
  /** Overrides of the AMI connection's tuning (reconnect, keepalive); host and credentials come from the config. */
  readonly ami?: Partial<Omit<AmiConnectionOptions, 'host' | 'port' | 'username' | 'secret'>>;
  /** Password hashing cost (default: the production cost; tests use a cheap one). */
  readonly scryptCost?: ScryptCost;
  /** The parent of every part's logger (default: the one logger). */
  readonly logger?: (part: string) => Logger;
  /** How long a request (monitoring, agent actions) waits for the AMI lease holder's answer (default 5 s). */
  readonly holderRequestTimeoutMs?: number;
  /** How often ProFTPD's files are written again without a change seen (default 10 s). */
  readonly ftpSyncMs?: number;
}

export interface App {
  readonly port: number;
  /** The FastAGI server's port, when FASTAGI_PORT is set. */
  readonly fastAgiPort?: number;
  readonly url: string;
  /** Gives up the AMI lease (after writing the last state), closes sockets, HTTP and Redis. */
  close(): Promise<void>;
}

const DEFAULT_WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');

/**
 * The composition root: config → Redis (store, lease, adapter) → the transport, with access's admission and cuts →
 * live source (lease → AMI → reduce) → publisher (Redis + transport) → the other features → HTTP. Several processes
 * may run it against one Redis: one reads the AMI, all serve boards.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.logger ?? defaultLogger;
  const source = config.source.id;
  const keys = redisKeys(config.redis.prefix);
  const redisLog = new RedisOutage(log('redis'));
  const redis = createRedis(config.redis, 'store', redisLog);
  const pub = createRedis(config.redis, 'pub', redisLog);
  const sub = createRedis(config.redis, 'adapter-sub', redisLog);
  const health = new RedisHealth(redis);
  const store = new LiveStateStore(redis, keys, source, log('store'));
  const lease = new Lease(
    redis,
    {
      key: keys.lease(source),
      holderId: config.source.instanceId,
      ttlMs: config.source.leaseTtlMs,
      ...(options.leaseRetryMs !== undefined && { retryMs: options.leaseRetryMs }),
    },
    log('lease'),
  );

  // engine.io takes over the 'request' listeners present when it attaches and hands them only what is not its own.
  // The HTTP app needs the socket server, so it is built later and reached through this forwarding listener.
  let httpApp: RequestListener = (_request, response) => {
    response.statusCode = 503;
    response.end();
  };
  const http = createServer((request, response) => httpApp(request, response));
  const origins = new Origins({
    publicOrigin: config.http.publicOrigin,
    allowed: config.http.allowedOrigins,
    host: config.http.host,
  });
  const io = createSocketServer(http, {
    allowRequest: origins.guard(),
    allowedOrigins: config.http.allowedOrigins,
    adapter: { pub, sub, channel: keys.socketIo },
  });
  const transport = new Transport(io, { othersReachable: () => health.isUp() });
  const accessSub = createRedis(config.redis, 'sub', redisLog);
  const access = new AccessControl({
    redis,
    subscriber: accessSub,
    prefix: config.redis.prefix,
    auth: config.auth,
    origins,
    log: log('access'),
    layoutReadable: async (id, creator): Promise<boolean> => {
      const layout = await layouts.service.get(id).catch(() => null);
      return layout !== null && mayReadLayout(layoutViewer(creator.user, await access.scopeOf(creator)), layout);
    },
    knownQueues: async () => Object.keys((await reader.state()).queues),
    ...(options.scryptCost && { scryptCost: options.scryptCost }),
  });
  // Every socket is admitted by its session or kiosk link and gets every fact cut to what its user may see.
  const sockets = new SocketAccess(transport, access, {
    log: log('access'),
    onRescoped: (socket) => boards.resend(socket),
    // Read when a wall TV connects, long after the layouts below are made.
    layoutLocale: async (id) => (await layouts.service.get(id)).locale,
  });
  const publisher = new Publisher({
    store,
    emitter: boardFacts(transport),
    redis: health,
    log: log('publisher'),
    ...(options.deltaWindowMs !== undefined && { windowMs: options.deltaWindowMs }),
    ...(options.publisherTimers && { timers: options.publisherTimers }),
  });
  const stats = createStatsStore(redis, {
    prefix: config.redis.prefix,
    source,
    log: log('stats'),
    settings: config.stats,
  });
  const userOf = (socket: Parameters<SocketAccess['principalOf']>[0]) => {
    const principal = sockets.principalOf(socket);
    return principal?.kind === 'user' ? principal.user.id : undefined;
  };
  // Chat for logged-in users: a kiosk's socket is nobody's and gets none.
  const chat = createChat({
    redis,
    prefix: config.redis.prefix,
    transport,
    directory: () => access.org.load(),
    userOf,
  });
  const holderSub = createRedis(config.redis, 'sub', redisLog);
  const requests = new HolderRequests({
    publisher: redis,
    subscriber: holderSub,
    channels: holderKeys(config.redis.prefix),
    log: log('holder'),
    ...(options.holderRequestTimeoutMs !== undefined && { timeoutMs: options.holderRequestTimeoutMs }),
  });
  const endpointIds = config.ami.endpoints.map((endpoint) => endpoint.id);
  /** The start of "today" on the board's clock: callbacks list today's callers, alerts judge today's service level. */
  const today = (now: number): number => startOfToday(now, config.stats);
  // What monitoring, agent actions and callbacks share: each asks the AMI lease holder to act.
  const holderFeature = (part: string): HolderFeatureOptions => ({
    redis,
    prefix: config.redis.prefix,
    state: () => reader.state(),
    requests,
    isReading: () => live.isReading(),
    ami: (endpoint) => live.ami(endpoint),
    endpointOf: (name) => endpointOfName(name, endpointIds, config.ami.qualified),
    log: log(part),
  });
  const monitoring = createMonitoring({
    ...holderFeature('monitoring'),
    access,
    transport,
    userOf,
    ...(config.fastAgi && { fastAgi: config.fastAgi }),
  });
  const agentActions = createAgentActions({ ...holderFeature('agent-actions'), access, userOf });
  const callbackSub = createRedis(config.redis, 'sub', redisLog);
  const callbacks = createCallbacks({
    ...holderFeature('callbacks'),
    subscriber: callbackSub,
    access,
    stats,
    today,
    transport,
    userOf,
    context: config.callbacks.context,
  });
  const alerts = createAlerts({
    redis,
    prefix: config.redis.prefix,
    access,
    transport,
    stats,
    state: () => reader.state(),
    snapshot: () => reader.snapshot(),
    today,
    isReading: () => live.isReading(),
    locale: config.auth.defaultLocale ?? FALLBACK_LOCALE,
    log: log('alerts'),
  });
  const exports = createExports({
    redis,
    redisConfig: config.redis,
    prefix: config.redis.prefix,
    access,
    root: config.files.dir,
    cdrTimeZone: config.files.cdrTimeZone,
    endpoints: { ids: endpointIds, qualified: config.ami.qualified },
    log: log('exports'),
  });
  const recordings = createRecordings({
    redis,
    prefix: config.redis.prefix,
    access,
    config: config.recordings,
    ami: (endpoint) => live.ami(endpoint),
    qualified: config.ami.qualified,
    knownQueues: async () => Object.keys((await reader.state()).queues),
    callsWritten: () => stats.flush(),
    transport,
    userOf,
    log: log('recordings'),
  });
  const ftps = createFtps({
    redis,
    access,
    config: config.ftps,
    log: log('ftps'),
    ...(options.ftpSyncMs !== undefined && { syncEveryMs: options.ftpSyncMs }),
  });
  const retention = createRetention(redis, {
    prefix: config.redis.prefix,
    log: log('retention'),
    purgers: {
      chatMessages: chat.purge,
      monitoringLog: monitoring.purge,
      agentActionsLog: agentActions.purge,
      alertHistory: alerts.purge,
      ...exports.purgers,
      recordings: recordings.purge,
    },
  });
  const live = new LiveSource({
    endpoints: config.ami.endpoints.map(({ id, ...endpoint }) => ({
      id,
      ami: { ...endpoint, ...options.ami, logger: log('ami').child({ endpoint: id }) },
    })),
    qualified: config.ami.qualified,
    lease,
    store,
    publisher,
    stats,
    log: log('live'),
    tap: (endpoint, input) => {
      monitoring.observe(endpoint, input);
      callbacks.observe(endpoint, input);
      exports.observe(input);
      recordings.observe(endpoint, input);
    },
  });
  const reader = new BoardReader(publisher, store, health);
  const layouts = createLayouts({
    redis,
    keys: layoutKeys(config.redis.prefix),
    transport,
    log: log('layouts'),
    timeZone: config.stats.timeZone,
    ...(config.auth.defaultLocale && { shippedLocale: config.auth.defaultLocale }),
    actor: (request) => access.userOf(request).user.username,
    onlyLayout: (request) => {
      const viewer = access.viewerOf(request);
      return viewer.kind === 'kiosk' ? viewer.kiosk.layoutId : null;
    },
    viewer: async (request) => {
      const viewer = access.viewerOf(request);
      return viewer.kind === 'kiosk' ? null : layoutViewer(viewer.user, await access.scopeOf(viewer));
    },
    onKiosk: async (id) =>
      (await access.kiosks.list()).some((kiosk) => kiosk.layoutId === id && access.kiosks.live(kiosk)),
    mayWatch: (socket, id) => {
      const principal = sockets.principalOf(socket);
      return principal?.kind !== 'kiosk' || principal.kiosk.layoutId === id;
    },
    mayList: (socket) => sockets.principalOf(socket)?.kind === 'user',
    // A kiosk shows its own layout whatever its scope (mayWatch); a user what the layout rights let them read.
    mayRead: (socket, layout) => {
      const principal = sockets.principalOf(socket);
      const scope = sockets.scopeOf(socket);
      if (principal?.kind === 'kiosk') return true;
      return (
        principal !== undefined && scope !== undefined && mayReadLayout(layoutViewer(principal.user, scope), layout)
      );
    },
  });
  const statsSub = createRedis(config.redis, 'sub', redisLog);
  const liveStats = createLiveStats({
    transport,
    stats,
    state: () => reader.state(),
    windows: config.stats,
    prefix: config.redis.prefix,
    redis,
    subscriber: statsSub,
    log: log('stats'),
    watcher: (socket) => {
      const principal = sockets.principalOf(socket);
      return principal?.kind === 'user' ? principal.user.id : undefined;
    },
  });
  const boards: Boards = serveBoards(
    transport,
    () => reader.snapshot(),
    log('realtime'),
    (socket) => ({
      ...layouts.commands(socket),
      ...liveStats.commands(socket),
      ...chat.commands(socket),
      ...monitoring.commands(socket),
      ...agentActions.commands(socket),
      ...callbacks.commands(socket),
      ...alerts.commands(socket),
      ...recordings.commands(socket),
    }),
  );
  httpApp = createHttpApp({
    access,
    reader,
    health: {
      instanceId: config.source.instanceId,
      source: live,
      lease,
      redis: health,
      installation: access.installation,
    },
    layouts: layouts.router,
    monitoring: monitoring.router,
    agentActions: agentActions.router,
    alerts: alerts.router,
    exports: exports.router,
    recordings: recordings.router,
    ftp: ftps.router,
    stats: createStatsRouter({
      stats,
      retention,
      state: () => reader.state(),
      windows: config.stats,
      cut: async (request, body) => scopeStats(await access.scopeOf(access.userOf(request)), body),
      cutActivity: async (request, body) => scopeActivity(await access.scopeOf(access.userOf(request)), body),
      callsScope: async (request) => scopeCallRecords(await access.scopeOf(access.userOf(request))),
      withRecordings: (request, calls) => recordings.attach(request, calls),
      asker: (request) => access.userOf(request).user.id,
    }),
    kioskFrameAncestors: config.http.kioskFrameAncestors,
    webRoot: options.webRoot ?? DEFAULT_WEB_ROOT,
    log: log('http'),
  });

  // Tells a first start from a Redis that lost its data; creates the Owner from OWNER_USERNAME / OWNER_PASSWORD if none.
  await onceReady(redis, () => access.start(), log('access'), 'starting accounts');
  await requests.start();
  const fastAgiPort = await monitoring.start();
  await ftps.start();
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.http.port, config.http.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  live.start();
  const stopPurge = retention.schedule();
  exports.start(retention);
  const stopInstallationWatch = access.installation.watch();
  const { port } = http.address() as AddressInfo;
  origins.listening(port);
  const host = config.http.host === '0.0.0.0' || config.http.host === '::' ? '127.0.0.1' : config.http.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log('main').info({ url, source, instance: config.source.instanceId }, 'board listening');

  let closing: Promise<void> | undefined;
  const shutdown = async (): Promise<void> => {
    await live.close();
    requests.close();
    await monitoring.close();
    callbacks.close();
    alerts.close();
    recordings.close();
    ftps.close();
    stopPurge();
    await exports.close();
    stopInstallationWatch();
    liveStats.close();
    await stats.close();
    sockets.close();
    await io.close();
    http.closeAllConnections();
    await Promise.all([
      closeRedis(redis),
      closeRedis(pub),
      closeRedis(sub),
      closeRedis(accessSub),
      closeRedis(statsSub),
      closeRedis(holderSub),
      closeRedis(callbackSub),
    ]);
  };
  return { port, url, ...(fastAgiPort !== undefined && { fastAgiPort }), close: () => (closing ??= shutdown()) };
}
