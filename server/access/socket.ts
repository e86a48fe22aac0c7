import type { IncomingHttpHeaders } from 'node:http';
import { NOT_ADMITTED } from '../contract/accounts.ts';
import type { Locale } from '../contract/locale.ts';
import { m } from '../contract/messages/messages.js';
import { say } from '../i18n.ts';
import type { Logger } from '../log.ts';
import type { BoardSocket, Cuts, Transport } from '../realtime/transport.ts';
import type { AccessControl, Principal } from './control.ts';
import type { AccessEvent } from './events.ts';
import { scopeAbandonedCallers, scopeAlerts, scopeDelta, scopeSnapshot, scopeStats } from './filter.ts';
import type { Org } from './org/model.ts';
import { scopeKey, type Scope } from './scope.ts';

/** What a socket's authentication reads of its handshake. */
export interface SocketHandshake {
  readonly headers: IncomingHttpHeaders;
  readonly auth: Readonly<Record<string, unknown>>;
}

/**
 * Who opens a socket: a wall TV with `auth: { kiosk: token }`, or a browser with the session cookie (from an allowed
 * origin: a browser sends its cookie whoever's page opens the socket). Null: nobody we know.
 */
export async function authenticateSocket(access: AccessControl, handshake: SocketHandshake): Promise<Principal | null> {
  const { kiosk } = handshake.auth;
  if (typeof kiosk === 'string') return access.kioskOfToken(kiosk);
  if (!access.originAllowed(handshake.headers)) return null;
  return access.userOfCookie(handshake.headers.cookie);
}

export interface SocketAccessOptions {
  readonly log: Logger;
  /** How often every socket's session or kiosk is checked again, for expiries (default 30 s). */
  readonly recheckMs?: number;
  /** Called when a socket's scope changed (units, teams or policies were edited): send it a new snapshot. */
  readonly onRescoped?: (socket: BoardSocket) => void;
  /** The language of a layout, if it has one: a wall TV's socket speaks its kiosk link's layout's (default: none). */
  readonly layoutLocale?: (layoutId: string) => Promise<Locale | undefined>;
}

interface Admitted {
  readonly principal: Principal;
  readonly scope: Scope;
  /** scopeKey(scope), worked out once: sockets with equal keys share one cut of each fact. */
  readonly key: string;
  readonly cuts: Cuts;
  /**
   * The user's language (saved, else DEFAULT_LOCALE, else the browser's); a wall TV's: its layout's, else
   * DEFAULT_LOCALE, else its browser's.
   */
  readonly locale: Locale;
}

/**
 * Access for the board's sockets, handed to the transport: only known users and kiosks are admitted; each socket's
 * principal and scope, kept current when the organisation changes; the cut of every fact to each socket's scope; and
 * revocation: a socket whose session or kiosk link ends is told `session:revoked` and closed, within a second on this
 * process and every other.
 */
export class SocketAccess {
  private readonly admitted = new WeakMap<BoardSocket, Admitted>();
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private checking: Promise<void> | undefined;
  private checkAgain = false;

  constructor(
    private readonly transport: Transport,
    private readonly access: AccessControl,
    private readonly options: SocketAccessOptions,
  ) {
    transport.admitWith({
      admit: async (socket) => ((await this.admit(socket)) ? null : NOT_ADMITTED),
      viewerOf: (socket) => this.admitted.get(socket),
    });
    this.unsubscribe = access.events.on((event) => this.onEvent(event));
    this.timer = setInterval(() => this.recheck(), options.recheckMs ?? 30_000);
    this.timer.unref();
  }

  principalOf(socket: BoardSocket): Principal | undefined {
    return this.admitted.get(socket)?.principal;
  }

