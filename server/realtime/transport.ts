import type { Server, Socket } from 'socket.io';
import type { ClientEvents, ServerEvents } from '../contract/events.ts';
import type { Locale } from '../contract/locale.ts';
import type { Localized } from '../i18n.ts';

export type BoardSocket = Socket<ClientEvents, ServerEvents>;
/** A message the server sends to browsers: a fact, named in the past tense (server/contract/events.ts). */
export type Fact = keyof ServerEvents;
export type Payload<F extends Fact> = Parameters<ServerEvents[F]>[0];

/** One viewer's cut of each fact: the payload as they may see it, or undefined when they may see none of it. */
export type Cuts = { readonly [F in Fact]?: (payload: Payload<F>) => Payload<F> | undefined };

/** What access says of one admitted socket. */
export interface Viewer {
  /** Equal for viewers whose cuts are equal: a fact is cut and encoded once per distinct key. */
  readonly key: string;
  readonly cuts: Cuts;
  /** The language the viewer reads: what a refusal of their commands speaks. */
  readonly locale: Locale;
}

/** Access, as the transport is handed it: who may open a socket, and how each socket's facts are cut. */
export interface Admission {
  /** Null admits the socket; a sentence refuses it, and the browser's connect_error carries it. */
  admit(socket: BoardSocket): Promise<string | null>;
  viewerOf(socket: BoardSocket): Viewer | undefined;
}

/** Who gets a fact. A socket that both names gets it once, as it is. */
export interface Audience {
  /** The sockets in these rooms get the fact as it is. */
  readonly rooms?: readonly string[];
  /** The sockets in these rooms, or every socket, get the fact cut to what their viewer may see. */
  readonly scoped?: readonly string[] | 'everyone';
}

/** What one process tells the others that no browser sees. */
export interface Notes {
  /** The lease holder's last seq relayed, said again every few seconds (server/realtime/boards.ts). */
  'board:published': { readonly seq: number };
}
export type Note = keyof Notes;

/**
 * What one process tells the others: facts that each of them delivers to its own sockets, and notes for the
 * processes themselves.
 */
export interface InterServerEvents {
  'fact:relayed': (fact: Fact, payload: unknown, audience: Audience) => void;
  'note:told': (note: Note, payload: unknown) => void;
}

export type BoardServer = Server<ClientEvents, ServerEvents, InterServerEvents>;

export interface TransportOptions {
  /**
   * Whether the other processes can be reached through the adapter: not while Redis is down (the adapter's publishes
   * must not pile up then), nor when there is no adapter.
   */
  readonly othersReachable: () => boolean;
}

/**
 * The one way a message reaches browsers. Features publish facts with their audience; the transport delivers them to
 * this process's sockets, cut per viewer as access says, and relays them to the other processes through the Socket.IO
 * Redis adapter as server-side events (each process cuts for its own sockets, which one broadcast cannot do).
 */
export class Transport {
  private admission: Admission | undefined;
  private readonly roomsDeleted = new Set<(room: string) => void>();
  private readonly relayed = new Set<(fact: Fact, payload: unknown) => void>();
  private readonly told = new Map<Note, Set<(payload: unknown) => void>>();

  constructor(
    private readonly io: BoardServer,
    private readonly options: TransportOptions,
  ) {
    io.use((socket, next) => {
      if (!this.admission) return next();
      this.admission.admit(socket).then(
        (refusal) => next(refusal === null ? undefined : new Error(refusal)),
        (error: unknown) =>
          next(new Error(`Your login could not be checked (${(error as Error).message}): try again.`)),
      );
    });
    io.on('fact:relayed', (fact, payload, audience) => {
      this.here(fact, payload as never, audience);
      for (const listener of this.relayed) listener(fact, payload);
    });
    io.on('note:told', (note, payload) => {
      for (const listener of this.told.get(note) ?? []) listener(payload);
    });
    io.of('/').adapter.on('delete-room', (room: string) => {
      for (const listener of this.roomsDeleted) listener(room);
    });
  }

  /** From now on every socket is admitted, and every scoped fact cut, by access. */
  admitWith(admission: Admission): void {
    this.admission = admission;
  }

  /** A fact for its audience on every process: this one's sockets at once, the others' through the adapter. */
  publish<F extends Fact>(fact: F, payload: Payload<F>, audience: Audience): void {
    this.here(fact, payload, audience);
    this.relay(fact, payload, audience);
  }

