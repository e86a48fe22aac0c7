import net from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { AmiUnavailableError } from '../../server/ami/types.ts';
import { startClient, type TestClient } from '../support/ami-client.ts';
import { startFakeAmi, type FakeAmi } from '../support/fake-ami.ts';
import { ManualTimers } from '../support/manual-timers.ts';
import { quietPeriod, waitFor } from '../support/wait.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function fake(options: Parameters<typeof startFakeAmi>[0] = {}): Promise<FakeAmi> {
  const server = await startFakeAmi(options);
  cleanup.push(() => server.close());
  return server;
}

function client(port: number, options: Parameters<typeof startClient>[1] = {}): TestClient {
  const started = startClient(port, options);
  cleanup.push(() => started.connection.stop());
  return started;
}

const live = (c: TestClient) => waitFor(() => c.connection.status().state === 'live', 'state live');

function delayOf(line: string): number[] {
  const entry = JSON.parse(line) as { msg?: string; delayMs?: number };
  return entry.msg === 'AMI reconnect scheduled' && entry.delayMs !== undefined ? [entry.delayMs] : [];
}

/** A port where nothing listens. */
async function refusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('AMI connection: login', () => {
  it('logs in with Events: on and our ActionIDs, resyncs, then delivers link up, resync and events', async () => {
    const server = await fake({ lists: { QueueStatus: [{ Event: 'QueueParams', Queue: 'sales', Calls: 0 }] } });
    const c = client(server.port);
    await live(c);
    await waitFor(() => c.eventNames().includes('FullyBooted'), 'FullyBooted');

    const actions = server.sessions[0]!.actions;
    expect(actions.map((a) => a.name)).toEqual(['Login', 'QueueStatus', 'QueueSummary', 'CoreShowChannels']);
    expect(actions[0]!.fields).toMatchObject({ username: 'wallboard', events: 'on' });
    for (const action of actions) expect(action.id).toMatch(/^tablica-[0-9a-z]+-\d+$/);
    expect(new Set(actions.map((a) => a.id)).size).toBe(actions.length);

    expect(c.inputs.map((input) => input.type)).toEqual(['link', 'resync', 'event']);
    expect(c.inputs[0]).toMatchObject({ type: 'link', up: true });
    const resync = c.inputs[1]!;
    expect(resync.type === 'resync' && resync.lists.queueStatus).toEqual([
      { event: 'QueueParams', actionid: actions[1]!.id, queue: 'sales', calls: '0' },
    ]);
    const status = c.connection.status();
    expect(status).toMatchObject({ state: 'live', counters: { events: 1, reconnects: 0 } });
    expect(status.connectedAt).toBeTypeOf('number');
    expect(status.lastError).toBeUndefined();
  });

  it('reports wrong credentials as auth-failed "Authentication failed", retries with back-off, never goes live', async () => {
    const server = await fake({ secret: 'the-right-one' });
    const c = client(server.port, { reconnect: { minMs: 20, maxMs: 80 } });
    await waitFor(() => c.connection.status().state === 'auth-failed', 'auth-failed');
    expect(c.connection.status().lastError).toBe('Authentication failed');
    await waitFor(() => server.sessions.length >= 4, 'three retries');
    expect(server.logins()).toBe(0);
    expect(c.inputs).toEqual([]);
    expect(c.statuses.some((s) => s.status.state === 'live')).toBe(false);
    // Nothing but the Login is ever sent on a session that did not log in.
    for (const session of server.sessions) expect(session.actions.every((a) => a.name === 'Login')).toBe(true);
  });
});

