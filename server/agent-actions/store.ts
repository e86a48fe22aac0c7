import type { Redis } from '../redis-client.ts';
import { DEFAULT_PAUSE_REASONS, type ActionLogEntry } from '../contract/agent-actions.ts';
import type { AgentActionKeys } from '../store/keys.ts';
import { TimedLog } from '../store/timed-log.ts';

/**
 * The center's pause reasons, and the action log (actions on agents and callbacks) that the "Agent actions log"
 * retention category purges.
 */
export class AgentActionStore {
  readonly log: TimedLog<ActionLogEntry>;

  constructor(
    private readonly redis: Redis,
    private readonly keys: AgentActionKeys,
  ) {
    this.log = new TimedLog(redis, keys.log);
  }

  async reasons(): Promise<string[]> {
    const stored = await this.redis.get(this.keys.reasons);
    if (stored === null) return [...DEFAULT_PAUSE_REASONS];
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
  }

  async setReasons(reasons: readonly string[]): Promise<void> {
    await this.redis.set(this.keys.reasons, JSON.stringify(reasons));
  }
}
