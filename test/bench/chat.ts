import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import type { ChatMessage } from '../../server/contract/chat.ts';
import { ChatStore } from '../../server/chat/store.ts';
import { chatKeys } from '../../server/store/keys.ts';
import { closeRedis } from '../../server/store/redis.ts';
import { boardConfig, startBoardApp, startQuietSimulator, uniquePrefix } from '../support/board-app.ts';
import { ChatOrg, toUser } from '../support/chat.ts';
import { startRedisServer } from '../support/redis-server.ts';

/**
 * Chat through the real server: from `chat:send` emitted until the recipient's socket.io-client receives `chat:posted`,
 * one message at a time (senders take turns, each within the send limit); and `chat:history` pages of 50 read back
 * from a conversation of `stored` messages (written straight into its stream first), at cursors spread over it.
 */

export interface ChatBenchOptions {
  readonly messages: number;
  readonly stored: number;
  readonly pages: number;
}

export interface ChatBenchResult {
  /** ms from send to the recipient's chat:posted, per message. */
  readonly delivery: number[];
  /** ms per chat:history page. */
  readonly history: number[];
}

const SENDERS = 10;

export async function benchChat(options: ChatBenchOptions): Promise<ChatBenchResult> {
  const redisServer = await startRedisServer();
  const sim = await startQuietSimulator();
  const prefix = uniquePrefix();
  const app = await startBoardApp(boardConfig({ redisUrl: redisServer.url, amiPort: sim.port, prefix }));
  const redis = new Redis(redisServer.url);
  try {
    const org = await ChatOrg.of(app.url);
    const reader = await org.user('reader');
    const inbox = await reader.connect();
    const senders = [];
    for (let i = 0; i < SENDERS; i++) {
      const sender = await org.user(`sender${i}`);
      await sender.connect();
      senders.push(sender);
    }

    const delivery: number[] = [];
    for (let i = 0; i < options.messages; i++) {
      // Each sender's turn comes once every SENDERS messages: within 5 at once and one a second on average.
      const sender = senders[i % SENDERS]!;
      if (i > 0 && i % (SENDERS * 5) === 0) await new Promise((resolve) => setTimeout(resolve, 5_000));
      const arrived = new Promise<void>((resolve) => {
        const onPosted = (message: ChatMessage) => {
          if (message.text !== `bench ${i}`) return;
          inbox.socket.off('chat:posted', onPosted);
          resolve();
        };
        inbox.socket.on('chat:posted', onPosted);
      });
      const started = performance.now();
      const result = await sender.sockets[0]!.send(toUser(reader), `bench ${i}`);
      if (!result.ok) throw new Error(`bench send refused: ${result.error}`);
      await arrived;
      delivery.push(performance.now() - started);
    }

    const store = new ChatStore(redis, chatKeys(prefix));
    const writer = senders[0]!;
    const ids: string[] = [];
    for (let i = 0; i < options.stored; i++)
      ids.push((await store.append(writer.id, toUser(reader), `stored ${i}`)).id);
    const history: number[] = [];
    for (let i = 0; i < options.pages; i++) {
      const before = ids[Math.floor(((i + 1) / (options.pages + 1)) * ids.length)];
      const started = performance.now();
      const page = await inbox.history({ with: toUser(writer), limit: 50, ...(before && { before }) });
      history.push(performance.now() - started);
      if (!page.ok || page.data.messages.length !== 50) throw new Error('bench history page short');
      // The socket's command limit (10 at once, 5 a second) paces the pages.
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    reader.close();
    for (const sender of senders) sender.close();
    return { delivery, history };
  } finally {
    await closeRedis(redis);
    await app.close();
    await sim.close();
    await redisServer.stop();
  }
}
