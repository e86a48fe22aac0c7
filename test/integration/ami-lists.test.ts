import { afterEach, describe, expect, it } from 'vitest';
import { single } from '../../server/ami/field-check.ts';
import { AmiResponseError } from '../../server/ami/types.ts';
import { startClient, type TestClient } from '../support/ami-client.ts';
import { amiMessage } from '../support/ami-wire.ts';
import { startFakeAmi, type FakeAmi } from '../support/fake-ami.ts';
import { waitFor } from '../support/wait.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setup(options: Parameters<typeof startFakeAmi>[0], client: Parameters<typeof startClient>[1] = {}) {
  const server: FakeAmi = await startFakeAmi(options);
  cleanup.push(() => server.close());
  const c: TestClient = startClient(server.port, client);
  cleanup.push(() => c.connection.stop());
  await waitFor(() => c.connection.status().state === 'live', 'state live');
  return { server, c };
}

const newchannel = (uniqueid: string, extra: Record<string, string> = {}) =>
  amiMessage({ Event: 'Newchannel', Privilege: 'call,all', Uniqueid: uniqueid, ...extra });

describe('AMI list actions', () => {
  it('collects items amid unsolicited events, foreign list items and foreign responses', async () => {
    const { c } = await setup({
      onAction: (action, session) => {
        if (action.name !== 'Status') return false;
        const id = action.id;
        session.send(
          amiMessage({ Response: 'Success', ActionID: id, EventList: 'start', Message: 'Channel status will follow' }) +
            newchannel('1.1') +
            // Another client's list, announced and not: neither its items nor its responses are events.
            amiMessage({ Response: 'Success', ActionID: 'other-7', EventList: 'start', Message: 'will follow' }) +
            amiMessage({ Event: 'Status', Privilege: 'Call', ActionID: 'other-7', Channel: 'theirs' }) +
            amiMessage({ Event: 'DeviceStateChange', ActionID: 'other-8', Device: 'Queue:sales', State: 'INUSE' }) +
            amiMessage({ Event: 'Status', Privilege: 'Call', ActionID: id, Channel: 'ours-1' }) +
            amiMessage({ Response: 'Success', ActionID: 'other-9', Message: 'Originate successfully queued' }) +
            // An event with an ActionID that is still an event: it goes to every session.
            amiMessage({
              Event: 'OriginateResponse',
              Privilege: 'call,all',
              ActionID: 'other-9',
              Response: 'Success',
            }) +
            amiMessage({ Event: 'Status', Privilege: 'Call', ActionID: id, Channel: 'ours-2' }) +
            amiMessage({ Event: 'StatusComplete', ActionID: 'other-7', EventList: 'Complete', ListItems: 1 }) +
            newchannel('1.2') +
            amiMessage({ Event: 'StatusComplete', ActionID: id, EventList: 'Complete', ListItems: 2, Items: 2 }),
        );
        return true;
      },
    });
    const ignoredBefore = c.connection.status().counters.ignored;
    const result = await c.connection.listAction('Status');
    expect(result.response).toMatchObject({ response: 'Success', eventlist: 'start' });
    expect(result.items.map((item) => item.channel)).toEqual(['ours-1', 'ours-2']);
    expect(result.complete).toMatchObject({ event: 'StatusComplete', listitems: '2' });
    await waitFor(() => c.eventNames().length >= 4, 'the unsolicited events');
    expect(c.eventNames()).toEqual(['FullyBooted', 'Newchannel', 'OriginateResponse', 'Newchannel']);
    expect(c.connection.status().counters.ignored - ignoredBefore).toBe(5);
  });

  it('rejects a list answered with Response: Error, and a list action that starts no list', async () => {
    const { c } = await setup({
      onAction: (action, session) => {
        if (action.name === 'QueueStatus' && action.fields.queue === 'nope') {
          session.send(amiMessage({ Response: 'Error', ActionID: action.id, Message: 'No such queue' }));
          return true;
        }
        return false;
      },
    });
    const error: unknown = await c.connection.listAction('QueueStatus', { Queue: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmiResponseError);
    expect((error as AmiResponseError).message).toBe('QueueStatus: No such queue');
    await expect(c.connection.listAction('Ping')).rejects.toThrow(/did not start an event list/);
  });

  it('times out a list that stops flowing', async () => {
    const { c } = await setup(
      {
        onAction: (action, session) => {
          if (action.name !== 'QueueStatus' || action.fields.queue !== 'slow') return false;
          session.send(amiMessage({ Response: 'Success', ActionID: action.id, EventList: 'start' }));
          return true;
        },
      },
      { actionTimeoutMs: 200 },
    );
    await expect(c.connection.listAction('QueueStatus', { Queue: 'slow' })).rejects.toThrow(/no answer within 200 ms/);
  });
});

describe('AMI resync', () => {
  it('delivers link up and resync before the events that arrived during the resync, in arrival order', async () => {
    const { c } = await setup({
      lists: { QueueSummary: [{ Event: 'QueueSummary', Queue: 'sales', Available: 1 }] },
      onAction: (action, session) => {
        if (action.name === 'QueueStatus') {
          session.send(
            amiMessage({ Response: 'Success', ActionID: action.id, EventList: 'start' }) +
              newchannel('2.1') +
              amiMessage({ Event: 'QueueParams', ActionID: action.id, Queue: 'sales' }) +
              newchannel('2.2') +
              amiMessage({ Event: 'QueueStatusComplete', ActionID: action.id, EventList: 'Complete', ListItems: 1 }),
          );
          return true;
        }
        if (action.name === 'CoreShowChannels') session.send(newchannel('2.3'));
        return false;
      },
    });
    const order = c.inputs.map((input) => {
      if (input.type !== 'event') return input.type;
      return `${single(input.fields, 'event') ?? ''} ${single(input.fields, 'uniqueid') ?? ''}`.trim();
    });
    expect(order).toEqual(['link', 'resync', 'FullyBooted', 'Newchannel 2.1', 'Newchannel 2.2', 'Newchannel 2.3']);
    const resync = c.inputs[1]!;
    if (resync.type !== 'resync') throw new Error('expected the resync input');
    expect(resync.lists.queueStatus.map((item) => item.event)).toEqual(['QueueParams']);
    expect(resync.lists.queueSummary.map((item) => item.queue)).toEqual(['sales']);
    expect(resync.lists.channels).toEqual([]);
  });

  it('drops the connection and resyncs again when the buffer of events overflows during a resync', async () => {
    let floods = 0;
    const { server, c } = await setup(
      {
        onAction: (action, session) => {
          if (action.name === 'QueueStatus' && floods === 0) {
            floods += 1;
            for (let i = 0; i < 20; i += 1) session.send(newchannel(`3.${i}`));
          }
          return false;
        },
      },
      { maxBufferedEvents: 10 },
    );
    expect(server.logins()).toBe(2);
    expect(c.statuses.map((s) => s.status.lastError).find(Boolean)).toMatch(
      /more than 10 events arrived during the resync/,
    );
    expect(c.inputs.filter((input) => input.type === 'resync')).toHaveLength(1);
  });
});

describe('AMI event time', () => {
  it('uses the Timestamp header when present, else the injected clock', async () => {
    const now = 1_795_843_000_000;
    const { server, c } = await setup({}, { clock: () => now });
    server.sessions[0]!.send(
      amiMessage({ Event: 'Newchannel', Privilege: 'call,all', Timestamp: '1795843699.551684', Uniqueid: 'a' }) +
        newchannel('b'),
    );
    await waitFor(() => c.eventNames().length === 3, 'two events after FullyBooted');
    const times = c.inputs.flatMap((input) => (input.type === 'event' ? [input.at] : []));
    expect(times).toEqual([now, 1_795_843_699_552, now]);
    expect(c.inputs[0]).toMatchObject({ type: 'link', at: now });
    expect(c.connection.status().lastEventAt).toBe(now);
  });
});
