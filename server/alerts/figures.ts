import type { AlertRule } from '../contract/alerts.ts';
import type { BoardSnapshot } from '../contract/board.ts';
import { agentStates, combineQueues } from '../contract/figures.ts';
import type { QueueStats } from '../contract/stats.ts';
import type { FigureOf } from './evaluate.ts';

/**
 * The figures rules watch, taken from where the board takes them: today's service level and the callers waiting from
 * the statistics engine (each queue's by its own formula; the center's added up by combineQueues), the agents
 * available from the board's agents (agentStates, as the tiles count them), the link from the board's link.
 */
export function figuresOf(queues: readonly QueueStats[], board: Pick<BoardSnapshot, 'agents' | 'link'>): FigureOf {
  const byName = new Map(queues.map((queue) => [queue.name, queue]));
  const available = new Map<string | null, number>();
  const availableIn = (queue: string | null): number => {
    let count = available.get(queue);
    if (count === undefined) {
      count = agentStates(board.agents, queue === null ? [] : [queue]).available;
      available.set(queue, count);
    }
    return count;
  };
  let center: ReturnType<typeof combineQueues> | undefined;
  return (rule: AlertRule): number | null => {
    if (rule.metric === 'amiDown') return board.link.ami.up ? 0 : 1;
    if (rule.metric === 'available')
      return rule.queue !== null && !byName.has(rule.queue) ? null : availableIn(rule.queue);
    const of = rule.queue === null ? queues : [byName.get(rule.queue)].filter((queue) => queue !== undefined);
    if (of.length === 0) return null;
    switch (rule.metric) {
      case 'serviceLevel':
        return rule.queue === null ? (center ??= combineQueues(queues)).serviceLevelPct : of[0]!.serviceLevelPct;
      case 'waiting':
        return of.reduce((sum, queue) => sum + queue.waiting, 0);
      case 'longestWait':
        return of.reduce((longest, queue) => Math.max(longest, queue.longestWaitingSec ?? 0), 0);
    }
  };
}
