import net from 'node:net';
import { ActionReader, amiList, amiMessage, type ClientAction } from './ami-wire.ts';

export const BANNER = 'Asterisk Call Manager/11.0.0\r\n';
const RESYNC_LISTS = ['queuestatus', 'queuesummary', 'coreshowchannels'];

export interface FakeSession {
  readonly socket: net.Socket;
  readonly actions: ClientAction[];
  send(data: string | Uint8Array): void;
  /** Answers an action with `Response: Success` and the given headers. */
  succeed(action: ClientAction, fields?: Readonly<Record<string, string>>): void;
}

export interface FakeAmiOptions {
  readonly username?: string;
  readonly secret?: string;
  /** Accept TCP connections but never send or answer anything: a hung Asterisk. */
  readonly silent?: boolean;
  /** Items of the resync lists, by action name. */
  readonly lists?: Readonly<Record<string, readonly Readonly<Record<string, string | number>>[]>>;
  /**
   * Called for every action before the default answers (Login, Ping, Logoff, list actions from `lists`, others as
   * unknown); return true when the action was handled (or is to be left unanswered).
   */
  readonly onAction?: (action: ClientAction, session: FakeSession) => boolean | undefined;
  /** Called once a client logged in. */
  readonly onLogin?: (session: FakeSession) => void;
}

export interface FakeAmi {
  readonly port: number;
  readonly sessions: FakeSession[];
  /** Successful logins so far. */
  logins(): number;
  close(): Promise<void>;
}

/** A scriptable AMI server on a free port, speaking the wire format of the recorded traces. */
export async function startFakeAmi(options: FakeAmiOptions = {}): Promise<FakeAmi> {
  const { username = 'wallboard', secret = 'wallboard-test-secret' } = options;
  const sessions: FakeSession[] = [];
  const sockets = new Set<net.Socket>();
  let logins = 0;

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    const session: FakeSession = {
      socket,
      actions: [],
      send: (data) => {
        if (!socket.destroyed) socket.write(data);
      },
      succeed: (action, fields = {}) =>
        session.send(amiMessage({ Response: 'Success', ActionID: action.id, ...fields })),
    };
    sessions.push(session);
    if (options.silent) {
      // Reads (and drops) what the client sends, so that it notices when the client hangs up.
      socket.resume();
      return;
    }
    session.send(BANNER);
    const reader = new ActionReader((action) => {
      session.actions.push(action);
      if (options.onAction?.(action, session)) return;
      answer(action, session);
    });
    socket.on('data', (chunk) => reader.feed(chunk));
  });

  function answer(action: ClientAction, session: FakeSession): void {
    const name = action.name.toLowerCase();
    if (name === 'login') {
      if (action.fields.username === username && action.fields.secret === secret) {
        logins += 1;
        session.succeed(action, { Message: 'Authentication accepted' });
        session.send(amiMessage({ Event: 'FullyBooted', Privilege: 'system,all', Status: 'Fully Booted' }));
        options.onLogin?.(session);
      } else {
        session.send(amiMessage({ Response: 'Error', ActionID: action.id, Message: 'Authentication failed' }));
      }
    } else if (name === 'ping') {
      session.succeed(action, { Ping: 'Pong', Timestamp: (Date.now() / 1000).toFixed(6) });
    } else if (name === 'logoff') {
      session.send(amiMessage({ Response: 'Goodbye', ActionID: action.id, Message: 'Thanks for all the fish.' }));
      session.socket.end();
    } else if (options.lists?.[action.name] !== undefined || RESYNC_LISTS.includes(name)) {
      session.send(amiList(action.name, action.id, options.lists?.[action.name] ?? []));
    } else {
      session.send(amiMessage({ Response: 'Error', ActionID: action.id, Message: 'Invalid/unknown command' }));
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    sessions,
    logins: () => logins,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
