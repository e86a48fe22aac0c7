import { readFileSync } from 'node:fs';
import { traceFile, type Scenario } from './traces.ts';

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
  return readFileSync(traceFile(scenario, 'queue_log'), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const [time = '0', callId = '', queue = '', agent = '', event = '', ...data] = line.split('|');
      return { time: Number(time), callId, queue, agent, event, data };
    });
}

/** What queue_log says about one queue, in the terms of our counters. */
export interface QueueLogTotals {
  joined: number;
  answered: number;
  abandoned: number;
  timedOut: number;
  exitedEmpty: number;
  exitedWithKey: number;
  withdrawn: number;
  answeredWithinSl: number;
  ringNoAnswer: number;
  transferred: number;
  /** app_queue's Completed: every answered call that ended, transfers included. */
  asteriskCompleted: number;
  /** app_queue's Abandoned: hang-ups, timeouts, withdrawals and empty-queue exits. */
  asteriskAbandoned: number;
}

const COMPLETIONS = new Set(['COMPLETECALLER', 'COMPLETEAGENT', 'BLINDTRANSFER', 'ATTENDEDTRANSFER']);

export function queueLogTotals(
  entries: readonly QueueLogEntry[],
  queue: string,
  serviceLevelSec: number,
): QueueLogTotals {
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
