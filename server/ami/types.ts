import type { AmiFields, DomainInput } from '../domain/input.ts';
import type { Logger } from '../log.ts';
import type { Timers } from '../timers.ts';

export type AmiState = 'connecting' | 'connected' | 'resyncing' | 'live' | 'disconnected' | 'auth-failed' | 'stopped';

export interface AmiStatus {
  /**
   * `connecting`: TCP connect in progress; `connected`: TCP up, logging in; `resyncing`: logged in, collecting the
   * resync lists (events are buffered); `live`: events flow to the consumer; `disconnected`: waiting to reconnect;
   * `auth-failed`: the last login was refused (retried with back-off); `stopped`: stop() was called (or never started).
   */
  readonly state: AmiState;
  /** Why the last connection ended or failed; cleared by the next successful login. */
  readonly lastError?: string;
  /** Epoch ms of the last successful login. */
  readonly connectedAt?: number;
  /** Epoch ms (clock) of the last event received. */
  readonly lastEventAt?: number;
  readonly counters: {
    /** Events delivered to the consumer (list items are not events). */
    readonly events: number;
    /** Messages received and dropped: responses and list items nobody waits for, malformed messages. */
    readonly ignored: number;
    /** Connection attempts after the first one. */
    readonly reconnects: number;
  };
}

/** Values of an action's headers; an array repeats the header (e.g. several `Variable:` lines). */
export type ActionValue = string | number | boolean | readonly string[];
export type ActionFields = Readonly<Record<string, ActionValue | undefined>>;

/** A list action's answer: the response that announced the list, its item events in order, the `...Complete` event. */
export interface ListResult {
  readonly response: AmiFields;
  readonly items: readonly AmiFields[];
  readonly complete: AmiFields;
}

export interface AmiConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly secret: string;
  /** Ping interval while logged in (default 10 s). */
  readonly keepaliveMs?: number;
  /** A Ping unanswered for this long means the connection is dead (default 5 s). */
  readonly keepaliveTimeoutMs?: number;
  /** An action unanswered (a list: no item) for this long is rejected; also bounds TCP connect + login (default 10 s). */
  readonly actionTimeoutMs?: number;
  /** Reconnect back-off bounds (default 500 ms → 5 s). */
  readonly reconnect?: { readonly minMs: number; readonly maxMs: number };
  /** Longest run of input without a message boundary before the peer is dropped (default 1 MiB). */
  readonly maxMessageBytes?: number;
  /** Events buffered while a resync runs; more drops the connection and resyncs again (default 50,000). */
  readonly maxBufferedEvents?: number;
  /** Actions awaiting an answer at once; more are rejected (default 1,000). */
  readonly maxPendingActions?: number;
  /** Receive time of events without a `Timestamp:` header (default Date.now). */
  readonly clock?: () => number;
  /** The reconnect delays' timers (default: the process's). */
  readonly timers?: Timers;
  readonly logger?: Logger;
}

export interface AmiConnection {
  /** Connects, and keeps reconnecting until stop(). Calling it again does nothing. */
  start(): void;
  /** Logs off if possible, closes the connection, cancels timers and rejects pending actions. */
  stop(): Promise<void>;
  /**
   * Sends a non-list action once logged in (resyncing or live); resolves with its response, rejects on
   * `Response: Error`, timeout, disconnect, or when not logged in. Nothing is queued while disconnected.
   */
  action(name: string, fields?: ActionFields): Promise<AmiFields>;
  /** Sends a list action (same rules) and collects its item events until the `...Complete` event. */
  listAction(name: string, fields?: ActionFields): Promise<ListResult>;
  status(): AmiStatus;
  /** Calls the listener on every status change; returns a function that removes it. */
  on(event: 'status', listener: (status: AmiStatus) => void): () => void;
}

export type AmiConsumer = (input: DomainInput) => void;

/** `Response: Error` to an action (e.g. `Authentication failed`); `response` is the whole message. */
export class AmiResponseError extends Error {
  constructor(
    readonly action: string,
    readonly response: AmiFields,
  ) {
    const message = response.message;
    super(`${action}: ${typeof message === 'string' && message !== '' ? message : 'error response'}`);
    this.name = 'AmiResponseError';
  }
}

/** The action could not be sent or was lost: not connected, connection dropped, timed out, too many pending. */
export class AmiUnavailableError extends Error {
  override name = 'AmiUnavailableError';
}