describe('AMI connection: reconnect', () => {
  it('reconnects after a drop with link down then link up + resync; the back-off restarts at its first step', async () => {
    const server = await fake();
    const scheduled: number[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void scheduled.push(...delayOf(line)) });
    const c = client(server.port, { reconnect: { minMs: 500, maxMs: 5_000 }, logger });
    await live(c);
    for (let drop = 1; drop <= 3; drop += 1) {
      server.sessions.at(-1)!.socket.destroy();
      await waitFor(() => server.logins() === drop + 1, `login after drop ${drop}`, { timeoutMs: 2_000 });
      await live(c);
    }
    // Each drop came after a successful login: every delay was drawn from the first step (250–500 ms), none grew.
    expect(scheduled).toHaveLength(3);
    for (const delay of scheduled) expect(delay).toBeGreaterThanOrEqual(250);
    for (const delay of scheduled) expect(delay).toBeLessThanOrEqual(500);
    const links = c.inputs.flatMap((input) =>
      input.type === 'event' ? [] : [input.type === 'link' ? input.up : 'resync'],
    );
    expect(links).toEqual([true, 'resync', false, true, 'resync', false, true, 'resync', false, true, 'resync']);
    expect(c.connection.status().counters.reconnects).toBe(3);
  });

  it('backs off with growing, jittered delays while the server refuses, and tries again only when each delay ran out', async () => {
    const port = await refusedPort();
    // The delays the connection schedules, from its own log; its timers move only when the test moves them.
    const scheduled: number[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void scheduled.push(...delayOf(line)) });
    const timers = new ManualTimers();
    const c = client(port, { reconnect: { minMs: 40, maxMs: 320 }, logger, timers });
    const attempts = () => c.statuses.filter((s) => s.status.state === 'connecting').length;
    for (let i = 0; i < 7; i += 1) {
      await waitFor(() => scheduled.length === i + 1, `delay ${i + 1} scheduled`);
      expect(attempts()).toBe(i + 1);
      timers.advance(scheduled[i]! - 1);
      expect(attempts(), `no attempt before delay ${i + 1} ran out`).toBe(i + 1);
      timers.advance(1);
      expect(attempts()).toBe(i + 2);
    }
    // Steps 40, 80, 160, 320 (the cap), each delay drawn from the upper half of its step.
    [40, 80, 160, 320, 320, 320, 320].forEach((step, i) => {
      expect(scheduled[i]).toBeGreaterThanOrEqual(step / 2);
      expect(scheduled[i]).toBeLessThanOrEqual(step);
    });
    expect(new Set(scheduled.slice(3, 7)).size).toBeGreaterThan(1);
    expect(c.connection.status().lastError).toContain('ECONNREFUSED');
  });

  it('never stacks timers or connections when drops come fast and from several sides', async () => {
    let open = 0;
    let maxOpen = 0;
    const server = await fake({
      onLogin: (session) => {
        // Close, error and a guard trip at once would each try to end the connection.
        session.send(`Event: Flood\r\nX: ${'y'.repeat(5_000)}`);
        session.socket.destroy();
      },
    });
    const counting = net.createServer((socket) => {
      open += 1;
      maxOpen = Math.max(maxOpen, open);
      const upstream = net.connect(server.port, '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      const close = (): void => {
        socket.destroy();
        upstream.destroy();
      };
      socket.on('close', () => {
        open -= 1;
        close();
      });
      upstream.on('close', close);
      socket.on('error', close);
      upstream.on('error', close);
    });
    await new Promise<void>((resolve) => counting.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => counting.close(() => resolve())));
    const port = (counting.address() as net.AddressInfo).port;

    const c = client(port, { reconnect: { minMs: 5, maxMs: 20 }, maxMessageBytes: 1_000 });
    await waitFor(() => server.logins() >= 20, 'twenty drops', { timeoutMs: 5_000 });
    expect(maxOpen).toBe(1);
    await c.connection.stop();
    const sessions = server.sessions.length;
    await quietPeriod(100);
    expect(server.sessions.length).toBe(sessions);
    expect(c.connection.status().state).toBe('stopped');
  });
});

describe('AMI connection: actions', () => {
  it('rejects actions while disconnected, before start and after stop, with a clear error', async () => {
    const port = await refusedPort();
    const c = client(port);
    await expect(c.connection.action('Ping')).rejects.toThrow(/Ping: not connected to AMI/);
    await waitFor(() => c.connection.status().state === 'disconnected', 'disconnected');
    await expect(c.connection.listAction('QueueStatus')).rejects.toBeInstanceOf(AmiUnavailableError);
    await c.connection.stop();
    await expect(c.connection.action('Ping')).rejects.toThrow(/not connected to AMI \(stopped\)/);
  });

  it('times out an unanswered action without harming the connection', async () => {
    const server = await fake({ onAction: (action) => action.name === 'Stall' });
    const c = client(server.port, { actionTimeoutMs: 150 });
    await live(c);
    await expect(c.connection.action('Stall')).rejects.toThrow(/Stall: no answer within 150 ms/);
    await expect(c.connection.action('Ping')).resolves.toMatchObject({ response: 'Success', ping: 'Pong' });
    expect(c.connection.status().state).toBe('live');
  });

  it('rejects pending actions when the connection drops, and refuses values that would inject headers', async () => {
    const server = await fake({ onAction: (action) => action.name === 'Stall' });
    const c = client(server.port);
    await live(c);
    await expect(c.connection.action('QueuePause', { Reason: 'a\r\nAction: Hangup' })).rejects.toThrow(/line break/);
    const pending = c.connection.action('Stall');
    server.sessions[0]!.socket.destroy();
    await expect(pending).rejects.toThrow(/AMI connection lost/);
  });

  it('resolves non-list actions with their response and rejects Response: Error', async () => {
    const server = await fake();
    const c = client(server.port);
    await live(c);
    await expect(c.connection.action('Ping')).resolves.toMatchObject({ ping: 'Pong' });
    await expect(c.connection.action('NoSuchAction')).rejects.toThrow(/NoSuchAction: Invalid\/unknown command/);
  });
});
