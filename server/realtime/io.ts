import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { Server, type ServerOptions } from 'socket.io';
import type { BoardDelta, BoardSnapshot } from '../contract/board.ts';
import type { ClientEvents, ServerEvents } from '../contract/events.ts';
import type { MonitorSessionView } from '../contract/monitoring.ts';
import type { BoardEmitter } from '../live/publisher.ts';
import type { RedisHealth } from '../store/redis.ts';

/** What one board process tells the others: board data each of them cuts to its own sockets' scopes. */
export interface InterServerEvents {
  'board:snapshotted': (snapshot: BoardSnapshot) => void;
  'board:changed': (delta: BoardDelta) => void;
  /** A monitoring session changed on the AMI lease holder (server/realtime/monitoring.ts). */
  'monitor:updated': (session: MonitorSessionView) => void;
}

export type BoardServer = Server<ClientEvents, ServerEvents, InterServerEvents>;

/** Sends board data to this process's sockets, each cut to what its user may see (server/access/socket.ts). */
export interface ScopedEmitter {
  emitSnapshot(snapshot: BoardSnapshot): void;
  emitDelta(delta: BoardDelta): void;
}

export interface SocketServerOptions {
  /** Refuses the handshakes of foreign pages (the access feature's origin rule). */
  readonly allowRequest: NonNullable<ServerOptions['allowRequest']>;
  /** ALLOWED_ORIGINS: pages of other origins, which need CORS for the polling transport. */
  readonly allowedOrigins: readonly string[];
  /** The Socket.IO Redis adapter's connections: a broadcast from any process reaches every process's sockets. */
  readonly adapter: { readonly pub: Redis; readonly sub: Redis; readonly channel: string };
}

// Clients only send small commands; anything bigger is hostile and closes the connection.
const MAX_MESSAGE_BYTES = 16 * 1024;

export function createSocketServer(http: HttpServer, options: SocketServerOptions): BoardServer {
  const { allowRequest, allowedOrigins, adapter } = options;
  return new Server<ClientEvents, ServerEvents, InterServerEvents>(http, {
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    allowRequest,
    ...(allowedOrigins.length > 0 && { cors: { origin: [...allowedOrigins] } }),
    adapter: createAdapter(adapter.pub, adapter.sub, { key: adapter.channel }),
  });
}

/**
 * Board data reaches every board: this process's sockets directly, the other processes' through the adapter as
 * server-side events (see relayBoards), since each socket gets its own cut and one broadcast cannot carry that. While
 * Redis is down the other processes cannot be reached anyway, and the adapter's publishes must not pile up.
 */
export function boardEmitter(io: BoardServer, redis: RedisHealth, sockets: ScopedEmitter): BoardEmitter {
  return {
    local: {
      snapshotted: (snapshot) => sockets.emitSnapshot(snapshot),
      changed: (delta) => sockets.emitDelta(delta),
    },
    others: {
      snapshotted: (snapshot) => {
        if (redis.isUp()) io.serverSideEmit('board:snapshotted', snapshot);
      },
      changed: (delta) => {
        if (redis.isUp()) io.serverSideEmit('board:changed', delta);
      },
    },
  };
}

/** Board data from the process that reads Asterisk, passed on to this process's sockets. */
export function relayBoards(io: BoardServer, sockets: ScopedEmitter): void {
  io.on('board:snapshotted', (snapshot) => sockets.emitSnapshot(snapshot));
  io.on('board:changed', (delta) => sockets.emitDelta(delta));
}
