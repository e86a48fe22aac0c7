import { spawnTied } from './tied.ts';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_USERNAME, DEMO_SECRET } from '../../server/sim/index.ts';
import { TEST_OWNER } from './board-app.ts';
import { waitFor } from './wait.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface BoardProcess {
  readonly url: string;
  /** Its INSTANCE_ID: the name /healthz gives a lease holder. */
  readonly instanceId: string | undefined;
  readonly child: ChildProcess;
  /** What the process wrote to stderr (its log), for a failing test's message. */
  readonly log: () => string;
  /** Sends the signal and resolves once the process exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * `npm start` as a separate process (node with tsx's loader, so that a signal reaches the server itself), configured
 * through its environment (DEFAULT_LOCALE en unless `env` says otherwise: the tests read English); resolves with the URL
 * it prints once listening.
 */
export async function spawnBoard(env: Readonly<Record<string, string>>): Promise<BoardProcess> {
  // The files and FTP logins go to a temporary folder, removed when the process stops, never into the checkout.
  const dataRoot = await mkdtemp(path.join(tmpdir(), 'tablica-files-'));
  const removeData = () => rm(dataRoot, { recursive: true, force: true });
  const files = { FILES_DIR: path.join(dataRoot, 'files'), FTPS_DIR: path.join(dataRoot, 'ftps') };
  const child = spawnTied(process.execPath, ['--import', 'tsx', 'server/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', DEFAULT_LOCALE: 'en', ...files, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const url = await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`board process exited with ${child.exitCode}: ${stderr}`);
        return /Tablica board: (\S+)/.exec(stdout)?.[1];
      },
      'the board process to listen',
      { timeoutMs: 60_000, intervalMs: 20 },
    );
    return {
      url,
      instanceId: env.INSTANCE_ID,
      child,
      log: () => stderr,
      stop: async (signal = 'SIGTERM') => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        await exited;
        await removeData();
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    await removeData();
    throw error;
  }
}

/**
 * Asks the first process's /healthz until Redis is healthy and one of `processes` holds the AMI lease (it reads the
 * PBX); resolves with that holder and the others.
 */
export async function leaseHolderOf(
  processes: readonly BoardProcess[],
  timeoutMs = 20_000,
): Promise<{ holder: BoardProcess; others: BoardProcess[] }> {
  const holder = await waitFor(
    async () => {
      const body = (await (await fetch(`${processes[0]?.url}/healthz`)).json()) as {
        leaseHolder: string | null;
        ok: boolean;
      };
      return body.ok ? processes.find((process) => process.instanceId === body.leaseHolder) : undefined;
    },
    'a lease holder reading the PBX',
    { timeoutMs },
  );
  return { holder, others: processes.filter((process) => process !== holder) };
}

/**
 * The environment of an `npm start` process that reads the simulator and lets the test Owner log in; the lease's TTL
 * is the server's default unless given.
 */
export function simulatorBoardEnv(
  amiPort: number,
  redisUrl: string,
  prefix: string,
  leaseTtlMs?: number,
): Record<string, string> {
  return {
    AMI_HOST: '127.0.0.1',
    AMI_PORT: String(amiPort),
    AMI_USERNAME: DEFAULT_USERNAME,
    AMI_SECRET: DEMO_SECRET,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    ...(leaseTtlMs !== undefined && { AMI_LEASE_TTL_MS: String(leaseTtlMs) }),
    OWNER_USERNAME: TEST_OWNER.username,
    OWNER_PASSWORD: TEST_OWNER.password,
    // The language the tests read, whatever a client asks for (as startBoardApp's).
    DEFAULT_LOCALE: 'en',
  };
}
