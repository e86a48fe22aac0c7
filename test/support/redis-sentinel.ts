import { spawnTied } from './tied.ts';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RedisNode } from '../../server/config.ts';
import { ask, freePort, startRedisServer, type RedisProcess } from './redis-server.ts';
import { waitFor } from './wait.ts';

/** A throwaway Redis behind Sentinel on free ports of 127.0.0.1: a master, its replica and one sentinel. */
export interface RedisSentinel {
  /** The sentinel, as REDIS_SENTINELS names it. */
  readonly sentinels: readonly RedisNode[];
  /** The master's name the sentinel monitors (REDIS_SENTINEL_NAME). */
  readonly name: string;
  /** The master the sentinel names now. */
  master(): Promise<RedisNode>;
  /** Has the sentinel promote the replica (`SENTINEL FAILOVER`); resolves with the new master once it names it. */
  failover(): Promise<RedisNode>;
  stop(): Promise<void>;
}

const NAME = 'tablica-test';

export async function startRedisSentinel(): Promise<RedisSentinel> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tablica-sentinel-'));
  const servers: RedisProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((server) => server.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    // No delay before the replica's first full sync (5 s by default).
    // Each server its own file in the temporary folder: a replica's full sync writes the received data there.
    const files = (name: string) => ['--dir', dir, '--dbfilename', `${name}.rdb`];
    const master = await startRedisServer(undefined, { args: ['--repl-diskless-sync-delay', '0', ...files('master')] });
    servers.push(master);
    const replica = await startRedisServer(undefined, {
      args: ['--replicaof', '127.0.0.1', String(master.port), ...files('replica')],
    });
    servers.push(replica);
    // A replica promoted before its first sync would make an empty master.
    await waitFor(
      async () =>
        /master_link_status:up/.test(
          String(await ask({ host: '127.0.0.1', port: replica.port }, 'INFO', 'replication')),
        ),
      'the replica to sync',
      { timeoutMs: 20_000, intervalMs: 50 },
    );
    const port = await freePort();
    const conf = path.join(dir, 'sentinel.conf');
    await writeFile(
      conf,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${NAME} 127.0.0.1 ${master.port} 1`,
        // Only the failover a test asks for: on a loaded machine a master slow to answer for a second would
        // otherwise be failed over on its own, and a second failover could promote a replica still resyncing.
        `sentinel down-after-milliseconds ${NAME} 60000`,
        `sentinel failover-timeout ${NAME} 5000`,
        '',
      ].join('\n'),
    );
    servers.push(await startSentinel(conf, port));
    const sentinel = { host: '127.0.0.1', port };
    const named = async (): Promise<RedisNode> => {
      const [host = '', found = ''] = (await ask(sentinel, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', NAME)) as string[];
      return { host, port: Number(found) };
    };
    // The sentinel promotes only a replica it found (in the master's INFO) and has itself read lately, in sync.
    await waitFor(
      async () => {
        const [fields = []] = (await ask(sentinel, 'SENTINEL', 'REPLICAS', NAME)) as string[][];
        const field = (name: string) => fields[fields.indexOf(name) + 1];
        return field('master-link-status') === 'ok' && Number(field('info-refresh')) < 5_000;
      },
      'the sentinel to know the replica in sync',
      { timeoutMs: 20_000, intervalMs: 50 },
    );
    return {
      sentinels: [sentinel],
      name: NAME,
      master: named,
      failover: async () => {
        const before = await named();
        await ask(sentinel, 'SENTINEL', 'FAILOVER', NAME);
        return waitFor(
          async () => {
            const now = await named();
            return now.port !== before.port && now;
          },
          'the sentinel to name the promoted replica',
          { timeoutMs: 20_000, intervalMs: 50 },
        );
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** `redis-server <conf> --sentinel`, ready once it answers. */
async function startSentinel(conf: string, port: number): Promise<RedisProcess> {
  const child = spawnTied('redis-server', [conf, '--sentinel'], { stdio: 'ignore' });
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  await waitFor(() => ask({ host: '127.0.0.1', port }, 'PING').catch(() => false), 'the sentinel to answer', {
    timeoutMs: 10_000,
    intervalMs: 50,
  });
  return { url: `redis://127.0.0.1:${port}`, port, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}
