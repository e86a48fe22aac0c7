import { describe, expect, it } from 'vitest';
import {
  emptyStats,
  recordAbandoned,
  recordCompleted,
  recordConnect,
  serviceLevelPerf,
  serviceLevelPerf2,
} from '../../server/sim/model/stats.ts';
import { rawPairs, readTraceMessages, type Scenario, readTraceFile } from '../support/traces.ts';

const SERVICE_LEVEL: Record<string, number> = { sales: 20, support: 30 };

/**
 * The simulator's queue counters, fed with a recorded run's queue_log (CONNECT, COMPLETE*, ABANDON,
 * EXITWITHTIMEOUT in order), must end where the real Asterisk's final QueueParams ended.
 */
describe('queue statistics under app_queue definitions', () => {
  for (const scenario of ['09-load', '11-midstream', '12-timestamps', '17-cdr-events'] as Scenario[]) {
    it(`reproduces the final QueueParams of ${scenario}`, () => {
      const lines = readTraceFile(scenario, 'queue_log')
        .toString('utf8')
        .trim()
        .split('\n')
        .map((l) => l.split('|'));
      const finalParams = readTraceMessages(scenario)
        .filter((m) => m.name === 'QueueParams')
        .map((m) => Object.fromEntries(rawPairs(m.raw ?? '')));
      for (const queue of ['sales', 'support']) {
        const sl = SERVICE_LEVEL[queue] ?? 0;
        const stats = emptyStats();
        for (const [, , q, , event, d1, d2, d3] of lines) {
          if (q !== queue) continue;
          if (event === 'CONNECT') recordConnect(stats, Number(d1));
          if (event === 'COMPLETECALLER' || event === 'COMPLETEAGENT')
            recordCompleted(stats, Number(d2), Number(d1) <= sl);
          if (event === 'ABANDON' || event === 'EXITWITHTIMEOUT') recordAbandoned(stats, Number(d3), sl);
        }
        const expected = finalParams.filter((p) => p.Queue === queue).at(-1);
        expect({
          Holdtime: String(stats.holdtime),
          TalkTime: String(stats.talktime),
          Completed: String(stats.completed),
          Abandoned: String(stats.abandoned),
          ServicelevelPerf: serviceLevelPerf(stats),
          ServicelevelPerf2: serviceLevelPerf2(stats),
        }).toEqual({
          Holdtime: expected?.Holdtime,
          TalkTime: expected?.TalkTime,
          Completed: expected?.Completed,
          Abandoned: expected?.Abandoned,
          ServicelevelPerf: expected?.ServicelevelPerf,
          ServicelevelPerf2: expected?.ServicelevelPerf2,
        });
      }
    });
  }
});
