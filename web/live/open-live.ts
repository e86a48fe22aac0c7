import { AgentActions } from './agent-actions.svelte.ts';
import { LiveAlerts } from './alerts.svelte.ts';
import { Board } from './board.svelte.ts';
import { AbandonedCallers } from './callers.svelte.ts';
import { Chat } from './chat.svelte.ts';
import { LiveStats } from './stats.svelte.ts';
import { Monitor } from './monitor.svelte.ts';
import { connectBoard, type Connection } from './socket.ts';

/** What a logged-in workspace follows over its one socket. */
export interface Live {
  readonly connection: Connection;
  readonly board: Board;
  readonly stats: LiveStats;
  readonly chat: Chat;
  readonly monitor: Monitor;
  readonly agentActions: AgentActions;
  readonly callers: AbandonedCallers;
  readonly alerts: LiveAlerts;
  close(): void;
}

/**
 * Opens the socket with its readers in one go: the server sends the board's snapshot as soon as it admits the socket,
 * so the board must be listening before anything can arrive. `me`: the logged-in user's id, once known.
 */
export function openLive(me: () => string): Live {
  const connection = connectBoard();
  const board = new Board(connection);
  const stats = new LiveStats(connection);
  const chat = new Chat(connection, me);
  const monitor = new Monitor(connection, me);
  const agentActions = new AgentActions(connection);
  const callers = new AbandonedCallers(connection);
  const alerts = new LiveAlerts(connection);
  return {
    connection,
    board,
    stats,
    chat,
    monitor,
    agentActions,
    callers,
    alerts,
    close: () => {
      alerts.close();
      agentActions.close();
      callers.close();
      monitor.close();
      stats.close();
      chat.close();
      board.close();
    },
  };
}
