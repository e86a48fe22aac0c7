import type { IncomingHttpHeaders } from 'node:http';
import type { Server, Socket } from 'socket.io';
import { scopeDelta, scopeSnapshot } from './filter.ts';
import { scopeKey, type Scope } from './scope.ts';
import type { BoardDelta, BoardSnapshot } from '../contract/board.ts';
import type { ClientEvents, ServerEvents } from '../contract/events.ts';
import type { Logger } from '../log.ts';
import type { Org } from './org/model.ts';
import type { AccessControl, Principal } from './control.ts';
import type { AccessEvent } from './events.ts';

type BoardSocket = Socket<ClientEvents, ServerEvents>;

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
}

interface Admitted {
  readonly principal: Principal;
  readonly scope: Scope;
  /** scopeKey(scope), worked out once: sockets with equal keys share one filtered delta. */
  readonly key: string;
}

/**
 * Access for the board's Socket.IO server: a middleware that admits only known users and kiosks; each socket's
 * principal and scope, kept current when the organisation changes; board data cut to each socket's scope; and
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
    private readonly io: Server<ClientEvents, ServerEvents>,
    private readonly access: AccessControl,
    private readonly options: SocketAccessOptions,
  ) {
    io.use((socket, next) => {
      this.admit(socket).then(
        (ok) => next(ok ? undefined : new Error('unauthorized: log in or use a valid kiosk link')),
        (error: unknown) => next(new Error(`authentication failed, try again (${(error as Error).message})`)),
      );
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

  /** The snapshot as this socket may see it. */
  snapshotFor(socket: BoardSocket, snapshot: BoardSnapshot): BoardSnapshot {
    const scope = this.scopeOf(socket);
    // The middleware admits every socket before its first event: one without a scope is a wiring mistake.
    if (!scope) throw new Error(`socket ${socket.id} was not admitted by SocketAccess`);
    return scopeSnapshot(scope, snapshot);
  }

  /** Sends a snapshot to every socket of this process, cut to its scope: filtered and encoded once per distinct scope. */
  emitSnapshot(snapshot: BoardSnapshot): void {
    for (const { scope, ids } of this.byScope()) this.io.local.to(ids).emit('board:snapshotted', scopeSnapshot(scope, snapshot));
  }

  /**
   * Sends a delta to every socket of this process, cut to its scope: filtered and encoded once per distinct scope.
   * Every socket gets the delta's seq, even with no op left, so that no board sees a gap.
   */
  emitDelta(delta: BoardDelta): void {
    for (const { scope, ids } of this.byScope()) this.io.local.to(ids).emit('board:changed', scopeDelta(scope, delta));
  }

  /** This process's admitted sockets grouped by scope; a broadcast to a group's socket ids encodes its packet once. */
  private byScope(): Iterable<{ scope: Scope; ids: string[] }> {
    const groups = new Map<string, { scope: Scope; ids: string[] }>();
    for (const socket of this.local()) {
      const admitted = this.admitted.get(socket);
      if (!admitted) continue;
      const group = groups.get(admitted.key);
      if (group) group.ids.push(socket.id);
      else groups.set(admitted.key, { scope: admitted.scope, ids: [socket.id] });
    }
    return groups.values();
  }

  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
  }

  private async admit(socket: BoardSocket): Promise<boolean> {
    const principal = await authenticateSocket(this.access, socket.handshake);
    if (!principal) return false;
    this.set(socket, principal, await this.access.scopeOf(principal));
    return true;
  }

  private set(socket: BoardSocket, principal: Principal, scope: Scope): void {
    this.admitted.set(socket, { principal, scope, key: scopeKey(scope) });
  }

  private local(): BoardSocket[] {
    return [...this.io.of('/').sockets.values()];
  }

  private onEvent(event: AccessEvent): void {
    if (event.type === 'orgChanged') return this.recheck();
    for (const socket of this.local()) {
      const principal = this.principalOf(socket);
      if (principal && revokedBy(event, principal)) this.drop(socket, 'access revoked');
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
      .catch((error: unknown) => this.options.log.debug({ err: (error as Error).message }, 'socket access not re-checked'))
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
    await Promise.all(this.local().map((socket) => this.refresh(socket, org)));
  }

  private async refresh(socket: BoardSocket, org: Org): Promise<void> {
    const before = this.admitted.get(socket);
    if (!before) return;
    const current = await this.access.revalidate(before.principal);
    if (!current) return this.drop(socket, 'session expired or access revoked');
    this.set(socket, current, await this.access.scopeOf(current, org));
    if (this.admitted.get(socket)?.key !== before.key) this.options.onRescoped?.(socket);
  }

  private drop(socket: BoardSocket, reason: string): void {
    if (!socket.connected) return;
    socket.emit('session:revoked', { reason });
    socket.disconnect(true);
  }
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
