import { spawnTied } from './tied.ts';
import type { ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { Redis } from 'ioredis';

/**
 * A throwaway redis-server on a free port, keeping nothing on disk unless asked to. Tests use a real Redis, never a
 * mock.
 */
export interface RedisProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Kills it with SIGKILL, as a crash or a power cut of its process would. */
  kill(): Promise<void>;
}

export interface RedisServerOptions {
  /** Keep an append-only file in this folder (appendonly yes): a restart on the same folder finds the data again. */
  readonly aofDir?: string;
  /** More redis-server arguments, e.g. `['--save', '60 1']`. */
  readonly args?: readonly string[];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startRedisServer(port?: number, options: RedisServerOptions = {}): Promise<RedisProcess> {
  const chosen = port ?? (await freePort());
  const persistence = options.aofDir ? ['--appendonly', 'yes', '--dir', options.aofDir] : ['--appendonly', 'no'];
  const child: ChildProcess = spawnTied(
    'redis-server',
    [
      '--port',
      String(chosen),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      ...persistence,
      '--loglevel',
      'warning',
      ...(options.args ?? []),
    ],
    { stdio: 'ignore' },
  );
  try {
    await waitForPong(chosen, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return { url: `redis://127.0.0.1:${chosen}`, port: chosen, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}

/** Ready means it answers PING; its log wording differs between versions and levels. */
async function waitForPong(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode} (port ${port})`);
    if (await pings(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not answer PING on port ${port} within 10 s`);
}

function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
  });
}

/** One command on a connection of its own to `node` (a cluster node, a sentinel), closed after the answer. */
export async function ask(node: { host: string; port: number }, name: string, ...args: string[]): Promise<unknown> {
  const client = new Redis({ ...node, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await client.call(name, ...args);
  } finally {
    client.disconnect();
  }
}
