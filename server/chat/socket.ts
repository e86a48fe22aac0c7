import { CommandRefused, type CommandHandlers } from '../realtime/commands.ts';
import { say } from '../i18n.ts';
import { m } from '../contract/messages/messages.js';
import { TokenBucket } from '../realtime/rate-limit.ts';
import type { BoardSocket, Transport } from '../realtime/transport.ts';
import type { ChatDelivery, ChatService } from './service.ts';

export type ChatSocket = BoardSocket;
export type ChatCommands = Pick<CommandHandlers, 'chat:send' | 'chat:history' | 'chat:contacts'>;

/** Every socket of a logged-in user joins their room: chat:posted goes to users' rooms, never to everyone. */
function userRoom(userId: string): string {
  return `chat:user:${userId}`;
}

/** The users' sockets on every process get the message. */
export function chatDelivery(transport: Transport): ChatDelivery {
  return (userIds, message) => {
    if (userIds.length > 0) transport.publish('chat:posted', message, { rooms: userIds.map(userRoom) });
  };
}

export interface SendLimit {
  /** Messages a user may send at once (default 5). */
  readonly burst?: number;
  /** Then this many a second on average (default 1). */
  readonly perSecond?: number;
}

/**
 * Messages a user may send, over all their sockets on this process: on top of each socket's command limit, so that
 * nobody floods a colleague's screen from several tabs.
 */
export class SendLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly limit: SendLimit = {}) {}

  take(userId: string): boolean {
    let bucket = this.buckets.get(userId);
    if (!bucket) {
      bucket = new TokenBucket(this.limit.burst ?? 5, this.limit.perSecond ?? 1);
      this.buckets.set(userId, bucket);
    }
    return bucket.take();
  }
}

/**
 * A socket's chat, for dispatchCommands (which validates the arguments): a user's socket joins their room and gets
 * the commands; a kiosk (a wall TV) joins nothing and is refused every chat command.
 */
export function chatCommands(
  socket: ChatSocket,
  userId: string | undefined,
  chat: ChatService,
  limiter: SendLimiter,
): ChatCommands {
  if (userId !== undefined) void socket.join(userRoom(userId));
  const user = (): string => {
    if (userId === undefined) throw new CommandRefused(say(m.server_kiosk_no_chat));
    return userId;
  };
  return {
    'chat:send': async ([send]) => {
      const sender = user();
      if (!limiter.take(sender)) throw new CommandRefused(say(m.server_chat_too_many));
      return chat.send(sender, send);
    },
    'chat:history': async ([request]) => chat.history(user(), request),
    'chat:contacts': async () => chat.contacts(user()),
  };
}
