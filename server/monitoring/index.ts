import type { HolderFeatureOptions } from '../holder/feature.ts';
import type { Router } from 'express';
import type { AccessControl } from '../access/control.ts';
import type { DomainInput } from '../domain/input.ts';
import { MONITOR_ERRORS, type MonitorSessionView } from '../contract/monitoring.ts';
import type { Transport } from '../realtime/transport.ts';
import type { Purger } from '../stats/redis/retention.ts';
import { monitoringKeys } from '../store/keys.ts';
import { startFastAgi, type FastAgiServer } from './fastagi.ts';
import { monitorGroups } from './groups.ts';
import { MonitorHolder } from './holder.ts';
import { monitoringRoutes } from './routes.ts';
import { MonitorService } from './service.ts';
import { monitorCommands, sessionFacts, type MonitorCommands, type MonitorSocket } from './socket.ts';
import { SessionStore } from './store.ts';
import { chanSpyOptions } from './tracker.ts';
import type { HolderRequest } from './requests.ts';

export interface MonitoringDeps extends HolderFeatureOptions {
  readonly access: AccessControl;
  /** Delivers each session's change to the sockets concerned. */
  readonly transport: Transport;
  /** The user a socket was admitted as; undefined for a kiosk. */
  readonly userOf: (socket: MonitorSocket) => string | undefined;
  /** The FastAGI server of the feature code `#44`; none without it. */
  readonly fastAgi?: FastAgiOptions;
}

export interface FastAgiOptions {
  readonly host: string;
  readonly port: number;
  /** The sound files played for "Denied" and "Call not yet established". */
  readonly prompts: { readonly denied: string; readonly noCall: string };
}

export interface Monitoring {
  readonly commands: (socket: MonitorSocket) => MonitorCommands;
  readonly router: Router;
  /** Every AMI input the lease holder reads (LiveSource's tap). */
  readonly observe: (endpoint: string, input: DomainInput) => void;
  /** The "Monitoring log" retention category's purge. */
  readonly purge: Purger;
  /** Starts the FastAGI server; resolves with its port, if any. */
  start(): Promise<number | undefined>;
  /** Ends the sessions this process follows (it stops reading Asterisk) and waits for them to be written. */
  close(): Promise<void>;
}

/** Call monitoring, wired: rules on any process, Asterisk through the lease holder, sessions in Redis. */
export function createMonitoring(deps: MonitoringDeps): Monitoring {
  const keys = monitoringKeys(deps.prefix);
  const store = new SessionStore(deps.redis, keys);
  const groups = monitorGroups(deps.redis, keys.groups);
  const requests = deps.requests.topic<HolderRequest, MonitorSessionView>('monitoring', {
    unavailable: MONITOR_ERRORS.amiDown,
    failed: 'Monitoring failed: try again.',
  });
  const holder = new MonitorHolder({
    isReading: deps.isReading,
    ami: deps.ami,
    store,
    announce: sessionFacts(deps.transport),
    log: deps.log,
  });
  const service = new MonitorService({
    org: () => deps.access.org.load(),
    groups: () => groups.list(),
    state: deps.state,
    store,
    ask: (request) => requests.ask(request),
    endpointOf: deps.endpointOf,
  });
  let agi: FastAgiServer | undefined;
  return {
    commands: (socket) => monitorCommands(socket, deps.userOf(socket), service),
    router: monitoringRoutes(deps.access, groups, service, () => agi?.port),
    observe: (endpoint, input) => holder.observe(endpoint, input),
    purge: (beforeMs) => store.purge(beforeMs),
    start: async () => {
      requests.serve(holder.handle);
      if (!deps.fastAgi) return undefined;
      const { prompts } = deps.fastAgi;
      agi = await startFastAgi(
        deps.fastAgi,
        async (supervisor, extension, channel) => {
          const answer = await service.keypad(supervisor, extension, channel);
          if ('target' in answer) return { kind: 'spy', target: answer.target, options: chanSpyOptions('listen') };
          return { kind: 'refuse', prompt: prompts[answer.refused] };
        },
        deps.log,
      );
      return agi.port;
    },
    close: async () => {
      await agi?.close();
      holder.endAll();
      await holder.flushed();
    },
  };
}
