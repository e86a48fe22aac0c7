import type { OrgRecords } from '../access/org/store.ts';
import type { Redis } from '../redis-client.ts';
import type { Transport } from '../realtime/transport.ts';
import type { Purger } from '../stats/redis/retention.ts';
import { chatKeys } from '../store/keys.ts';
import { ChatService } from './service.ts';
import {
  chatCommands,
  chatDelivery,
  SendLimiter,
  type ChatCommands,
  type ChatSocket,
  type SendLimit,
} from './socket.ts';
import { ChatStore } from './store.ts';

export interface ChatDeps {
  readonly redis: Redis;
  /** REDIS_PREFIX. */
  readonly prefix: string;
  readonly transport: Transport;
  /** The organisation and its accounts as they are now. */
  readonly directory: () => Promise<OrgRecords>;
  /** The user a socket was admitted as; undefined for a kiosk. */
  readonly userOf: (socket: ChatSocket) => string | undefined;
  readonly sendLimit?: SendLimit;
}

export interface Chat {
  /** A socket's chat commands, to spread into its dispatchCommands handlers; a user's socket joins their room. */
  readonly commands: (socket: ChatSocket) => ChatCommands;
  /** The "chat messages" retention category's purge. */
  readonly purge: Purger;
}

/** Chat, wired: messages in Redis, decisions from the organisation, delivery to users' rooms on every process. */
export function createChat(deps: ChatDeps): Chat {
  const store = new ChatStore(deps.redis, chatKeys(deps.prefix));
  const service = new ChatService(store, deps.directory, chatDelivery(deps.transport));
  const limiter = new SendLimiter(deps.sendLimit);
  return {
    commands: (socket) => chatCommands(socket, deps.userOf(socket), service, limiter),
    purge: (beforeMs) => store.purge(beforeMs),
  };
}
