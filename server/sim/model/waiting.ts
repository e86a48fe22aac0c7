/** The queue's waiting list, which both a waiting caller and an answered call leave. */
import { channelFields, event, varSet } from '../events.ts';
import type { Sim } from './sim.ts';
import type { Caller } from './types.ts';

/** QueueCallerLeave and QUEUEPOSITION: the caller leaves the waiting list (answered, abandoned, timed out). */
export function leaveQueue(sim: Sim, caller: Caller): void {
  const queue = caller.queue;
  const position = queue.callers.indexOf(caller) + 1;
  queue.callers.splice(position - 1, 1);
  if (queue.callers.length === 0) sim.devices.set(`Queue:${queue.cfg.name}`, 'NOT_INUSE');
  sim.hub.emit(
    event('QueueCallerLeave', 'agent', channelFields(caller.pair.two), [
      ['Queue', queue.cfg.name],
      ['Position', String(position)],
      ['Count', String(queue.callers.length)],
    ]),
  );
  sim.hub.emit(varSet(caller.pair.two, 'QUEUEPOSITION', String(position)));
}
