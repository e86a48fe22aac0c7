import type { Redis } from '../redis-client.ts';
import type { ActionLogEntry } from '../contract/agent-actions.ts';
import type { AgentActionKeys } from '../store/keys.ts';
import { pauseReasonsValue, readPauseReasons } from '../store/pause-reasons.ts';
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

  reasons(): Promise<string[]> {
    return readPauseReasons(this.redis, this.keys.reasons);
  }

  async setReasons(reasons: readonly string[]): Promise<void> {
    await this.redis.set(this.keys.reasons, pauseReasonsValue(reasons));
  }
}
