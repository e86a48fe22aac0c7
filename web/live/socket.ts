import { io, type Socket } from 'socket.io-client';
import { NOT_ADMITTED, type RevokedView } from '../../server/contract/accounts.ts';
import { m } from '../../server/contract/messages/messages.js';
import type { AlertsView } from '../../server/contract/alerts.ts';
import type { BoardDelta, BoardSnapshot } from '../../server/contract/board.ts';
import type { AbandonedCallersView, AbandonedCallersWatch, CallbackView } from '../../server/contract/callbacks.ts';
import type { ChatContacts, ChatHistoryRequest, ChatMessage, ChatPage, ChatSend } from '../../server/contract/chat.ts';
import type { ClientEvents, ServerEvents } from '../../server/contract/events.ts';
import type {
  AgentActionEntry,
  AgentActionRights,
  AgentAdd,
  AgentPause,
  AgentRemove,
  AgentUnpause,
} from '../../server/contract/agent-actions.ts';
import type { MonitorMode, MonitorSessionView, MonitorStart, MonitorStatus } from '../../server/contract/monitoring.ts';
import type { Layout, LayoutListChange } from '../../server/contract/layout.ts';
import type { Result } from '../../server/contract/result.ts';
import type { StatsInterval, StatsResponse } from '../../server/contract/stats.ts';
import { backoffDelay } from './backoff.ts';

/** The one Socket.IO client of the web app, typed by the shared contract. */
export type BoardSocket = Socket<ServerEvents, ClientEvents>;

/** What the board needs from its connection; the board's tests drive it without a socket. */
export interface BoardConnection {
  onConnect(handler: () => void): void;
  onDisconnect(handler: () => void): void;
  onSnapshot(handler: (snapshot: BoardSnapshot) => void): void;
  onDelta(handler: (delta: BoardDelta) => void): void;
  /** Rejects when the server does not answer in time. */
  requestSnapshot(): Promise<Result<BoardSnapshot>>;
  close(): void;
}

/** A connection's (re)connects, for a screen that asks for what it follows when it opens and again on each connect. */
export interface Reconnects {
  /** Whether the socket is up now: if not, what a screen asks for is asked on the connect, not twice. */
  readonly connected: boolean;
  /** Called on every (re)connect, when what the screen watches must be asked for again; returns an unsubscribe. */
  onConnected(handler: () => void): () => void;
}

/** What a layout on screen needs: the layout followed live. */
export interface LayoutConnection extends Reconnects {
  watchLayout(id: string): Promise<Result<Layout>>;
  onLayoutSaved(handler: (layout: Layout) => void): () => void;
  onLayoutDeleted(handler: (deleted: { id: string }) => void): () => void;
}

/** What "Open layout" needs: the list of layouts followed live. */
export interface LayoutListConnection extends Reconnects {
  watchLayouts(): Promise<Result<null>>;
  onLayoutsChanged(handler: (change: LayoutListChange) => void): () => void;
}

/** What the call list needs: to hear of each new recording of a call the user sees. */
export interface CallsConnection extends Reconnects {
  watchCalls(): Promise<Result<null>>;
  onRecordingSaved(handler: (saved: { callId: string; queue: string }) => void): () => void;
}

/** What the statistics of a screen need: one window followed live. */
export interface StatsConnection {
  onConnected(handler: () => void): () => void;
  watchStats(since: string, queues?: string[], interval?: StatsInterval): Promise<Result<StatsResponse>>;
  onStatsUpdated(handler: (stats: StatsResponse) => void): () => void;
}

/** What the chat panel needs: the commands, and the messages posted to this user live. */
export interface ChatConnection {
  onConnected(handler: () => void): () => void;
  sendChat(send: ChatSend): Promise<Result<ChatMessage>>;
  chatHistory(request: ChatHistoryRequest): Promise<Result<ChatPage>>;
  chatContacts(): Promise<Result<ChatContacts>>;
  onChatPosted(handler: (message: ChatMessage) => void): () => void;
}

/** What call monitoring needs: this user's status and session, the commands, and the session's facts live. */
export interface MonitorConnection {
  onConnected(handler: () => void): () => void;
  monitorStatus(): Promise<Result<MonitorStatus>>;
  startMonitor(start: MonitorStart): Promise<Result<MonitorSessionView>>;
  monitorMode(mode: MonitorMode): Promise<Result<MonitorSessionView>>;
  stopMonitor(): Promise<Result<MonitorSessionView>>;
  /** Administrators: the live sessions they may see, and from then on monitor:updated for each of them. */
  watchMonitoring(): Promise<Result<MonitorSessionView[]>>;
  onMonitorUpdated(handler: (session: MonitorSessionView) => void): () => void;
}

/** What acting on agents needs: this user's rights and the commands (the board follows Asterisk's events). */
export interface AgentActionConnection {
  onConnected(handler: () => void): () => void;
  agentRights(): Promise<Result<AgentActionRights>>;
  pauseAgent(pause: AgentPause): Promise<Result<AgentActionEntry>>;
  unpauseAgent(unpause: AgentUnpause): Promise<Result<AgentActionEntry>>;
  addAgent(add: AgentAdd): Promise<Result<AgentActionEntry>>;
  removeAgent(remove: AgentRemove): Promise<Result<AgentActionEntry>>;
}

/** What the list of abandoned callers needs: the list followed live, and Call back. */
export interface CallersConnection extends Reconnects {
  watchCallers(): Promise<Result<AbandonedCallersWatch>>;
  onCallersUpdated(handler: (callers: AbandonedCallersView) => void): () => void;
  callBack(id: string): Promise<Result<CallbackView>>;
}

