import { spawn, type SpawnOptions } from 'node:child_process';

/**
 * `spawn` for a server a test owns, so that it dies with the test's process (PR_SET_PDEATHSIG, through util-linux's
 * setpriv, which then becomes the command). A test process killed mid-run would otherwise leave a Redis, a sentinel or
 * a board running, answering on a port a later test is given: a stale sentinel, say, reconfigures that test's Redis.
 * Always called with arguments and options.
 */
export const spawnTied = ((command: string, args: readonly string[], options: SpawnOptions) =>
  spawn('setpriv', ['--pdeathsig', 'KILL', '--', command, ...args], options)) as typeof spawn;
