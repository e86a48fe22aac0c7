import { afterEach, describe, expect, it } from 'vitest';
import { startClient, type TestClient } from '../support/ami-client.ts';
import { startFakeAmi, type FakeAmi, type FakeSession } from '../support/fake-ami.ts';
import { waitFor } from '../support/wait.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function fake(options: Parameters<typeof startFakeAmi>[0]): Promise<FakeAmi> {
  const server = await startFakeAmi(options);
  cleanup.push(() => server.close());
  return server;
}

function client(port: number, options: Parameters<typeof startClient>[1]): TestClient {
  const c = startClient(port, options);
  cleanup.push(() => c.connection.stop());
  return c;
}

/** Writes `chunk` until the peer closes the connection (or `cap` bytes went out); resolves with the bytes sent. */
async function flood(session: FakeSession, chunk: string, cap: number): Promise<number> {
  let sent = 0;
  while (!session.socket.destroyed && sent < cap) {
    if (!session.socket.write(chunk)) {
      await new Promise((resolve) => {
        session.socket.once('drain', resolve);
        session.socket.once('close', resolve);
      });
    }
    sent += chunk.length;
  }
  return sent;
}

describe('AMI keepalive', () => {
  it('drops a server that accepts TCP and then never answers, and tries again', async () => {
    const server = await fake({ silent: true });
    const c = client(server.port, { actionTimeoutMs: 200 });
    await waitFor(() => server.sessions.length >= 2, 'a second attempt');
    expect(c.connection.status().lastError).toBe('not logged in within 200 ms');
    await waitFor(() => server.sessions[0]!.socket.destroyed, 'the first socket closed');
  });

  it('drops a connection whose Ping goes unanswered after login, and reconnects', async () => {
    let mute = true;
    const server = await fake({ onAction: (action) => mute && action.name === 'Ping' });
    const c = client(server.port, { keepaliveMs: 100, keepaliveTimeoutMs: 150 });
    await waitFor(() => c.connection.status().state === 'live', 'state live');
    const liveAt = Date.now();
    await waitFor(() => server.logins() === 2, 'a second login');
    expect(Date.now() - liveAt).toBeGreaterThanOrEqual(200);
    expect(c.statuses.map((s) => s.status.lastError).find(Boolean)).toBe('keepalive: Ping: no answer within 150 ms');
    expect(server.sessions[0]!.actions.filter((a) => a.name === 'Ping')).toHaveLength(1);

    // A server that answers keeps the connection.
    mute = false;
    await waitFor(
      () => server.sessions[1]!.actions.filter((a) => a.name === 'Ping').length >= 3,
      'three answered pings',
    );
    expect(server.logins()).toBe(2);
  });
});

describe('AMI memory guard', () => {
  it('drops a peer that sends an endless message, then reconnects', async () => {
    const limit = 64 * 1024;
    let sent: Promise<number> | undefined;
    const server = await fake({
      onLogin: (session) => {
        if (sent) return;
        session.send('Event: Endless\r\nPrivilege: call,all\r\n');
        sent = flood(session, `Output: ${'z'.repeat(1_000)}\r\n`, 64 * 1024 * 1024);
      },
    });
    const c = client(server.port, { maxMessageBytes: limit });
    await waitFor(() => server.logins() >= 2, 'a second login', { timeoutMs: 10_000 });
    const bytes = await sent!;
    // The client cut the flood short: what the server could write is the limit plus what loopback socket buffers
    // hold (a few MiB), far below the 64 MiB the flood would have sent to a client without the guard.
    expect(bytes).toBeLessThan(16 * 1024 * 1024);
    expect(c.statuses.map((s) => s.status.lastError).find(Boolean)).toBe(
      `AMI peer sent more than ${limit} bytes without a message boundary`,
    );
    await waitFor(() => c.connection.status().state === 'live', 'live again');
  });

  it('lets big but well-formed traffic through', async () => {
    const server = await fake({
      onLogin: (session) => {
        const event = `Event: VarSet\r\nPrivilege: dialplan,all\r\nValue: ${'v'.repeat(100)}\r\n\r\n`;
        session.send(event.repeat(2_000));
      },
    });
    const c = client(server.port, { maxMessageBytes: 1_024 });
    await waitFor(() => c.eventNames().length === 2_001, 'all events');
    expect(server.logins()).toBe(1);
  });
});