/** What the alert banner needs: the alerts raised now, followed live. */
export interface AlertsConnection extends Reconnects {
  watchAlerts(): Promise<Result<AlertsView>>;
  onAlertsUpdated(handler: (alerts: AlertsView) => void): () => void;
}

/** The whole connection of a screen. */
export interface Connection
  extends
    BoardConnection,
    LayoutConnection,
    LayoutListConnection,
    CallsConnection,
    StatsConnection,
    ChatConnection,
    MonitorConnection,
    AgentActionConnection,
    CallersConnection,
    AlertsConnection {
  /** The server refused or ended this session or kiosk link, now or before the call: retrying will not help. */
  onDenied(handler: (revoked: RevokedView) => void): void;
}

export interface ConnectOptions {
  /** A wall TV's kiosk token; without it the session cookie identifies the browser. */
  kiosk?: string;
}

/** Long enough for a snapshot of a large center over a slow link, short enough that a lost answer is retried soon. */
const ANSWER_TIMEOUT_MS = 10_000;

/**
 * Connects to the server the page came from. A wall screen runs unattended for weeks, so it reconnects forever, backing
 * off from 1 s to 30 s with jitter so that a restarted server is not hit by every screen at the same instant; only a
 * refusal of its session or link stops it.
 */
export function connectBoard(options: ConnectOptions = {}): Connection {
  const socket: BoardSocket = io({
    // A WebSocket at once, without the long-polling handshake and upgrade first: the board's snapshot arrives a few
    // round trips sooner. Where a proxy refuses WebSockets, long-polling is tried next.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnection: true,
    reconnectionAttempts: Infinity,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 30_000,
    randomizationFactor: 0.5,
    ...(options.kiosk !== undefined && { auth: { kiosk: options.kiosk } }),
  });
  let retry: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let denial: RevokedView | null = null;
  let closed = false;
  const deniedHandlers: ((revoked: RevokedView) => void)[] = [];
  const deny = (revoked: RevokedView): void => {
    if (denial) return;
    denial = revoked;
    clearTimeout(retry);
    for (const handler of deniedHandlers) handler(revoked);
  };
  // Socket.IO does not retry after the server closed the socket or refused it at the door; a wall screen must.
  const retryLater = (): void => {
    if (denial || closed) return;
    clearTimeout(retry);
    retry = setTimeout(() => socket.connect(), backoffDelay(attempt++));
  };
  socket.on('connect', () => {
    attempt = 0;
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') retryLater();
  });
  socket.on('connect_error', (error) => {
    if (socket.active) return;
    if (error.message === NOT_ADMITTED) deny({ reason: m.shell_not_admitted() });
    else retryLater();
  });
  socket.on('session:revoked', deny);
  const listen = <E extends keyof ServerEvents>(event: E, handler: ServerEvents[E]): (() => void) => {
    // socket.io-client cannot type on/off over a generic event name; the signature above pairs them.
    const target = socket as unknown as { on(e: E, h: ServerEvents[E]): void; off(e: E, h: ServerEvents[E]): void };
    target.on(event, handler);
    return () => target.off(event, handler);
  };
  return {
    get connected() {
      return socket.connected;
    },
    onConnect: (handler) => socket.on('connect', handler),
    onConnected: (handler) => {
      socket.on('connect', handler);
      return () => socket.off('connect', handler);
    },
    onDisconnect: (handler) => socket.on('disconnect', () => handler()),
    onSnapshot: (handler) => socket.on('board:snapshotted', handler),
    onDelta: (handler) => socket.on('board:changed', handler),
    // A screen that starts listening after the refusal (the socket opens before the screen) still hears of it.
    onDenied: (handler) => {
      if (denial) handler(denial);
      else deniedHandlers.push(handler);
    },
    requestSnapshot: () => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('board:snapshot'),
    watchLayout: (id) => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('layout:watch', { id }),
    onLayoutSaved: (handler) => listen('layout:saved', handler),
    onLayoutDeleted: (handler) => listen('layout:deleted', handler),
    watchLayouts: () => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('layouts:watch'),
    onLayoutsChanged: (handler) => listen('layouts:changed', handler),
    watchCalls: () => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('calls:watch'),
    onRecordingSaved: (handler) => listen('recording:saved', handler),
    watchStats: (since, queues, interval) =>
      socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('stats:watch', {
        since,
        ...(queues && queues.length > 0 && { queues }),
        ...(interval && { interval }),
      }),
    onStatsUpdated: (handler) => listen('stats:updated', handler),
    sendChat: (send) => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('chat:send', send),
    chatHistory: (request) => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('chat:history', request),
    chatContacts: () => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('chat:contacts'),
    onChatPosted: (handler) => listen('chat:posted', handler),
    monitorStatus: () => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('monitor:status'),
    startMonitor: (start) => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('monitor:start', start),
    monitorMode: (mode) => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('monitor:mode', { mode }),
    stopMonitor: () => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('monitor:stop'),
    watchMonitoring: () => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('monitor:watch'),
    onMonitorUpdated: (handler) => listen('monitor:updated', handler),
    agentRights: () => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('agent:rights'),
    pauseAgent: (pause) => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('agent:pause', pause),
    unpauseAgent: (unpause) => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('agent:unpause', unpause),
    addAgent: (add) => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('agent:add', add),
    removeAgent: (remove) => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('agent:remove', remove),
    watchCallers: () => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('callers:watch'),
    onCallersUpdated: (handler) => listen('callers:updated', handler),
    callBack: (id) => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('callback:start', { id }),
    watchAlerts: () => socket.timeout(ANSWER_TIMEOUT_MS).emitWithAck('alerts:watch'),
    onAlertsUpdated: (handler) => listen('alerts:updated', handler),
    close: () => {
      closed = true;
      clearTimeout(retry);
      socket.disconnect();
    },
  };
}
