import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChatMessage } from '../../server/contract/chat.ts';
import type { Simulator } from '../../server/sim/index.ts';
import { startQuietSimulator, uniquePrefix } from '../support/board-app.ts';
import { simulatorBoardEnv, spawnBoard, type BoardProcess } from '../support/board-process.ts';
import { ChatOrg, toTeam, toUser, type ChatUser } from '../support/chat.ts';
import { waitFor } from '../support/wait.ts';

/** Two `npm start` processes on one Redis: a message sent through one reaches its users' sockets on the other. */
let sim: Simulator;
const processes: BoardProcess[] = [];
const users: ChatUser[] = [];

beforeAll(async () => {
  sim = await startQuietSimulator();
  const env = simulatorBoardEnv(sim.port, inject('redisUrl'), uniquePrefix(), 3_000);
  processes.push(await spawnBoard({ ...env, INSTANCE_ID: 'one' }), await spawnBoard({ ...env, INSTANCE_ID: 'two' }));
});

afterAll(async () => {
  for (const user of users) user.close();
  await Promise.all(processes.map((process) => process.stop()));
  await sim.close();
});

const has = (posted: unknown[], message: ChatMessage) => posted.some((item) => (item as ChatMessage).id === message.id);

describe('chat across server processes', () => {
  it('delivers to the sender and recipients on every process, and to no one else', async () => {
    const [one, two] = [processes[0]!.url, processes[1]!.url];
    const org = await ChatOrg.of(one);
    const [ann, bea, cid] = await Promise.all(['ann', 'bea', 'cid'].map((name) => org.user(name)));
    users.push(ann!, bea!, cid!);
    const annOnOne = await ann!.connect(one);
    const annOnTwo = await ann!.connect(two);
    const beaOnTwo = await bea!.connect(two);
    const cidOnTwo = await cid!.connect(two);
    const cidOnOne = await cid!.connect(one);

    const result = await annOnOne.send(toUser(bea!), 'across processes');
    if (!result.ok) throw new Error(result.error);
    const message = result.data;
    await waitFor(
      () => has(beaOnTwo.posted, message) && has(annOnTwo.posted, message) && has(annOnOne.posted, message),
      'delivery',
    );
    expect(beaOnTwo.posted).toEqual([message]);

    // The history is one, whichever process is asked.
    expect(await beaOnTwo.history({ with: toUser(ann!) })).toEqual({
      ok: true,
      data: { messages: [message], before: null },
    });

    // A team room through the other process; Cid (not in it) gets only his own barrier, on either process.
    const team = await org.team('Across', [ann!, bea!]);
    const roomMessage = await beaOnTwo.send(toTeam(team), 'room across processes');
    if (!roomMessage.ok) throw new Error(roomMessage.error);
    await waitFor(() => has(annOnOne.posted, roomMessage.data), 'the room message on the first process');
    const barrier = await beaOnTwo.send(toUser(cid!), 'barrier');
    if (!barrier.ok) throw new Error(barrier.error);
    await waitFor(
      () => has(cidOnOne.posted, barrier.data) && has(cidOnTwo.posted, barrier.data),
      'the barrier on both',
    );
    expect(cidOnOne.posted).toEqual([barrier.data]);
    expect(cidOnTwo.posted).toEqual([barrier.data]);
  });
});