  /** A fact for its audience among this process's sockets only. */
  here<F extends Fact>(fact: F, payload: Payload<F>, audience: Audience): void {
    const sockets = this.io.of('/').sockets;
    const plain = this.inRooms(audience.rooms ?? []);
    if (plain.size > 0) this.emit([...plain], fact, payload);
    if (!audience.scoped) return;
    const scoped = audience.scoped === 'everyone' ? sockets.keys() : this.inRooms(audience.scoped);
    const groups = new Map<string, { viewer: Viewer | undefined; ids: string[] }>();
    for (const id of scoped) {
      const socket = sockets.get(id);
      if (!socket || plain.has(id)) continue;
      const viewer = this.admission?.viewerOf(socket);
      // Access admits every socket before its first event: one without a viewer is shown nothing rather than everything.
      if (this.admission && !viewer) continue;
      const key = viewer?.key ?? '';
      const group = groups.get(key);
      if (group) group.ids.push(id);
      else groups.set(key, { viewer, ids: [id] });
    }
    for (const { viewer, ids } of groups.values()) {
      const cut = viewer ? cutFor(viewer, fact, payload) : payload;
      if (cut !== undefined) this.emit(ids, fact, cut);
    }
  }

  /** A fact for its audience on the other processes only. */
  relay<F extends Fact>(fact: F, payload: Payload<F>, audience: Audience): void {
    if (this.options.othersReachable()) this.io.serverSideEmit('fact:relayed', fact, payload, audience);
  }

  /** A note for the other processes, when they can be reached. */
  tell<N extends Note>(note: N, payload: Notes[N]): void {
    if (this.options.othersReachable()) this.io.serverSideEmit('note:told', note, payload);
  }

  /** Calls the listener with every such note from another process. */
  onTold<N extends Note>(note: N, listener: (payload: Notes[N]) => void): void {
    const listeners = this.told.get(note) ?? new Set();
    listeners.add(listener as (payload: unknown) => void);
    this.told.set(note, listeners);
  }

  /** Calls the listener with every fact another process relayed here, once this process's sockets have it. */
  onRelayed(listener: (fact: Fact, payload: unknown) => void): void {
    this.relayed.add(listener);
  }

  /** A fact for one socket, cut to what its viewer may see (nothing when they may see none of it). */
  send<F extends Fact>(socket: BoardSocket, fact: F, payload: Payload<F>): void {
    const cut = this.cut(socket, fact, payload);
    if (cut !== undefined) this.emit([socket.id], fact, cut);
  }

  /** A payload as the socket's viewer may see it, for a command's acknowledgement; undefined: none of it. */
  cut<F extends Fact>(socket: BoardSocket, fact: F, payload: Payload<F>): Payload<F> | undefined {
    if (!this.admission) return payload;
    const viewer = this.admission.viewerOf(socket);
    return viewer && cutFor(viewer, fact, payload);
  }

  /** The language of the socket's viewer (English before access admits it, or without access). */
  localeOf(socket: BoardSocket): Locale {
    return this.admission?.viewerOf(socket)?.locale ?? 'en';
  }

  /** Tells a socket why it is closed, in its viewer's language, then closes it. */
  close(socket: BoardSocket, reason: string | Localized): void {
    if (!socket.connected) return;
    socket.emit('session:revoked', { reason: typeof reason === 'string' ? reason : reason(this.localeOf(socket)) });
    socket.disconnect(true);
  }

  /** Calls the listener with every socket admitted on this process. */
  onConnection(listener: (socket: BoardSocket) => void): void {
    this.io.on('connection', listener);
  }

  /** This process's sockets. */
  sockets(): BoardSocket[] {
    return [...this.io.of('/').sockets.values()];
  }

  /** Calls the listener when a room of this process loses its last socket; returns a function that removes it. */
  onRoomDeleted(listener: (room: string) => void): () => void {
    this.roomsDeleted.add(listener);
    return () => this.roomsDeleted.delete(listener);
  }

  private inRooms(rooms: readonly string[]): Set<string> {
    const ids = new Set<string>();
    for (const room of rooms) for (const id of this.io.of('/').adapter.rooms.get(room) ?? []) ids.add(id);
    return ids;
  }

  /** Encoded once for all the sockets named. */
  private emit<F extends Fact>(ids: string[], fact: F, payload: Payload<F>): void {
    (this.io.local.to(ids) as unknown as { emit(fact: F, payload: Payload<F>): boolean }).emit(fact, payload);
  }
}

function cutFor<F extends Fact>(viewer: Viewer, fact: F, payload: Payload<F>): Payload<F> | undefined {
  const cut = viewer.cuts[fact];
  return cut ? cut(payload) : payload;
}
