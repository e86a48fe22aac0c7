import type { Socket as NetSocket } from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { SNAPSHOT_DEFLATE } from '../../server/realtime/io.ts';
import { boardConfig, ownerCookie, startBoardApp, startQuietSimulator } from '../support/board-app.ts';
import { BoardClient } from '../support/board-client.ts';
import { liveBoard } from '../support/sim-traffic.ts';

const redisUrl = inject('redisUrl');
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** The WebSocket under a socket.io-client (engine.io-client's websocket transport keeps it as `ws`). */
interface Wire {
  readonly _extensions: { readonly 'permessage-deflate'?: { readonly params: Record<string, unknown> } };
  readonly _socket: NetSocket;
}

describe('snapshots over permessage-deflate', () => {
  it('sends a center’s snapshot compressed to a client that offers it, with the server’s window', async () => {
    // Quiet: no calls, so that the snapshot is nearly all the socket receives.
    const sim = await startQuietSimulator({ agents: 400, queues: 10 });
    cleanup.push(() => sim.close());
    const app = await startBoardApp(boardConfig({ redisUrl, amiPort: sim.port }));
    cleanup.push(() => app.close());
    const client = BoardClient.connect(app.url, { extraHeaders: { Cookie: await ownerCookie(app.url) } });
    cleanup.push(() => client.close());
    await liveBoard(client);
    const asked = await client.request();
    expect(asked.ok).toBe(true);

    const wire = (client.socket.io.engine.transport as unknown as { ws: Wire }).ws;
    expect(wire._extensions['permessage-deflate']?.params).toMatchObject({
      server_max_window_bits: SNAPSHOT_DEFLATE.serverMaxWindowBits,
      server_no_context_takeover: true,
    });
    const snapshotBytes = Buffer.byteLength(JSON.stringify(client.snapshots.at(-1)));
    expect(snapshotBytes).toBeGreaterThan(SNAPSHOT_DEFLATE.threshold);
    // Two snapshots (the one sent on connecting, the one asked for) and the start-up's deltas took fewer bytes than one.
    expect(wire._socket.bytesRead).toBeLessThan(snapshotBytes);
  });
});
