import { describe, expect, it } from 'vitest';
import type { BoardSnapshot } from '../../server/contract/board.ts';
import { entitiesFromSnapshot } from '../live/board-entities.ts';
import { queueMembership } from './queue-members.ts';

const agent = (iface: string, name: string) => ({ interface: iface, name }) as BoardSnapshot['agents'][number];

describe('queueMembership', () => {
  it("lists the queue's members and the board's other agents, each by name", () => {
    const entities = entitiesFromSnapshot({
      members: [
        { queue: 'sales', interface: 'Local/1002@agents', state: 'available' },
        { queue: 'sales', interface: 'Local/1001@agents', state: 'paused' },
        { queue: 'support', interface: 'Local/1003@agents', state: 'available' },
      ],
      agents: [
        agent('Local/1001@agents', 'Zoe'),
        agent('Local/1002@agents', 'Adam'),
        agent('Local/1003@agents', 'Cleo'),
        agent('Local/1004@agents', 'Bea'),
      ],
      queues: [],
      calls: [],
    } as unknown as BoardSnapshot);
    expect(queueMembership(entities, 'sales')).toEqual({
      members: [
        { interface: 'Local/1002@agents', name: 'Adam' },
        { interface: 'Local/1001@agents', name: 'Zoe' },
      ],
      others: [
        { interface: 'Local/1004@agents', name: 'Bea' },
        { interface: 'Local/1003@agents', name: 'Cleo' },
      ],
    });
  });
});
