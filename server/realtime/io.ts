import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import type { ClientEvents, ServerEvents } from '../contract/events.ts';
import type { BoardEmitter } from '../live/publisher.ts';
import type { RedisHealth } from '../store/redis.ts';
import { originGuard } from './origin.ts';

export type BoardServer = Server<ClientEvents, ServerEvents>;

export interface SocketServerOptions {
  readonly allowedOrigins: readonly string[];
  /** The Socket.IO Redis adapter's connections: a broadcast from any process reaches every process's sockets. */
  readonly adapter: { readonly pub: Redis; readonly sub: Redis; readonly channel: string };
}

// Clients only send small commands; anything bigger is hostile and closes the connection.
const MAX_MESSAGE_BYTES = 16 * 1024;

export function createSocketServer(http: HttpServer, options: SocketServerOptions): BoardServer {
  const { allowedOrigins, adapter } = options;
  return new Server<ClientEvents, ServerEvents>(http, {
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    allowRequest: originGuard(allowedOrigins),
    ...(allowedOrigins.length > 0 && { cors: { origin: [...allowedOrigins] } }),
    adapter: createAdapter(adapter.pub, adapter.sub, { key: adapter.channel }),
  });
}

/**
 * Broadcasts to every board. While Redis is down the adapter cannot reach the other processes anyway, so only local
 * sockets are served, and the adapter's publishes do not pile up in its connection's queue.
 */
export function boardEmitter(io: BoardServer, redis: RedisHealth): BoardEmitter {
  const target = () => (redis.isUp() ? io : io.local);
  return {
    snapshotted: (snapshot) => target().emit('board:snapshotted', snapshot),
    changed: (delta) => target().emit('board:changed', delta),
  };
}
