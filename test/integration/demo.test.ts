import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { uniquePrefix } from '../support/board-app.ts';
import { BoardClient } from '../support/board-client.ts';
import { waitFor } from '../support/wait.ts';

/**
 * `npm run demo` as a user starts it (here with DEMO_PBXS=2 and the tests' Redis): it prints the board's address and
 * the Owner login it generated, the board shows both simulated PBXs under their own names, and Ctrl-C stops it cleanly.
 */

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('npm run demo', () => {
  it('serves a board fed by two simulated PBXs and prints how to log in', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'tablica-demo-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const demo = spawn(process.execPath, ['--import', 'tsx', 'server/demo.ts'], {
      cwd: repo,
      env: { ...process.env, PORT: '0', REDIS_URL: inject('redisUrl'), REDIS_PREFIX: uniquePrefix(), DEMO_PBXS: '2', DEMO_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => demo.once('exit', resolve));
    cleanup.push(() => demo.exitCode === null && demo.kill('SIGKILL'));
    let output = '';
    demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const printed = await waitFor(() => /demo: (\S+)\n {2}log in as (\S+) with the password (\S+)/.exec(output) ?? false, 'the demo address', { timeoutMs: 60_000 });
    const [, url, username, password] = printed;

    const login = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(login.status).toBe(200);
    const client = BoardClient.connect(url!, { extraHeaders: { Cookie: login.headers.getSetCookie()[0]!.split(';')[0]! } });
    cleanup.push(() => client.close());
    await waitFor(() => client.board?.link.ami.up && client.board.queues.size === 8, 'both PBXs on the board', { timeoutMs: 20_000 });
    const queues = [...client.board!.queues.keys()];
    expect(queues.filter((name) => name.startsWith('pbx1/'))).toHaveLength(4);
    expect(queues.filter((name) => name.startsWith('pbx2/'))).toHaveLength(4);

    demo.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
