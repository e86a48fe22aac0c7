import type { Server as HttpServer } from 'node:http';
import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import type { Redis } from '../redis-client.ts';
import { Server, type ServerOptions } from 'socket.io';
import type { ClientEvents, ServerEvents } from '../contract/events.ts';
import type { BoardServer, InterServerEvents } from './transport.ts';

export interface SocketServerOptions {
  /** Refuses the handshakes of foreign pages (the access feature's origin rule). */
  readonly allowRequest: NonNullable<ServerOptions['allowRequest']>;
  /** ALLOWED_ORIGINS: pages of other origins, which need CORS for the polling transport. */
  readonly allowedOrigins: readonly string[];
  /**
   * The Socket.IO Redis adapter's connections: a broadcast from any process reaches every process's sockets. On a
   * Redis Cluster the subscriber must have been made for sharded pub/sub (server/store/redis.ts, `adapter-sub`).
   */
  readonly adapter: { readonly pub: Redis; readonly sub: Redis; readonly channel: string };
}

// Clients only send small commands; anything bigger is hostile and closes the connection.
const MAX_MESSAGE_BYTES = 16 * 1024;

/**
 * permessage-deflate for the messages a board cannot do without but rarely gets: snapshots, whose size grows with the
 * center. Deltas and the other facts stay under the threshold and go out as they are: each socket compresses its own
 * copy of a message, so compressing every delta would cost one deflate per board per delta. The compressor starts
 * afresh for each message (no context takeover) and is small (a 1 KB window compresses the board's repetitive JSON as
 * well as the default 32 KB), because a socket keeps it for its life. `npm run bench -- snapshot` measures both.
 */
export const SNAPSHOT_DEFLATE = {
  threshold: 32 * 1024,
  serverNoContextTakeover: true,
  clientNoContextTakeover: true,
  serverMaxWindowBits: 10,
  zlibDeflateOptions: { memLevel: 4 },
} as const;

export function createSocketServer(http: HttpServer, options: SocketServerOptions): BoardServer {
  const { allowRequest, allowedOrigins, adapter } = options;
  return new Server<ClientEvents, ServerEvents, InterServerEvents>(http, {
    serveClient: false,
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    perMessageDeflate: SNAPSHOT_DEFLATE,
    allowRequest,
    ...(allowedOrigins.length > 0 && { cors: { origin: [...allowedOrigins] } }),
    adapter: redisAdapter(adapter),
  });
}

/**
 * On a cluster, the sharded adapter (Redis ≥ 7): its messages go through SPUBLISH to the one node owning the channel's
 * slot, where classic PUBLISH would copy every message to every node of the cluster. Tablica relays its facts as
 * server-side events on the namespace's main channel, never to a room through the adapter, so `static` subscribes to
 * that channel only instead of one per room.
 */
function redisAdapter({ pub, sub, channel }: SocketServerOptions['adapter']): ServerOptions['adapter'] {
  if (sub.isCluster) return createShardedAdapter(pub, sub, { channelPrefix: channel, subscriptionMode: 'static' });
  return createAdapter(pub, sub, { key: channel });
}
