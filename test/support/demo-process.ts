import { spawnTied } from './tied.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { hashPassword } from '../../server/access/accounts/password.ts';
import { UserStore, type UserRecord } from '../../server/access/accounts/users.ts';
import { accessKeys } from '../../server/store/keys.ts';
import { TEST_SCRYPT } from './board-app.ts';
import { waitFor } from './wait.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Demo {
  /** Its DEMO_DATA_DIR, fresh for every run. */
  readonly dataDir: string;
  readonly exited: Promise<number | null>;
  stdout(): string;
  stderr(): string;
  /** The board's address and the login, once printed. */
  printed(): Promise<{ url: string; username: string; password: string }>;
  /** Ctrl-C, then its exit code. */
  stop(): Promise<number | null>;
  /** Stops it if it still runs (killed if it will not stop) and removes its data. */
  cleanup(): Promise<void>;
}

/** Runs `npm run demo`'s script as a user does (a real process), with PORT 0, a fresh DEMO_DATA_DIR and `env` over ours. */
export async function startDemo(env: NodeJS.ProcessEnv): Promise<Demo> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tablica-demo-'));
  const child = spawnTied(process.execPath, ['--import', 'tsx', 'server/demo.ts'], {
    cwd: repo,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', DEMO_DATA_DIR: dataDir, DEFAULT_LOCALE: 'en', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    dataDir,
    exited,
    stdout: () => stdout,
    stderr: () => stderr,
    printed: async () => {
      const [, url = '', username = '', password = ''] = await waitFor(
        () =>
          /demo: (\S+)\n {2}log in as (\S+) with the password (\S+)/.exec(stdout) ??
          (child.exitCode === null ? false : []),
        'the demo address',
        { timeoutMs: 90_000, intervalMs: 50 },
      );
      if (!url) throw new Error(`the demo exited with ${child.exitCode}: ${stderr}`);
      return { url, username, password };
    },
    stop: () => {
      child.kill('SIGINT');
      return exited;
    },
    cleanup: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        // SIGTERM first: the demo then stops the redis-server it started, which a SIGKILL would leave behind.
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(killer);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** An Owner already in Redis under `prefix`, as an earlier run or checkout left it; `read` looks at it again later. */
export async function seedOwner(
  redisUrl: string,
  prefix: string,
  username: string,
  password: string,
): Promise<{ owner: UserRecord; read: (username: string) => Promise<UserRecord | null> }> {
  const users = (redis: Redis) => new UserStore(redis, accessKeys(prefix));
  const withRedis = async <T>(use: (redis: Redis) => Promise<T>): Promise<T> => {
    const redis = new Redis(redisUrl);
    try {
      return await use(redis);
    } finally {
      redis.disconnect();
    }
  };
  const passwordHash = await hashPassword(password, TEST_SCRYPT);
  const owner = await withRedis((redis) => users(redis).createOwner({ username, displayName: username, passwordHash }));
  return { owner, read: (name) => withRedis((redis) => users(redis).byUsername(name)) };
}
