import type { MonitorMode, MonitorSessionView } from '../../server/contract/monitoring.ts';
import { monitorWords } from '../../server/contract/monitor-words.ts';
import type { Result } from '../../server/contract/result.ts';
import { unanswered } from './unanswered.ts';
import { SvelteMap } from 'svelte/reactivity';
import type { MonitorConnection, Reconnects } from './socket.ts';
import { offered } from './offered.ts';

/**
 * Call monitoring as this user sees it: whether the board offers it to them, their running session, and the last
 * refusal or ending to read. The server decides everything ("Denied", "Call not yet established", …): this sends the
 * clicks and shows its answers; `monitor:updated` moves the session along.
 */
export class Monitor {
  /** Whether the server offers monitoring to this user at all (allowed to monitor someone, with the switch on). */
  allowed = $state(false);
  /** The agents the rules let this user monitor: the buttons show beside these only. */
  agents = $state.raw<readonly string[]>([]);
  session = $state.raw<MonitorSessionView | null>(null);
  /**
   * The server's refusal or the session's end, word for word: a refused Listen/Whisper/Barge names its agent (shown
   * beside the buttons); the rest (a mode switch, Stop, an ending) has none (shown in the session bar).
   */
  message = $state.raw<{ agent: string | null; text: string } | null>(null);
  busy = $state(false);
  readonly #connection: MonitorConnection;
  readonly #me: () => string;
  readonly #stop: (() => void)[] = [];

  /** `me`: the logged-in user's id; only their own sessions are followed here. */
  constructor(connection: MonitorConnection, me: () => string) {
    this.#connection = connection;
    this.#me = me;
    this.#stop.push(
      connection.onConnected(() => void this.refresh()),
      connection.onMonitorUpdated((session) => this.#updated(session)),
    );
  }

  async refresh(): Promise<void> {
    const answer = await this.#connection.monitorStatus().catch(unanswered);
    if (!answer.ok) return;
    this.allowed = answer.data.allowed;
    this.agents = answer.data.agents;
    this.session = answer.data.session;
  }

  /** Whether the board offers Listen / Whisper / Barge beside this agent (when on a connected call). */
  offers(agent: string): boolean {
    return this.allowed && this.agents.includes(agent);
  }

  start(agent: string, mode: MonitorMode): Promise<void> {
    return this.#ask(agent, () => this.#connection.startMonitor({ agent, mode }));
  }

  /** Switches the running session; the bar shows the new mode once Asterisk has it (monitor:updated). */
  mode(mode: MonitorMode): Promise<void> {
    return this.#ask(null, () => this.#connection.monitorMode(mode));
  }

  stop(): Promise<void> {
    return this.#ask(null, () => this.#connection.stopMonitor());
  }

  dismiss(): void {
    this.message = null;
  }

  close(): void {
    for (const stop of this.#stop) stop();
  }

  async #ask(agent: string | null, send: () => Promise<Result<MonitorSessionView>>): Promise<void> {
    this.busy = true;
    this.message = null;
    const answer = await send().catch(unanswered);
    this.busy = false;
    if (answer.ok) this.#updated(answer.data);
    else this.message = { agent, text: monitorWords(answer.error) };
  }

  #updated(session: MonitorSessionView): void {
    if (session.supervisor !== this.#me()) return;
    if (session.endedAt === null) {
      // An answer may arrive after a newer fact about the same session: keep the newer one.
      if (!this.session || this.session.id !== session.id || !isOlder(session, this.session)) this.session = session;
      return;
    }
    if (this.session && this.session.id !== session.id) return;
    this.session = null;
    if (session.endMessage) this.message = { agent: null, text: monitorWords(session.endMessage) };
  }
}

/**
 * The sessions running now as an administrator sees them, live: asked for on every connect (monitor:watch), then kept
 * by `monitor:updated`. `onended` hears of each session that ends (the history has a new line).
 */
export class LiveSessions {
  readonly sessions = new SvelteMap<string, MonitorSessionView>();
  error = $state<string | null>(null);
  readonly #connection: MonitorConnection;
  readonly #stop: (() => void)[] = [];
  readonly #onended: () => void;

  constructor(connection: MonitorConnection & Reconnects, onended: () => void) {
    this.#connection = connection;
    this.#onended = onended;
    this.#stop.push(
      connection.onConnected(() => void this.#watch()),
      connection.onMonitorUpdated((session) => this.#updated(session)),
    );
    if (connection.connected) void this.#watch();
  }

  get list(): MonitorSessionView[] {
    return [...this.sessions.values()].sort((a, b) => a.startedAt - b.startedAt);
  }

  close(): void {
    for (const stop of this.#stop) stop();
  }

  async #watch(): Promise<void> {
    const answer = await this.#connection.watchMonitoring().catch(unanswered);
    if (!answer.ok) {
      this.error = monitorWords(answer.error);
      return;
    }
    this.error = null;
    this.sessions.clear();
    for (const session of answer.data) this.sessions.set(session.id, session);
  }

  #updated(session: MonitorSessionView): void {
    const known = this.sessions.get(session.id);
    if (session.endedAt !== null) {
      this.sessions.delete(session.id);
      this.#onended();
    } else if (!known || !isOlder(session, known)) {
      this.sessions.set(session.id, session);
    }
  }
}

const STATE_ORDER: readonly MonitorSessionView['state'][] = ['ringing', 'waiting', 'active', 'ended'];

/** Whether `a` is an earlier picture of the session `b` shows: fewer mode changes, or as many and an earlier state. */
function isOlder(a: MonitorSessionView, b: MonitorSessionView): boolean {
  if (a.changes.length !== b.changes.length) return a.changes.length < b.changes.length;
  return STATE_ORDER.indexOf(a.state) < STATE_ORDER.indexOf(b.state);
}

const context = offered<Monitor>('monitor');

/** The workspace offers monitoring to the widgets under it; a kiosk sets none, so its widgets show no controls. */
export const provideMonitor = context.provide;
export const monitorOf = context.find;
