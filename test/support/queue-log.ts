import type { QueueCountersView } from '../../server/contract/live.ts';
import { readTraceFile, type Scenario } from './traces.ts';

/** One line of app_queue's queue_log: `time|callid|queue|agent|event|data...`. */
export interface QueueLogEntry {
  time: number;
  callId: string;
  queue: string;
  agent: string;
  event: string;
  data: string[];
}

export function readQueueLog(scenario: Scenario): QueueLogEntry[] {
  return parseQueueLog(readTraceFile(scenario, 'queue_log').toString('utf8').split('\n'));
}

export function parseQueueLog(lines: readonly string[]): QueueLogEntry[] {
  return lines
    .filter((line) => line.length > 0)
    .map((line) => {
      const [time = '0', callId = '', queue = '', agent = '', event = '', ...data] = line.split('|');
      return { time: Number(time), callId, queue, agent, event, data };
    });
}

const COMPLETIONS = new Set(['COMPLETECALLER', 'COMPLETEAGENT', 'BLINDTRANSFER', 'ATTENDEDTRANSFER']);

/** What queue_log says about one queue, in the terms of our counters. */
export function queueLogTotals(
  entries: readonly QueueLogEntry[],
  queue: string,
  serviceLevelSec: number,
): QueueCountersView {
  const mine = entries.filter((entry) => entry.queue === queue);
  const count = (event: string) => mine.filter((entry) => entry.event === event).length;
  return {
    joined: count('ENTERQUEUE'),
    answered: count('CONNECT'),
    abandoned: count('ABANDON'),
    timedOut: count('EXITWITHTIMEOUT'),
    exitedEmpty: count('EXITEMPTY'),
    exitedWithKey: count('EXITWITHKEY'),
    withdrawn: count('WITHDRAW'),
    // CONNECT's first data field is the hold time in whole seconds.
    answeredWithinSl: mine.filter((entry) => entry.event === 'CONNECT' && Number(entry.data[0]) <= serviceLevelSec)
      .length,
    ringNoAnswer: count('RINGNOANSWER'),
    transferred: count('BLINDTRANSFER') + count('ATTENDEDTRANSFER'),
    asteriskCompleted: mine.filter((entry) => COMPLETIONS.has(entry.event)).length,
    asteriskAbandoned: count('ABANDON') + count('EXITWITHTIMEOUT') + count('EXITEMPTY') + count('WITHDRAW'),
  };
}
