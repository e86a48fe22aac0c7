import type { RevokedView } from './accounts.ts';
import type { AlertsView } from './alerts.ts';
import type { BoardDelta, BoardSnapshot } from './board.ts';
import type { AbandonedCallersView, AbandonedCallersWatch, CallbackStart, CallbackView } from './callbacks.ts';
import type { ChatContacts, ChatHistoryRequest, ChatMessage, ChatPage, ChatSend } from './chat.ts';
import type { Layout, LayoutListChange } from './layout.ts';
import type {
  AgentActionEntry,
  AgentActionRights,
  AgentAdd,
  AgentPause,
  AgentRemove,
  AgentUnpause,
} from './agent-actions.ts';
import type { MonitorMode, MonitorSessionView, MonitorStart, MonitorStatus } from './monitoring.ts';
import type { Result } from './result.ts';
import type { StatsInterval, StatsResponse } from './stats.ts';

/**
 * Socket.IO events, defined once for server and browser. Facts the server announces are past tense; commands a
 * client sends are present tense and answered through an acknowledgement with a Result.
 */
export interface ServerEvents {
  /** The whole board: sent on every (re)connect and when a client asks after a gap. */
  'board:snapshotted': (snapshot: BoardSnapshot) => void;
  /** What changed since the previous seq, coalesced. */
  'board:changed': (delta: BoardDelta) => void;
  /** The socket's session or kiosk link was revoked or has expired: the server closes the socket right after. */
  'session:revoked': (revoked: RevokedView) => void;
  /**
   * A layout the socket watches was saved (to the sockets in its room only). The same revision may also arrive as the
   * ack of layout:watch: a screen keeps whichever layout has the higher revision.
   */
  'layout:saved': (layout: Layout) => void;
  /** A layout the socket watches was deleted; the screen stops showing it. */
  'layout:deleted': (deleted: { id: string }) => void;
  /** A layout was created, saved or deleted: sent to the sockets that follow the list (layouts:watch). */
  'layouts:changed': (change: LayoutListChange) => void;
  /** New figures for the statistics window the socket watches (after the calls that changed them were counted). */
  'stats:updated': (stats: StatsResponse) => void;
  /** A chat message was stored: sent to the sockets of its sender and of its recipients only, on every process. */
  'chat:posted': (message: ChatMessage) => void;
  /**
   * A monitoring session started, changed state or mode, or ended: sent to its supervisor's sockets and to the
   * sockets of administrators who watch the live list (monitor:watch) and see the agent.
   */
  'monitor:updated': (session: MonitorSessionView) => void;
  /** Today's abandoned callers changed (one left or came, a callback started or ended): to the sockets that watch them. */
  'callers:updated': (callers: AbandonedCallersView) => void;
  /**
   * A call's recording became an MP3: sent to the sockets that follow the call list (calls:watch) and see its queue.
   * It names the call only; the list is asked for again, and the server says what the user may hear.
   */
  'recording:saved': (saved: { callId: string; queue: string }) => void;
  /** An alert was raised or cleared: the alerts raised now, to the sockets that follow them (alerts:watch). */
  'alerts:updated': (alerts: AlertsView) => void;
}

export interface ClientEvents {
  /** Ask for a fresh snapshot (after a gap in seq). */
  'board:snapshot': (ack: (result: Result<BoardSnapshot>) => void) => void;
  /**
   * Show this layout: answered with the layout as it is now, then layout:saved / layout:deleted follow it live. A
   * socket watches one layout at a time; watching another stops the previous one.
   */
  'layout:watch': (watch: { id: string }, ack: (result: Result<Layout>) => void) => void;
  /** Follow the list of layouts ("Open layout"): layouts:changed follows every change. Refused to kiosk links. */
  'layouts:watch': (ack: (result: Result<null>) => void) => void;
  /**
   * Follow the statistics of a window: `since` as GET /api/stats takes it (`today`, `shift`, `15m`, `1h`, `4h`, `24h` or
   * an ISO date-time), optionally for some queues only, and with `interval` a series per interval. Answered with the
   * figures now, then stats:updated follows. A socket watches one window at a time; watching another replaces it.
   */
  'stats:watch': (
    watch: { since: string; queues?: string[]; interval?: StatsInterval },
    ack: (result: Result<StatsResponse>) => void,
  ) => void;
  /** Send a chat message to a user or a team's room; answered with the message as stored (chat:posted follows). */
  'chat:send': (send: ChatSend, ack: (result: Result<ChatMessage>) => void) => void;
  /** A page of one conversation, newest first, older than `before` when given (default 50, at most 100). */
  'chat:history': (request: ChatHistoryRequest, ack: (result: Result<ChatPage>) => void) => void;
  /** Whom this user may chat with now. */
  'chat:contacts': (ack: (result: Result<ChatContacts>) => void) => void;
  /** Whether this user may monitor calls, and their running session. */
  'monitor:status': (ack: (result: Result<MonitorStatus>) => void) => void;
  /**
   * Monitor an agent's connected call: the user's phone rings and listens, whispers or barges in. One session per
   * user: a second start while one runs is refused ("stop it first").
   */
  'monitor:start': (start: MonitorStart, ack: (result: Result<MonitorSessionView>) => void) => void;
  /** Switch the running session's mode (monitor:updated follows once Asterisk has it). */
  'monitor:mode': (change: { mode: MonitorMode }, ack: (result: Result<MonitorSessionView>) => void) => void;
  /** Stop the running session: the user's phone is hung up. */
  'monitor:stop': (ack: (result: Result<MonitorSessionView>) => void) => void;
  /** Owner and administrators: the live sessions they may see, then monitor:updated for each change. */
  'monitor:watch': (ack: (result: Result<MonitorSessionView[]>) => void) => void;
  /** Owner and administrators: end someone's live session. */
  'monitor:end': (end: { id: string }, ack: (result: Result<MonitorSessionView>) => void) => void;
  /** The pause reasons, and whether this user may pause themselves and act on others. */
  'agent:rights': (ack: (result: Result<AgentActionRights>) => void) => void;
  /**
   * Pause an agent in one queue or all, with a reason: answered once Asterisk took it (the board follows its
   * QueueMemberPause); unpause, add to and remove from a queue likewise. Each is decided, sent and logged on the server.
   */
  'agent:pause': (pause: AgentPause, ack: (result: Result<AgentActionEntry>) => void) => void;
  'agent:unpause': (unpause: AgentUnpause, ack: (result: Result<AgentActionEntry>) => void) => void;
  'agent:add': (add: AgentAdd, ack: (result: Result<AgentActionEntry>) => void) => void;
  'agent:remove': (remove: AgentRemove, ack: (result: Result<AgentActionEntry>) => void) => void;
  /** Today's abandoned callers as this user may see them, then callers:updated for each change. */
  'callers:watch': (ack: (result: Result<AbandonedCallersWatch>) => void) => void;
  /**
   * Call an abandoned caller back: the user's phone rings, then dials the caller. Refused while someone else is calling
   * the same number; callers:updated shows who calls and how it ended.
   */
  'callback:start': (start: CallbackStart, ack: (result: Result<CallbackView>) => void) => void;
  /** Follow the call list (the Calls screen): recording:saved follows each new recording. Refused to kiosk links. */
  'calls:watch': (ack: (result: Result<null>) => void) => void;
  /** The alerts raised now as this screen may see them (its banner), then alerts:updated for each raise and clear. */
  'alerts:watch': (ack: (result: Result<AlertsView>) => void) => void;
}
