import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { Server, type ServerOptions } from 'socket.io';
import type { ClientEvents, ServerEvents } from '../contract/events.ts';
import type { BoardServer, InterServerEvents } from './transport.ts';

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
