import type { Socket } from 'node:net';
import type { AmiFields, DomainInput } from '../domain/input.ts';
import { logger as childLogger, type Logger } from '../log.ts';
import { PendingActions } from './actions.ts';
import { createBackoff, type Backoff } from './backoff.ts';
import { single, timestampMs, toFields } from './field-check.ts';
import { collectResync, EventBuffer } from './resync-lists.ts';
import { Router } from './routing.ts';
import { guardSocket } from './socket-guard.ts';
import { openTransport, type RawMessage } from './transport.ts';
import {
  AmiResponseError,
  AmiUnavailableError,
  type ActionFields,
  type AmiConnection,
  type AmiConnectionOptions,
  type AmiConsumer,
  type AmiState,
  type AmiStatus,
  type ListResult,
} from './types.ts';
import { formatAction, nextActionId } from './action-text.ts';
import { systemTimers, type CancelTimer, type Timers } from '../timers.ts';

const DEFAULTS = {
  keepaliveMs: 10_000,
  keepaliveTimeoutMs: 5_000,
  actionTimeoutMs: 10_000,
  reconnect: { minMs: 500, maxMs: 5_000 },
  maxMessageBytes: 1024 * 1024,
  maxBufferedEvents: 50_000,
  maxPendingActions: 1_000,
};

type Fields = ActionFields | undefined;

// How long stop() waits for the peer to close after our Logoff before it cuts the connection.
const STOP_GRACE_MS = 1_000;

/** One TCP connection and everything that dies with it. */
interface Link {
  readonly socket: Socket;
  readonly pending: PendingActions;
  readonly buffer: EventBuffer;
  readonly router: Router;
  loggedIn: boolean;
  /** The resync input was delivered: events go straight to the consumer. */
  live: boolean;
  /** `link up` was delivered, so `link down` is owed when this connection ends. */
  linkUp: boolean;
  socketError?: Error;
  loginDeadline?: NodeJS.Timeout;
  keepalive?: NodeJS.Timeout;
}

/**
 * The AMI connection: connects, logs in, resyncs, delivers events as DomainInput, keeps the connection alive and
 * reconnects with back-off until stop(). Delivery order per connection: `link up`, `resync`, then events (those that
 * arrived during the resync first, in arrival order); `link down` when a connection that was up ends.
 */
export function createAmiConnection(options: AmiConnectionOptions, consumer: AmiConsumer): AmiConnection {
  return new Connection(options, consumer);
}

class Connection implements AmiConnection {
  private readonly config: typeof DEFAULTS;
  private readonly clock: () => number;
  private readonly log: Logger;
  private readonly backoff: Backoff;
  private readonly listeners = new Set<(status: AmiStatus) => void>();
  private readonly counters = { events: 0, ignored: 0, reconnects: 0 };
  private state: AmiState = 'stopped';
  private lastError?: string;
  private connectedAt?: number;
  private lastEventAt?: number;
  private link?: Link;
  private cancelReconnect?: CancelTimer;
  private readonly timers: Timers;
  private started = false;
  private stopped = false;
  private stopping?: Promise<void>;

