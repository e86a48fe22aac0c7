import type { Redis } from '../redis-client.ts';
import type { Logger } from '../log.ts';

/** What every server process must hear at once: a TV or a browser that lost its access drops within a second. */
export type AccessEvent =
  /** One session ended (logout). */
  | { readonly type: 'sessionEnded'; readonly hash: string }
  /** Every session of a user ended (disabled, new password), but `keep`: the session that changed the password. */
  | { readonly type: 'userRevoked'; readonly userId: string; readonly keep?: string }
  | { readonly type: 'kioskRevoked'; readonly kioskId: string }
  /** Users, units, teams or policies changed: scopes must be worked out again. */
  | { readonly type: 'orgChanged' };

export type AccessListener = (event: AccessEvent) => void;

/** Access events over a Redis pub/sub channel: published on the store connection, heard on a connection of its own. */
export class AccessEvents {
  private readonly listeners = new Set<AccessListener>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channel: string,
    private readonly log: Logger,
  ) {
    subscriber.on('message', (from: string, message: string) => {
      if (from !== channel) return;
      let event: AccessEvent;
      try {
        event = JSON.parse(message) as AccessEvent;
      } catch {
        return this.log.warn({ channel }, 'unreadable access event ignored');
      }
      for (const listener of this.listeners) listener(event);
    });
  }

  /** Subscribes; ioredis subscribes again by itself after a reconnect. */
  async start(): Promise<void> {
    await this.subscriber.subscribe(this.channel);
  }

  async publish(event: AccessEvent): Promise<void> {
    await this.publisher.publish(this.channel, JSON.stringify(event));
  }

  /** Calls the listener on every event, this process's own included; returns a function that removes it. */
  on(listener: AccessListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
