import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { Refusal } from '../refusal.ts';
import { markerNow, parseMarker } from '../access/installation.ts';
import { ConfigError, loadRedisConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { accessKeys } from '../store/keys.ts';
import { closeRedis, createRedis, RedisOutage } from '../store/redis.ts';
import { BackupStore } from './store.ts';

export const USAGE = `Usage: npm run backup -- <command>

Works on the Redis at REDIS_URL, under REDIS_PREFIX; no server needs to run.

  export              print the configuration (accounts with their password hashes, units, teams, policies, kiosk
                      links, layouts, retention rules) as JSON on stdout: keep the file where only the operator can read it
  restore <file>      replace the configuration with a backup's ("-" reads stdin); a bad file changes nothing
  allow-setup         after Redis lost its data and no Owner exists: let the next visitor create the Owner with
                      POST /api/setup, as at a first start

Exit codes: 0 done, 1 refused or failed, 2 bad arguments or configuration.
`;

export interface CommandIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly log: Logger;
}

/** `npm run backup`: export, restore, allow-setup; returns the exit code. */
export async function runBackupCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const [command, file, ...rest] = argv;
  const known = (command === 'export' || command === 'allow-setup') && file === undefined;
  if (!(known || (command === 'restore' && file !== undefined && rest.length === 0))) {
    io.stderr(USAGE);
    return command === '--help' ? 0 : 2;
  }
  let config;
  try {
    config = loadRedisConfig(io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`tablica backup: ${error.message}\n`);
    return 2;
  }
  const redis = createRedis(config, 'store', new RedisOutage(io.log));
  const store = new BackupStore({ redis, prefix: config.prefix, log: io.log });
  try {
    await waitReady(redis);
    if (command === 'export') {
      io.stdout(`${JSON.stringify(await store.export(), null, 2)}\n`);
      return 0;
    }
    if (command === 'restore') {
      const summary = await store.restore(await readBackup(file!, io));
      io.stderr(
        `restored: ${Object.entries(summary)
          .map(([what, count]) => `${count} ${what}`)
          .join(', ')}\n`,
      );
      return 0;
    }
    io.stderr(`${await allowSetup(redis, config.prefix)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof Refusal || error instanceof CommandError)) throw error;
    io.stderr(`tablica backup: ${error.message}\n`);
    return 1;
  } finally {
    await closeRedis(redis);
  }
}

class CommandError extends Error {}

async function readBackup(file: string, io: CommandIo): Promise<unknown> {
  let content: string;
  try {
    content = file === '-' ? await text(io.stdin) : await readFile(file, 'utf8');
  } catch (error) {
    throw new CommandError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(content);
  } catch (error) {
    throw new CommandError(`${file} is not JSON: ${(error as Error).message}`);
  }
}

/** Re-opens the set-up after a loss, and only then: with an Owner, the Owner decides. */
async function allowSetup(redis: ReturnType<typeof createRedis>, prefix: string): Promise<string> {
  const keys = accessKeys(prefix);
  const [stored, ownerId] = await redis.mget(keys.installation, keys.owner);
  if (ownerId)
    throw new CommandError('an Owner exists: the Owner restores a backup or dismisses the warning in Administration');
  const marker = parseMarker(stored ?? null);
  if (marker?.status !== 'lost') return 'set-up is open already: the first visitor creates the Owner';
  await redis.set(keys.installation, JSON.stringify(markerNow(Date.now(), marker, 'open')));
  return 'set-up is open: the next visitor creates the Owner (POST /api/setup, or the set-up page)';
}

/** The store connection fails fast while Redis is away; a command waits up to its connect timeout instead. */
function waitReady(redis: ReturnType<typeof createRedis>): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new CommandError('Redis does not answer at REDIS_URL')), 5_000);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
