import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { ok } from '../../server/contract/result.ts';
import { HOLDER_UNAVAILABLE, HolderRequests } from '../../server/holder/requests.ts';
import { holderKeys } from '../../server/store/keys.ts';
import { uniquePrefix } from '../support/board-app.ts';
import { ManualTimers } from '../support/manual-timers.ts';
import { testLogger } from '../support/test-logger.ts';
import { waitFor } from '../support/wait.ts';

/** Two processes' request paths on one real Redis: one holds the lease and answers, the other asks. */
const opened: Redis[] = [];
const closers: (() => void)[] = [];

afterEach(() => {
  for (const close of closers.splice(0)) close();
  opened.splice(0).forEach((redis) => redis.disconnect());
});

async function processOn(prefix: string, timers = new ManualTimers()) {
  const url = inject('redisUrl');
  const publisher = new Redis(url);
  const subscriber = new Redis(url);
  opened.push(publisher, subscriber);
  const requests = new HolderRequests({
    publisher,
    subscriber,
    channels: holderKeys(prefix),
    log: testLogger(),
    timers,
  });
  closers.push(() => requests.close());
  await requests.start();
  return { requests, timers };
}

describe('requests to the AMI lease holder', () => {
  it('are answered by the process that holds the lease, on its topic only', async () => {
    const prefix = uniquePrefix();
    const asker = await processOn(prefix);
    const holder = await processOn(prefix);
    const seen: string[] = [];
    asker.requests.topic<string, string>('echo').serve(() => Promise.resolve(undefined));
    holder.requests.topic<string, string>('echo').serve((request) => {
      seen.push(request);
      return Promise.resolve(ok(`heard ${request}`));
    });
    holder.requests.topic<string, string>('other').serve(() => Promise.resolve(ok('wrong topic')));
    const echo = (await processOn(prefix)).requests.topic<string, string>('echo');

    expect(await echo.ask('Pause')).toEqual({ ok: true, data: 'heard Pause' });
    expect(seen).toEqual(['Pause']);
  });

  it('tell the asker, in a sentence, that nobody reads Asterisk when no holder answers in time', async () => {
    const prefix = uniquePrefix();
    const asker = await processOn(prefix);
    const follower = await processOn(prefix);
    let asked = 0;
    follower.requests.topic<string, string>('echo').serve(() => {
      asked += 1;
      return Promise.resolve(undefined);
    });
    const echo = asker.requests.topic<string, string>('echo');
    const answer = echo.ask('Pause');
    await waitFor(() => asked === 1, 'the request on the other process');
    asker.timers.advance(5_000);
    expect(await answer).toEqual({ ok: false, error: HOLDER_UNAVAILABLE });

    const own = asker.requests.topic<string, string>('own', { unavailable: 'Asterisk is not connected.' });
    const pending = own.ask('x');
    asker.timers.advance(5_000);
    expect(await pending).toEqual({ ok: false, error: 'Asterisk is not connected.' });
  });

  it("answer a handler's failure with the topic's message, and keep serving", async () => {
    const prefix = uniquePrefix();
    const holder = await processOn(prefix);
    let calls = 0;
    const topic = holder.requests.topic<string, string>('flaky', { failed: 'Pausing failed: try again.' });
    topic.serve((request) => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('boom')) : Promise.resolve(ok(request));
    });
    expect(await topic.ask('a')).toEqual({ ok: false, error: 'Pausing failed: try again.' });
    expect(await topic.ask('b')).toEqual({ ok: true, data: 'b' });
  });

  it('refuse a second topic of the same name', async () => {
    const { requests } = await processOn(uniquePrefix());
    requests.topic('actions');
    expect(() => requests.topic('actions')).toThrow(/taken/);
  });
});
