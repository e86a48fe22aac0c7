import type { QueueStats, StatsResponse } from '../../server/contract/stats.ts';
import { at } from './fixtures.ts';

/** Statistics as the server sends them (stats:watch), for the web app's tests. */
export function queueStats(name: string, fields: Partial<QueueStats> = {}): QueueStats {
  return {
    name,
    offered: 0,
    answered: 0,
    answeredWithinSl: 0,
    abandoned: 0,
    abandonedShort: 0,
    abandonedWithinSl: 0,
    abandonedAfterSl: 0,
    timedOut: 0,
    exitedEmpty: 0,
    exitedWithKey: 0,
    withdrawn: 0,
    left: 0,
    completed: 0,
    transferred: 0,
    ringNoAnswer: 0,
    holdSecAnswered: 0,
    holdSecUnanswered: 0,
    talkSec: 0,
    wrapSec: 0,
    maxWaitSec: 0,
    serviceLevelSec: 30,
    serviceLevelFormula: 'answered',
    shortAbandonSec: 5,
    serviceLevelMet: 0,
    serviceLevelOf: 0,
    serviceLevelPct: null,
    asaSec: null,
    avgWaitSec: null,
    avgTalkSec: null,
    ahtSec: null,
    waiting: 0,
    longestWaitingSec: null,
    ...fields,
  };
}

export function statsOf(queues: QueueStats[], sinceSec = -3600): StatsResponse {
  return { window: { since: at(sinceSec), until: at(0) }, queues, agents: [] };
}
