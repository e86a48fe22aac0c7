import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAmiConnection } from '../../server/ami/connection.ts';
import type { AmiConnection } from '../../server/ami/types.ts';
import type { AmiFields } from '../../server/domain/input.ts';
import { initialState, reduce } from '../../server/domain/reducer.ts';
import type { LiveState } from '../../server/domain/state.ts';
import { startSimulator, type Simulator } from '../../server/sim/index.ts';
import { testLogger } from '../support/test-logger.ts';
import { waitFor } from '../support/wait.ts';

/**
 * The simulator and the reducer are independent models of the same PBX that share only the wire. Driving the reducer
 * with an hour of simulated traffic must end in what the simulator itself lists: members, waiting callers and
 * app_queue's Completed/Abandoned.
 */

const text = (fields: AmiFields, key: string): string => {
  const value = fields[key];
  return typeof value === 'string' ? value : '';
};

describe('reducer against the simulator', () => {
  let sim: Simulator;
  let connection: AmiConnection;
  let state: LiveState = initialState();

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, clock: 'manual', seed: 11, rate: 9, startTime: Date.UTC(2026, 10, 2, 8) });
    connection = createAmiConnection(
      {
        host: '127.0.0.1',
        port: sim.port,
        username: 'wallboard',
        secret: 'wallboard-demo-secret',
        logger: testLogger('ami'),
      },
      (input) => {
        state = reduce(state, input).state;
      },
    );
    connection.start();
    await waitFor(() => connection.status().state === 'live', 'the connection to go live');
  });

  afterAll(async () => {
    await connection.stop();
    await sim.close();
  });

  it('ends in the state the simulator lists', async () => {
    for (let minute = 0; minute < 60; minute += 1) {
      for (let second = 0; second < 60; second += 5) sim.advance(5_000);
      // A response comes after every event written before it: once the Ping is answered, all of them are reduced.
      await connection.action('Ping');
    }
    const listed = await connection.listAction('QueueStatus');
    const params = listed.items.filter((item) => text(item, 'event') === 'QueueParams');
    expect(params.length).toBeGreaterThan(0);
    let answered = 0;
    for (const queueParams of params) {
      const name = text(queueParams, 'queue');
      const queue = state.queues[name];
      expect(queue, name).toBeDefined();
      if (!queue) continue;
      answered += queue.counters.answered;
      expect(queue.counters.asteriskCompleted, `${name} Completed`).toBe(Number(text(queueParams, 'completed')));
      expect(queue.counters.asteriskAbandoned, `${name} Abandoned`).toBe(Number(text(queueParams, 'abandoned')));
      expect(queue.counters.abandoned + queue.counters.timedOut, `${name} abandons and timeouts`).toBe(
        queue.counters.asteriskAbandoned,
      );

      const members = listed.items
        .filter((item) => text(item, 'event') === 'QueueMember' && text(item, 'queue') === name)
        .map((item) => ({
          interface: text(item, 'location'),
          status: Number(text(item, 'status')),
          paused: text(item, 'paused') === '1',
          callsTaken: Number(text(item, 'callstaken')),
        }))
        .sort((a, b) => a.interface.localeCompare(b.interface));
      const ours = queue.members
        .values()
        .map((m) => ({ interface: m.interface, status: m.status, paused: m.paused, callsTaken: m.callsTaken }))
        .sort((a, b) => a.interface.localeCompare(b.interface));
      expect(ours, `${name} members`).toEqual(members);

      const waiting = listed.items
        .filter((item) => text(item, 'event') === 'QueueEntry' && text(item, 'queue') === name)
        .map((item) => ({ id: text(item, 'uniqueid'), position: Number(text(item, 'position')) }));
      const ourWaiting = state.calls
        .waiting(name)
        .map((call) => ({ id: call.id, position: state.calls.position(call.id) }));
      expect(ourWaiting, `${name} waiting`).toEqual(waiting);
    }
    // An hour at 9 calls a minute: the comparison is not vacuous.
    expect(answered).toBeGreaterThan(100);
  });
});
