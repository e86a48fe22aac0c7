import type { Redis } from '../redis-client.ts';
import type { ChatMessage, ChatPage, ChatPeer } from '../contract/chat.ts';
import type { ChatKeys } from '../store/keys.ts';

/**
 * Chat messages in Redis: one stream per conversation. Stream ids are given by Redis, so every process numbers a
 * conversation's messages on one clock, in order, and an id doubles as the paging cursor and the message's time.
 */

/** The conversation of a message: the two users of a direct message (in either order) or a team's room. */
export function conversationOf(from: string, to: ChatPeer): string {
  if (to.kind === 'team') return `team:${to.id}`;
  const [a, b] = [from, to.id].sort();
  return `dm:${a}:${b}`;
}

// Deletes a conversation's messages older than a stream id, and the conversation itself once it is empty, at once:
// a message sent meanwhile lands either before (and is judged by its id) or after (and recreates the stream).
const TRIM = `
local trimmed = redis.call('XTRIM', KEYS[1], 'MINID', ARGV[1])
if redis.call('XLEN', KEYS[1]) == 0 then
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[2], KEYS[1])
end
return trimmed`;

/** Above every stream id: trims everything. */
const END_OF_TIME = '18446744073709551615';

export class ChatStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: ChatKeys,
  ) {}

  async append(from: string, to: ChatPeer, text: string): Promise<ChatMessage> {
    const key = this.keys.messages(conversationOf(from, to));
    const results = await this.redis
      .multi()
      .xadd(key, '*', 'from', from, 'kind', to.kind, 'to', to.id, 'text', text)
      .sadd(this.keys.conversations, key)
      .exec();
    const [error, id] = results?.[0] ?? [new Error('the message was not stored')];
    if (error) throw error;
    return message(String(id), { from, kind: to.kind, to: to.id, text });
  }

  /** Newest first, older than `before` (a message id) when given. */
  async page(conversation: string, before: string | undefined, limit: number): Promise<ChatPage> {
    const key = this.keys.messages(conversation);
    const entries = await this.redis.xrevrange(key, before ? `(${before}` : '+', '-', 'COUNT', limit + 1);
    const messages = entries.slice(0, limit).map(([id, fields]) => message(id, fieldsOf(fields)));
    return { messages, before: entries.length > limit ? messages.at(-1)!.id : null };
  }

  /** Deletes the messages sent before `beforeMs` (all with null); resolves with how many went. */
  async purge(beforeMs: number | null): Promise<number> {
    const streams = await this.redis.smembers(this.keys.conversations);
    if (streams.length === 0) return 0;
    const cutoff = beforeMs === null ? END_OF_TIME : String(beforeMs);
    const pipe = this.redis.pipeline();
    for (const key of streams) pipe.eval(TRIM, 2, key, this.keys.conversations, cutoff);
    const results = (await pipe.exec()) ?? [];
    return results.reduce((sum, [error, trimmed]) => {
      if (error) throw error;
      return sum + Number(trimmed);
    }, 0);
  }
}

interface StoredFields {
  readonly from: string;
  readonly kind: string;
  readonly to: string;
  readonly text: string;
}

function fieldsOf(flat: string[]): StoredFields {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  return { from: fields.from ?? '', kind: fields.kind ?? '', to: fields.to ?? '', text: fields.text ?? '' };
}

function message(id: string, fields: StoredFields): ChatMessage {
  const to: ChatPeer = { kind: fields.kind === 'team' ? 'team' : 'user', id: fields.to };
  return { id, from: fields.from, to, text: fields.text, time: new Date(Number(id.split('-')[0])).toISOString() };
}
