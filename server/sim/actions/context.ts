import type { EventClass } from '../events.ts';
import type { CallCenter } from '../model/center.ts';
import type { ActionMessage, Fields } from '../framing.ts';

/** What an action handler sees: the request, its session, the PBX, and how to answer. */
export interface ActionContext {
  msg: ActionMessage;
  session: SessionState;
  center: CallCenter;
  credentials: { username: string; secret: string };
  /** Writes one message to this session only (responses, list events). */
  send(fields: Fields): void;
  /** Writes `Response: <kind>` + `ActionID` (when the action had one) + `rest`. */
  respond(kind: 'Success' | 'Error' | 'Goodbye', rest?: Fields): void;
  /** Closes the connection once everything written so far is sent. */
  close(): void;
}

export interface SessionState {
  id: number;
  authenticated: boolean;
  username: string;
  /** Event classes this session receives; `Events: on` = all, `off` = none. */
  events: ReadonlySet<EventClass> | 'all';
  localAddress: string;
  remoteAddress: string;
  startedAt: number;
}

export type ActionHandler = (ctx: ActionContext) => void;

export function message(text: string): Fields {
  return [['Message', text]];
}

/** The `ActionID` line list events carry (absent when the action had none). */
export function actionIdField(ctx: ActionContext): Fields {
  const id = ctx.msg.get('ActionID');
  return id ? [['ActionID', id]] : [];
}

/** Asterisk's reading of a boolean header (ast_true). */
export function isTrue(value: string): boolean {
  return /^(yes|true|y|t|1|on)$/i.test(value.trim());
}