  scopeOf(socket: BoardSocket): Scope | undefined {
    return this.admitted.get(socket)?.scope;
  }

  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
  }

  private async admit(socket: BoardSocket): Promise<boolean> {
    const principal = await authenticateSocket(this.access, socket.handshake);
    if (!principal) return false;
    this.set(socket, principal, await this.access.scopeOf(principal), await this.kioskLocale(principal));
    return true;
  }

  /** A wall TV's layout's language, if it has one (a layout that cannot be read has none). */
  private async kioskLocale(principal: Principal): Promise<Locale | undefined> {
    if (principal.kind !== 'kiosk' || !this.options.layoutLocale) return undefined;
    return this.options.layoutLocale(principal.kiosk.layoutId).catch(() => undefined);
  }

  private set(socket: BoardSocket, principal: Principal, scope: Scope, kioskLocale: Locale | undefined): void {
    const user = principal.kind === 'user' ? principal.user : null;
    const locale = kioskLocale ?? this.access.localeOfUser(user, socket.handshake.headers['accept-language']);
    this.admitted.set(socket, { principal, scope, key: scopeKey(scope), cuts: cutsOf(scope), locale });
  }

  private onEvent(event: AccessEvent): void {
    if (event.type === 'orgChanged') return this.recheck();
    for (const socket of this.transport.sockets()) {
      const principal = this.principalOf(socket);
      if (principal && revokedBy(event, principal)) this.transport.close(socket, say(m.server_access_revoked));
    }
  }

  /** Drops the sockets whose access ended and re-scopes the others; one round at a time, another if asked meanwhile. */
  private recheck(): void {
    if (this.checking) {
      this.checkAgain = true;
      return;
    }
    this.checking = this.recheckAll()
      // Redis is away: the sockets stay as they are until the next round.
      .catch((error: unknown) =>
        this.options.log.debug({ err: (error as Error).message }, 'socket access not re-checked'),
      )
      .finally(() => {
        this.checking = undefined;
        if (this.checkAgain) {
          this.checkAgain = false;
          this.recheck();
        }
      });
  }

  private async recheckAll(): Promise<void> {
    const org = await this.access.org.load();
    await Promise.all(this.transport.sockets().map((socket) => this.refresh(socket, org)));
  }

  private async refresh(socket: BoardSocket, org: Org): Promise<void> {
    const before = this.admitted.get(socket);
    if (!before) return;
    const current = await this.access.revalidate(before.principal);
    if (!current) return this.transport.close(socket, say(m.server_refusal_session_expired));
    this.set(socket, current, await this.access.scopeOf(current, org), await this.kioskLocale(current));
    if (this.admitted.get(socket)?.key !== before.key) this.options.onRescoped?.(socket);
  }
}

/** What a scope lets through of each fact that carries more than everyone may see. */
function cutsOf(scope: Scope): Cuts {
  return {
    'board:snapshotted': (snapshot) => scopeSnapshot(scope, snapshot),
    'board:changed': (delta) => scopeDelta(scope, delta),
    'stats:updated': (stats) => scopeStats(scope, stats),
    'callers:updated': (callers) => scopeAbandonedCallers(scope, callers),
    'alerts:updated': (alerts) => scopeAlerts(scope, alerts),
    // A watcher of the live list sees the sessions of the agents within their units.
    'monitor:updated': (session) =>
      scope.visible === 'all' || scope.visible.agents.has(session.agent) ? session : undefined,
    // Of the new recordings, those of calls of the viewer's queues (what they may hear, the call list then says).
    'recording:saved': (saved) =>
      scope.visible === 'all' || scope.visible.queues.has(saved.queue) ? saved : undefined,
  };
}

function revokedBy(event: AccessEvent, principal: Principal): boolean {
  switch (event.type) {
    case 'sessionEnded':
      return principal.kind === 'user' && principal.session.hash === event.hash;
    case 'userRevoked':
      return principal.kind === 'user' && principal.user.id === event.userId && principal.session.hash !== event.keep;
    case 'kioskRevoked':
      return principal.kind === 'kiosk' && principal.kiosk.id === event.kioskId;
    case 'orgChanged':
      return false;
  }
}