  constructor(
    private readonly options: AmiConnectionOptions,
    private readonly consumer: AmiConsumer,
  ) {
    this.config = {
      keepaliveMs: options.keepaliveMs ?? DEFAULTS.keepaliveMs,
      keepaliveTimeoutMs: options.keepaliveTimeoutMs ?? DEFAULTS.keepaliveTimeoutMs,
      actionTimeoutMs: options.actionTimeoutMs ?? DEFAULTS.actionTimeoutMs,
      reconnect: options.reconnect ?? DEFAULTS.reconnect,
      maxMessageBytes: options.maxMessageBytes ?? DEFAULTS.maxMessageBytes,
      maxBufferedEvents: options.maxBufferedEvents ?? DEFAULTS.maxBufferedEvents,
      maxPendingActions: options.maxPendingActions ?? DEFAULTS.maxPendingActions,
    };
    this.clock = options.clock ?? Date.now;
    this.timers = options.timers ?? systemTimers;
    this.log = options.logger ?? childLogger('ami');
    this.backoff = createBackoff(this.config.reconnect);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.connect();
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  action(name: string, fields?: ActionFields): Promise<AmiFields> {
    const link = this.usableLink(name);
    return link ? this.send(link, name, fields, false) : this.unavailable(name);
  }

  listAction(name: string, fields?: ActionFields): Promise<ListResult> {
    const link = this.usableLink(name);
    return link ? this.send(link, name, fields, true) : this.unavailable(name);
  }

  status(): AmiStatus {
    return {
      state: this.state,
      ...(this.lastError !== undefined && { lastError: this.lastError }),
      ...(this.connectedAt !== undefined && { connectedAt: this.connectedAt }),
      ...(this.lastEventAt !== undefined && { lastEventAt: this.lastEventAt }),
      counters: { ...this.counters },
    };
  }

  on(_event: 'status', listener: (status: AmiStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // --- connection lifecycle -------------------------------------------------------------------------------------

  private connect(): void {
    this.cancelReconnect = undefined;
    if (this.stopped) return;
    this.setState('connecting');
    const { host, port } = this.options;
    let socket: Socket;
    try {
      // Messages can only arrive after this function has returned, once `current` exists.
      socket = openTransport(host, port, (message) => this.onMessage(current, message));
    } catch (error) {
      this.lastError = errorMessage(error);
      this.log.error({ err: this.lastError, host, port }, 'AMI connect failed');
      this.setState('disconnected');
      this.scheduleReconnect();
      return;
    }
    const pending = new PendingActions(this.config.actionTimeoutMs, this.config.maxPendingActions);
    const current: Link = {
      socket,
      pending,
      buffer: new EventBuffer(this.config.maxBufferedEvents),
      router: new Router(pending),
      loggedIn: false,
      live: false,
      linkUp: false,
    };
    this.link = current;
    guardSocket(socket, this.config.maxMessageBytes, (error) => this.drop(current, error));
    socket.on('connect', () => this.onTcpConnect(current));
    socket.on('error', (error) => {
      current.socketError = error;
    });
    socket.on('close', () => this.drop(current, current.socketError ?? new Error('connection closed by the peer')));
    // Bounds TCP connect + login together: a black-holed SYN or a peer that never answers the Login must not hang us.
    current.loginDeadline = setTimeout(
      () => this.drop(current, new Error(`not logged in within ${this.config.actionTimeoutMs} ms`)),
      this.config.actionTimeoutMs,
    );
  }

  private onTcpConnect(link: Link): void {
    if (link !== this.link) return;
    this.setState('connected');
    const { username, secret } = this.options;
    this.send(link, 'Login', { Username: username, Secret: secret, Events: 'on' }, false).then(
      () => this.onLoggedIn(link),
      (error: unknown) => this.onLoginFailed(link, error),
    );
  }

  private onLoggedIn(link: Link): void {
    if (link !== this.link) return;
    clearTimeout(link.loginDeadline);
    link.loggedIn = true;
    this.backoff.reset();
    this.connectedAt = this.clock();
    this.lastError = undefined;
    this.log.info({ host: this.options.host, port: this.options.port }, 'AMI logged in');
    this.setState('resyncing');
    this.scheduleKeepalive(link);
    void this.resync(link);
  }

  private onLoginFailed(link: Link, error: unknown): void {
    if (link !== this.link) return;
    if (error instanceof AmiResponseError) {
      const reason = single(error.response, 'message') ?? 'Authentication failed';
      this.log.error({ host: this.options.host, username: this.options.username, reason }, 'AMI login refused');
      this.drop(link, new Error(reason), 'auth-failed');
    } else {
      this.drop(link, asError(error));
    }
  }

  private async resync(link: Link): Promise<void> {
    let lists;
    try {
      lists = await collectResync((name) => this.send(link, name, undefined, true));
    } catch (error) {
      this.drop(link, new Error(`resync failed: ${errorMessage(error)}`));
      return;
    }
    if (link !== this.link) return;
    const at = this.clock();
    link.linkUp = true;
    this.deliver({ type: 'link', at, up: true });
    this.deliver({ type: 'resync', at, lists });
    const buffered = link.buffer.drain();
    for (const input of buffered) this.deliver(input);
    link.live = true;
    this.log.info(
      { queueStatus: lists.queueStatus.length, channels: lists.channels.length, buffered: buffered.length },
      'AMI resync delivered',
    );
    this.setState('live');
  }

  /** Ends a connection once, whoever notices first (close, error, guard, keepalive, deadline, stop). */
  private drop(link: Link, error: Error, state: 'disconnected' | 'auth-failed' = 'disconnected'): void {
    if (link !== this.link) return;
    this.link = undefined;
    clearTimeout(link.loginDeadline);
    clearTimeout(link.keepalive);
    link.socket.destroy();
    const word = this.stopped ? 'stopped' : 'lost';
    link.pending.rejectAll(new AmiUnavailableError(`AMI connection ${word}: ${error.message}`));
    link.buffer.drain();
    if (link.linkUp) this.deliver({ type: 'link', at: this.clock(), up: false });
    if (this.stopped) return;
    this.lastError = error.message;
    if (state === 'disconnected') {
      this.log.warn({ err: error.message }, link.loggedIn ? 'AMI connection lost' : 'AMI connection failed');
    }
    this.setState(state);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.cancelReconnect) return;
    const delayMs = this.backoff.next();
    this.log.info({ delayMs }, 'AMI reconnect scheduled');
    this.cancelReconnect = this.timers.setTimeout(() => {
      this.counters.reconnects += 1;
      this.connect();
    }, delayMs);
  }

  private async shutdown(): Promise<void> {
    this.stopped = true;
    this.cancelReconnect?.();
    this.cancelReconnect = undefined;
    const link = this.link;
    if (link?.loggedIn) {
      const closed = new Promise<void>((resolve) => {
        const grace = setTimeout(resolve, STOP_GRACE_MS);
        link.socket.once('close', () => {
          clearTimeout(grace);
          resolve();
        });
      });
      // A polite Logoff spares Asterisk a "lost connection" log line; the peer closes after its Goodbye.
      link.socket.end(formatAction('Logoff', nextActionId()));
      await closed;
    }
    if (link) this.drop(link, new Error('stop() called'));
    this.setState('stopped');
  }

  // --- keepalive ------------------------------------------------------------------------------------------------

  private scheduleKeepalive(link: Link): void {
    link.keepalive = setTimeout(() => this.ping(link), this.config.keepaliveMs);
  }

  private ping(link: Link): void {
    if (link !== this.link) return;
    this.send(link, 'Ping', undefined, false, this.config.keepaliveTimeoutMs).then(
      () => {
        if (link === this.link) this.scheduleKeepalive(link);
      },
      (error: unknown) => {
        // An error response still proves the peer alive; only silence (timeout) means a dead connection.
        if (error instanceof AmiResponseError) {
          if (link === this.link) this.scheduleKeepalive(link);
          return;
        }
        this.drop(link, new Error(`keepalive: ${errorMessage(error)}`));
      },
    );
  }

  // --- actions --------------------------------------------------------------------------------------------------

  private usableLink(name: string): Link | undefined {
    const link = this.link;
    if (link?.loggedIn) return link;
    this.log.debug({ action: name, state: this.state }, 'AMI action refused: not connected');
    return undefined;
  }

  private unavailable(name: string): Promise<never> {
    return Promise.reject(new AmiUnavailableError(`${name}: not connected to AMI (${this.state})`));
  }

  private send(link: Link, name: string, fields: Fields, list: true, timeoutMs?: number): Promise<ListResult>;
  private send(link: Link, name: string, fields: Fields, list: false, timeoutMs?: number): Promise<AmiFields>;
  private send(
    link: Link,
    name: string,
    fields: Fields,
    list: boolean,
    timeoutMs?: number,
  ): Promise<AmiFields | ListResult> {
    const id = nextActionId();
    let text: string;
    try {
      text = formatAction(name, id, fields);
    } catch (error) {
      return Promise.reject(asError(error));
    }
    const answer = list ? link.pending.add(id, name, true, timeoutMs) : link.pending.add(id, name, false, timeoutMs);
    link.socket.write(text);
    return answer;
  }

  // --- incoming messages ----------------------------------------------------------------------------------------

  /** Called synchronously by the parser for every message; must never throw into the socket's data handler. */
  private onMessage(link: Link, message: RawMessage): void {
    // The parser finishes the chunk it is in even after the connection was dropped: ignore what comes after.
    if (link !== this.link) return;
    try {
      this.dispatch(link, message);
    } catch (error) {
      this.ignore('dispatch failed', error);
    }
  }

  private dispatch(link: Link, message: RawMessage): void {
    const fields = toFields(message);
    if (!fields) return this.ignore('malformed message');
    const route = link.router.route(fields);
    if (route.to === 'nobody') return this.ignore(route.reason);
    if (route.to === 'action') return;
    const receivedAt = this.clock();
    this.lastEventAt = receivedAt;
    const input: DomainInput = { type: 'event', at: timestampMs(fields, receivedAt) ?? receivedAt, fields };
    if (link.live) this.deliver(input);
    else if (!link.buffer.push(input)) {
      this.drop(link, new Error(`more than ${this.config.maxBufferedEvents} events arrived during the resync`));
    }
  }

  private deliver(input: DomainInput): void {
    if (input.type === 'event') this.counters.events += 1;
    try {
      this.consumer(input);
    } catch (error) {
      // A bug downstream must not cost us the connection; it is loud in the log instead.
      this.log.error({ err: errorMessage(error), input: input.type }, 'AMI consumer threw');
    }
  }

  private ignore(reason: string, error?: unknown): void {
    this.counters.ignored += 1;
    if (this.log.isLevelEnabled('debug')) {
      this.log.debug({ reason, ...(error !== undefined && { err: errorMessage(error) }) }, 'AMI message ignored');
    }
  }

  private setState(state: AmiState): void {
    if (state === this.state) return;
    this.state = state;
    const status = this.status();
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch (error) {
        this.log.error({ err: errorMessage(error) }, 'AMI status listener threw');
      }
    }
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function errorMessage(error: unknown): string {
  return asError(error).message;
}
