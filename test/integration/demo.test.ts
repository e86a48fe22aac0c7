import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { uniquePrefix } from '../support/board-app.ts';
import { BoardClient } from '../support/board-client.ts';
import { proftpdMissing } from '../../server/ftps/proftpd.ts';
import { loggedIn } from '../support/access-app.ts';
import { ftpsLogin, names } from '../support/ftps.ts';
import { seedOwner, startDemo, type Demo } from '../support/demo-process.ts';
import { MonitorClient } from '../support/monitoring.ts';
import { freePort } from '../support/redis-server.ts';
import { waitFor } from '../support/wait.ts';

/**
 * `npm run demo` as a user starts it: it prints the board's address and a login that works, shows every simulated PBX
 * under its own name, runs a Redis of its own unless REDIS_URL is given, refuses a REDIS_URL that does not answer and
 * an Owner not its own, and Ctrl-C stops it cleanly.
 */

const demos: Demo[] = [];
afterEach(async () => {
  for (const demo of demos.splice(0)) await demo.cleanup();
});

async function logIn(url: string, username: string, password: string): Promise<Response> {
  return fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

describe('npm run demo', () => {
  it('serves a board fed by two simulated PBXs, prints how to log in, and its Owner monitors an agent on a call', async () => {
    const demo = await startDemo({ REDIS_URL: inject('redisUrl'), REDIS_PREFIX: uniquePrefix(), DEMO_PBXS: '2' });
    demos.push(demo);
    const { url, username, password } = await demo.printed();

    const login = await logIn(url, username, password);
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const client = BoardClient.connect(url, { extraHeaders: { Cookie: cookie } });
    const monitor = await MonitorClient.open(url, cookie);
    try {
      await waitFor(() => client.board?.link.ami.up && client.board.queues.size === 8, 'both PBXs on the board', {
        timeoutMs: 20_000,
      });
      const queues = [...client.board!.queues.keys()];
      expect(queues.filter((name) => name.startsWith('pbx1/'))).toHaveLength(4);
      expect(queues.filter((name) => name.startsWith('pbx2/'))).toHaveLength(4);

      // The Owner monitors a simulated agent on a call: its phone answers and ChanSpy attaches to the call.
      // Its phone is on the first PBX: ChanSpy sees that PBX's agents only, and the board offers those.
      const status = await monitor.status();
      expect(status).toMatchObject({ ok: true, data: { allowed: true, session: null } });
      const offered = status.ok ? status.data.agents : [];
      expect(offered.length).toBeGreaterThan(0);
      expect(offered.every((iface) => iface.startsWith('pbx1/'))).toBe(true);
      const agent = await waitFor(
        () => [...client.board!.agents.values()].find((a) => a.call !== null && offered.includes(a.interface)),
        'an agent on a call',
        { timeoutMs: 60_000 },
      );
      expect(agent.interface).toMatch(/^pbx1\/Local\/\d+@agents$/);
      const started = await monitor.start(agent.interface);
      expect(started).toMatchObject({ ok: true, data: { agent: agent.interface, mode: 'listen' } });
      await waitFor(() => monitor.updates.some((session) => session.state === 'active'), 'ChanSpy on the call', {
        timeoutMs: 10_000,
      });
      expect((await monitor.stop()).ok).toBe(true);
      await waitFor(() => monitor.updates.some((session) => session.end === 'stopped'), 'the session stopped');
    } finally {
      monitor.close();
      client.close();
    }
    expect(await demo.stop()).toBe(0);
  });

  it('starts a ProFTPD of its own where it can, says how to connect with FileZilla, and a login from the board works', async () => {
    const missing = await proftpdMissing();
    const demo = await startDemo({ REDIS_URL: inject('redisUrl'), REDIS_PREFIX: uniquePrefix() });
    demos.push(demo);
    const { url, username, password } = await demo.printed();
    if (missing) {
      expect(demo.stdout()).toContain(`FTPS: not started (${missing})`);
      return;
    }
    const port = Number(/FTPS \(ProFTPD\) on localhost:(\d+)/.exec(demo.stdout())?.[1]);
    expect(demo.stdout()).toContain('"Require explicit FTP over TLS"');
    const owner = await loggedIn(url, username, password);
    const credentials = await owner.call<{ username: string; password: string; port: number }>(
      'POST',
      '/api/ftp/credentials',
    );
    expect(credentials.body).toMatchObject({ username, port });
    const ftp = await ftpsLogin(port, credentials.body.username, credentials.body.password);
    try {
      expect(await names(ftp, '/')).toEqual([]);
    } finally {
      ftp.close();
    }
    expect(await demo.stop()).toBe(0);
    await expect(ftpsLogin(port, credentials.body.username, credentials.body.password)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('without REDIS_URL runs a redis-server of its own, its data in DEMO_DATA_DIR, and stops it', async () => {
    const demo = await startDemo({ REDIS_URL: undefined });
    demos.push(demo);
    const { url, username, password } = await demo.printed();
    const redisUrl = /Redis (redis:\/\/\S+)/.exec(demo.stdout())?.[1];
    expect(redisUrl).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    expect(redisUrl).not.toBe('redis://127.0.0.1:6379');
    expect((await logIn(url, username, password)).status).toBe(200);
    expect(existsSync(path.join(demo.dataDir, 'redis', 'appendonlydir'))).toBe(true);
    expect(await demo.stop()).toBe(0);
    // The redis-server stopped with the demo.
    const { port } = new URL(redisUrl!);
    const after = await new Promise((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => resolve('accepted'));
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
      socket.once('connect', () => socket.destroy());
    });
    expect(after).toBe('ECONNREFUSED');
  });

  it('stops with an error naming REDIS_URL when nothing answers there', async () => {
    const nowhere = `redis://127.0.0.1:${await freePort()}`;
    const demo = await startDemo({ REDIS_URL: nowhere });
    demos.push(demo);
    expect(await demo.exited).toBe(1);
    expect(demo.stderr()).toContain(`REDIS_URL: no Redis answers at ${nowhere}`);
    expect(demo.stdout()).not.toContain('log in as');
  });

  it("refuses a Redis prefix whose Owner is someone else's, and changes nobody's password", async () => {
    const prefix = uniquePrefix();
    const { owner, read } = await seedOwner(inject('redisUrl'), prefix, 'alice', 'a real owner password');
    const demo = await startDemo({ REDIS_URL: inject('redisUrl'), REDIS_PREFIX: prefix });
    demos.push(demo);
    expect(await demo.exited).toBe(1);
    expect(demo.stderr()).toContain(`REDIS_PREFIX: the Owner under "${prefix}" is alice, not demo`);
    expect((await read('alice'))?.passwordHash).toBe(owner.passwordHash);
    expect(await read('demo')).toBeNull();
  });
});
