import { z } from 'zod';
import { commandOptions } from '../cli-options.ts';
import { presentState } from '../domain/present.ts';
import { initialState, reduce } from '../domain/reducer.ts';
import { logger } from '../log.ts';
import { createAmiConnection } from './connection.ts';
import { RejectionLog } from './rejections.ts';

const USAGE = `Usage: npm run probe -- --username U --secret S [--host H] [--port P] [--seconds N]

Connects to an Asterisk AMI, logs in, resyncs, follows the events for N seconds, then logs off and prints the
reduced live state as JSON on stdout (logs go to stderr).

  --host      AMI host (default 127.0.0.1)
  --port      AMI port (default 5038)
  --username  manager.conf account (required)
  --secret    its secret (required)
  --seconds   how long to listen (default 10)
  -h, --help  show this text

Exit codes: 0 state printed, 1 could not log in, 2 bad arguments.
`;

const port = 'must be a port number (1-65535)';
const seconds = 'must be a number of seconds (up to 86400)';

const Args = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number({ error: port }).int(port).min(1, port).max(65_535, port).default(5038),
  username: z.string({ error: 'is required' }).min(1, 'is required'),
  secret: z.string({ error: 'is required' }).min(1, 'is required'),
  seconds: z.coerce.number({ error: seconds }).positive(seconds).max(86_400, seconds).default(10),
});

async function main(argv: string[]): Promise<number> {
  const read = commandOptions('probe', USAGE, argv, Args);
  if ('exitCode' in read) return read.exitCode;
  const args = read.options;

  let state = initialState();
  let loggedIn = false;
  const rejections = new RejectionLog(logger('probe'), Date.now);
  const connection = createAmiConnection(
    { host: args.host, port: args.port, username: args.username, secret: args.secret },
    (input) => {
      const reduction = reduce(state, input);
      state = reduction.state;
      rejections.note('pbx', reduction.rejected);
    },
  );
  await new Promise<void>((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      process.off('SIGINT', finish);
      resolve();
    };
    const timer = setTimeout(finish, args.seconds * 1000);
    process.once('SIGINT', finish);
    connection.on('status', (status) => {
      if (status.state === 'resyncing' || status.state === 'live') loggedIn = true;
      // Retrying wrong credentials is right for a wallboard, pointless for a probe.
      if (status.state === 'auth-failed') finish();
    });
    connection.start();
  });
  const { lastError } = connection.status();
  // The state as it was while listening: stopping delivers `link down`, which is not what the PBX looked like.
  const listened = state;
  const at = Date.now();
  await connection.stop();
  if (!loggedIn) {
    process.stderr.write(`probe: could not log in to ${args.host}:${args.port}: ${lastError ?? 'no answer'}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(presentState(listened, at), null, 2)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`probe: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
