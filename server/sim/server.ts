/** The AMI TCP server: banner, sessions, action dispatch, events to every logged-in session that wants them. */
import net from 'node:net';
import { logger } from '../log.ts';
import { ACTIONS, UNAUTHENTICATED_ACTIONS } from './actions/index.ts';
import type { ActionContext, SessionState } from './actions/context.ts';
import { receives } from './actions/session.ts';
import type { SimEvent } from './events.ts';
import type { CallCenter } from './model/center.ts';
import { type ActionMessage, ActionParser, BANNER, type Fields, formatMessage } from './framing.ts';

const log = logger('sim');

/** A client that lets this much output pile up is not reading; Asterisk drops such sessions too. */
const MAX_BACKLOG = 64 * 1024 * 1024;

export interface AmiServerOptions {
  center: CallCenter;
  username: string;
  secret: string;
}

interface Session {
  state: SessionState;
  socket: net.Socket;
  closing: boolean;
  corked: boolean;
}

export class AmiServer {
  private readonly server: net.Server;
  private readonly sessions = new Set<Session>();
  private readonly unsubscribe: () => void;
  private nextId = 1;

  constructor(private readonly opts: AmiServerOptions) {
    this.server = net.createServer((socket) => this.accept(socket));
    this.unsubscribe = opts.center.sim.hub.subscribe((event, text) => this.broadcast(event, text));
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  close(): Promise<void> {
    this.unsubscribe();
    for (const session of this.sessions) session.socket.destroy();
    this.sessions.clear();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    socket.setNoDelay(true);
    socket.setEncoding('utf8');
    const session: Session = {
      socket,
      closing: false,
      corked: false,
      state: {
        id: this.nextId++,
        authenticated: false,
        username: '',
        events: 'all',
        localAddress: `IPV4/TCP/${socket.localAddress ?? ''}/${socket.localPort ?? 0}`,
        remoteAddress: `IPV4/TCP/${socket.remoteAddress ?? ''}/${socket.remotePort ?? 0}`,
        startedAt: this.opts.center.sim.sched.now(),
      },
    };
    this.sessions.add(session);
    log.debug({ session: session.state.id, remote: socket.remoteAddress }, 'client connected');
    const parser = new ActionParser();
    socket.on('data', (chunk: string) => {
      try {
        for (const msg of parser.push(chunk)) if (!session.closing) this.handle(session, msg);
      } catch (err) {
        log.warn({ err, session: session.state.id }, 'dropping client');
        socket.destroy();
      }
    });
    socket.on('error', (err) => log.debug({ err, session: session.state.id }, 'client socket error'));
    socket.on('close', () => {
      this.sessions.delete(session);
      log.debug({ session: session.state.id }, 'client disconnected');
    });
    this.write(session, BANNER);
  }

  private handle(session: Session, msg: ActionMessage): void {
    const name = msg.get('Action');
    const ctx = this.context(session, msg);
    if (!name) return ctx.respond('Error', [['Message', 'Missing action in request']]);
    const key = name.toLowerCase();
    if (!session.state.authenticated && !UNAUTHENTICATED_ACTIONS.has(key)) {
      return ctx.respond('Error', [['Message', 'Permission denied']]);
    }
    const handler = ACTIONS[key];
    if (!handler) {
      const text = `Invalid/unknown command: ${name}. Use Action: ListCommands to show available commands.`;
      return ctx.respond('Error', [['Message', text]]);
    }
    // The response goes out before the events the action causes, as in the traces.
    this.opts.center.sim.hub.deferWhile(() => handler(ctx));
  }

  private context(session: Session, msg: ActionMessage): ActionContext {
    const actionId = msg.get('ActionID');
    const send = (fields: Fields): void => this.write(session, formatMessage(fields));
    return {
      msg,
      session: session.state,
      center: this.opts.center,
      credentials: { username: this.opts.username, secret: this.opts.secret },
      send,
      respond: (kind, rest = []) =>
        send([['Response', kind], ...(actionId ? [['ActionID', actionId] as const] : []), ...rest]),
      close: () => {
        session.closing = true;
        session.socket.end();
      },
    };
  }

  private broadcast(event: SimEvent, text: string): void {
    for (const session of this.sessions) {
      if (session.state.authenticated && !session.closing && receives(session.state.events, event.cls)) {
        this.write(session, text);
      }
    }
  }

  /** Writes are corked until the end of the tick so that a burst of events leaves in few TCP segments. */
  private write(session: Session, text: string): void {
    const { socket } = session;
    if (socket.destroyed || session.closing) return;
    if (socket.writableLength > MAX_BACKLOG) {
      log.warn({ session: session.state.id }, 'client does not read its events; disconnecting');
      socket.destroy();
      return;
    }
    if (!session.corked) {
      session.corked = true;
      socket.cork();
      process.nextTick(() => {
        session.corked = false;
        socket.uncork();
      });
    }
    socket.write(text);
  }
}
