import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RedisNode } from '../../server/config.ts';
import { ask, freePort, startRedisServer, type RedisProcess } from './redis-server.ts';
import { waitFor } from './wait.ts';

const run = promisify(execFile);

/** A throwaway Redis Cluster on free ports of 127.0.0.1: three masters, each with one replica. */
export interface RedisCluster {
  /** Every node, masters and replicas: what REDIS_CLUSTER_NODES may name. */
  readonly nodes: readonly RedisNode[];
  /** `host:port,…` of every node, as REDIS_CLUSTER_NODES takes it. */
  readonly env: string;
  /** The master serving the slot of `key` now. */
  masterOf(key: string): Promise<RedisNode>;
  /**
   * Promotes the replica of the master serving `key`'s slot with `CLUSTER FAILOVER` (the replica catches up first, so
   * no write is lost); resolves with the new master once every node sees it serving the slot.
   */
  failover(key: string): Promise<RedisNode>;
  /** How many masters hold keys starting with `prefix`. */
  mastersWithKeys(prefix: string): Promise<number>;
  /** How many connections of all nodes subscribe to `channel` with SSUBSCRIBE (sharded pub/sub). */
  shardSubscribers(channel: string): Promise<number>;
  stop(): Promise<void>;
}

const MASTERS = 3;

export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tablica-cluster-'));
  const servers: RedisProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(servers.map((server) => server.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < MASTERS * 2; i++) servers.push(await startNode(dir));
    const nodes = servers.map((server) => ({ host: '127.0.0.1', port: server.port }));
    const addresses = nodes.map((node) => `${node.host}:${node.port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '1', '--cluster-yes']);
    await waitFor(async () => (await Promise.all(nodes.map(settled))).every(Boolean), 'the cluster to settle', {
      timeoutMs: 30_000,
      intervalMs: 50,
    });
    return {
      nodes,
      env: addresses.join(','),
      masterOf: async (key) => (await slotOwners(nodes[0]!, key)).master,
      failover: async (key) => {
        const { replica } = await slotOwners(nodes[0]!, key);
        await ask(replica, 'CLUSTER', 'FAILOVER');
        await waitFor(
          async () => {
            const owners = await Promise.all(nodes.map((node) => slotOwners(node, key).catch(() => null)));
            return owners.every((owner) => owner?.master.port === replica.port);
          },
          'the replica to serve the slot',
          { timeoutMs: 20_000, intervalMs: 50 },
        );
        return replica;
      },
      mastersWithKeys: async (prefix) => {
        const found = await Promise.all(
          nodes.map(async (node) => {
            const role = (await ask(node, 'ROLE')) as unknown[];
            const [, keys] = (await ask(node, 'SCAN', '0', 'MATCH', `${prefix}*`, 'COUNT', '10000')) as [
              string,
              string[],
            ];
            return role[0] === 'master' && keys.length > 0;
          }),
        );
        return found.filter(Boolean).length;
      },
      shardSubscribers: async (channel) => {
        const counts = await Promise.all(
          nodes.map(async (node) => Number(((await ask(node, 'PUBSUB', 'SHARDNUMSUB', channel)) as unknown[])[1])),
        );
        return counts.reduce((sum, count) => sum + count, 0);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * One node on free ports, its cluster bus on one of its own (the default, port + 10000, may be taken or past 65535).
 * A port found free can be taken before the server binds it: then it is tried again on others.
 */
async function startNode(dir: string): Promise<RedisProcess> {
  for (let attempt = 1; ; attempt++) {
    const [port, bus] = [await freePort(), await freePort()];
    try {
      return await startRedisServer(port, {
        args: [
          '--cluster-enabled',
          'yes',
          '--cluster-port',
          String(bus),
          '--cluster-config-file',
          path.join(dir, `nodes-${port}.conf`),
          '--cluster-node-timeout',
          '2000',
          // A replica's first sync at once, not after the default 5 s.
          '--repl-diskless-sync-delay',
          '0',
          // Each node its own file: a replica's full sync writes the received data there and loads it back.
          '--dir',
          dir,
          '--dbfilename',
          `dump-${port}.rdb`,
        ],
      });
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/**
 * Whether a node sees the cluster whole: state ok, every master with its replica connected, and itself, if a replica,
 * through its first sync (a replica promoted before it would make an empty master).
 */
async function settled(node: RedisNode): Promise<boolean> {
  const info = String(await ask(node, 'CLUSTER', 'INFO'));
  if (!/cluster_state:ok/.test(info)) return false;
  const replication = String(await ask(node, 'INFO', 'replication'));
  if (/role:slave/.test(replication) && !/master_link_status:up/.test(replication)) return false;
  const lines = clusterNodes(String(await ask(node, 'CLUSTER', 'NODES')));
  return lines.filter((line) => line.flags.includes('slave') && line.link === 'connected').length === MASTERS;
}

interface NodeLine {
  readonly id: string;
  readonly node: RedisNode;
  readonly flags: string;
  readonly masterId: string;
  readonly link: string;
  readonly slots: readonly string[];
}

function clusterNodes(text: string): NodeLine[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [id = '', address = '', flags = '', masterId = '', , , , link = '', ...slots] = line.trim().split(' ');
      const [host = '', port = ''] = address.split('@')[0]!.split(':');
      return { id, node: { host, port: Number(port) }, flags, masterId, link, slots };
    });
}

/** The master that `node` says serves `key`'s slot, and its replica. */
async function slotOwners(node: RedisNode, key: string): Promise<{ master: RedisNode; replica: RedisNode }> {
  const slot = Number(await ask(node, 'CLUSTER', 'KEYSLOT', key));
  const lines = clusterNodes(String(await ask(node, 'CLUSTER', 'NODES')));
  const master = lines.find(
    (line) =>
      line.flags.includes('master') &&
      !line.flags.includes('fail') &&
      line.slots.some((range) => {
        const [first, last = first] = range.split('-').map(Number);
        return slot >= first! && slot <= last!;
      }),
  );
  const replica = lines.find((line) => line.masterId === master?.id && !line.flags.includes('fail'));
  if (!master || !replica) throw new Error(`no master with a replica serves slot ${slot}`);
  return { master: master.node, replica: replica.node };
}
