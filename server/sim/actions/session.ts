/** Session actions: Login, Logoff, Ping, Events. */
import { event, type EventClass } from '../events.ts';
import type { Fields } from '../framing.ts';
import { type ActionContext, type ActionHandler, isTrue, message } from './context.ts';

const CLASSES: readonly EventClass[] = ['call', 'agent', 'dialplan', 'system', 'security', 'dtmf'];

/** `Events:` / `EventMask:` values: on / off, or a comma list of classes (`call,agent`). */
function parseEventMask(value: string): ReadonlySet<EventClass> | 'all' {
  const v = value.trim().toLowerCase();
  if (isTrue(v) || v === 'all') return 'all';
  const wanted = v.split(',').map((s) => s.trim());
  if (wanted.includes('all')) return 'all';
  return new Set(CLASSES.filter((c) => wanted.includes(c)));
}

/** Whether a session with this event mask gets events of class `cls`. */
export function receives(events: ReadonlySet<EventClass> | 'all', cls: EventClass): boolean {
  return events === 'all' || events.has(cls);
}

/** Date as Asterisk's security events write it: `2026-11-28T05:14:40.586+0000`. */
function eventTv(ms: number): string {
  return `${new Date(ms).toISOString().replace('Z', '')}+0000`;
}

const login: ActionHandler = (ctx) => {
  const { session, credentials } = ctx;
  if (session.authenticated) return ctx.respond('Success', message('Already authenticated'));
  const username = ctx.msg.get('Username');
  if (username.toLowerCase() !== credentials.username.toLowerCase() || ctx.msg.get('Secret') !== credentials.secret) {
    ctx.respond('Error', message('Authentication failed'));
    return ctx.close();
  }
  session.authenticated = true;
  session.username = username;
  const events = ctx.msg.get('Events');
  if (events) session.events = parseEventMask(events);
  ctx.respond('Success', message('Authentication accepted'));
  const sim = ctx.center.sim;
  const now = sim.sched.now();
  if (receives(session.events, 'system')) {
    const uptime = String(Math.floor((now - sim.startedAt) / 1000));
    ctx.send([
      ['Event', 'FullyBooted'],
      ['Privilege', 'system,all'],
      ['Uptime', uptime],
      ['LastReload', uptime],
      ['Status', 'Fully Booted'],
    ]);
  }
  sim.hub.emit(successfulAuth(ctx, now));
};

function successfulAuth(ctx: ActionContext, now: number): ReturnType<typeof event> {
  const { session } = ctx;
  const fields: Fields = [
    ['EventTV', eventTv(now)],
    ['Severity', 'Informational'],
    ['Service', 'AMI'],
    ['EventVersion', '1'],
    ['AccountID', session.username],
    ['SessionID', `0x${(0x55a0_0000_0000 + session.id * 0x1000).toString(16)}`],
    ['LocalAddress', session.localAddress],
    ['RemoteAddress', session.remoteAddress],
    ['UsingPassword', '0'],
    ['SessionTV', eventTv(session.startedAt)],
  ];
  return event('SuccessfulAuth', 'security', fields);
}

const logoff: ActionHandler = (ctx) => {
  ctx.respond('Goodbye', message('Thanks for all the fish.'));
  ctx.close();
};

const ping: ActionHandler = (ctx) => {
  const now = ctx.center.sim.sched.now();
  ctx.respond('Success', [
    ['Ping', 'Pong'],
    ['Timestamp', (now / 1000).toFixed(6)],
  ]);
};

const events: ActionHandler = (ctx) => {
  ctx.session.events = parseEventMask(ctx.msg.get('EventMask'));
  ctx.respond('Success', [['Events', ctx.session.events === 'all' || ctx.session.events.size > 0 ? 'On' : 'Off']]);
};

export const sessionActions: Record<string, ActionHandler> = { login, logoff, ping, events };
