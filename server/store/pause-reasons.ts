import type { Redis } from '../redis-client.ts';
import { DEFAULT_PAUSE_REASONS } from '../contract/agent-actions.ts';

/**
 * The center's pause reasons as stored: one JSON array under `key` (absent: the defaults). Shared by the agent actions
 * that offer them and the configuration backup that saves them.
 */
export async function readPauseReasons(redis: Redis, key: string): Promise<string[]> {
  const stored = await redis.get(key);
  if (stored === null) return [...DEFAULT_PAUSE_REASONS];
  const parsed: unknown = JSON.parse(stored);
  return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : [];
}

export function pauseReasonsValue(reasons: readonly string[]): string {
  return JSON.stringify(reasons);
}
