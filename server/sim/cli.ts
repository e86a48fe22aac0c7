/** `npm run sim -- [options]`: runs the AMI simulator until interrupted. Logs go to stderr. */
import path from 'node:path';
import { z } from 'zod';
import { commandOptions } from '../cli-options.ts';
import { logger } from '../log.ts';
import { DEFAULT_PORT, DEFAULT_USERNAME, DEMO_SECRET, startSimulator } from './index.ts';

const USAGE = `Usage: npm run sim -- [options]

Simulated Asterisk 22 call center speaking AMI over TCP.

Options:
  --port <n>        TCP port (default ${DEFAULT_PORT}; 0 = any free port)
  --host <addr>     address to listen on (default 127.0.0.1)
  --username <u>    AMI user name (default ${DEFAULT_USERNAME})
  --secret <s>      AMI secret (default ${DEMO_SECRET})
  --seed <n>        seed of all random choices (default 1)
  --speed <x>       simulated seconds per real second (default 1)
  --agents <n>      number of agents (default: the recorded PBX, 8 agents)
  --queues <n>      number of queues (default: sales, support, billing)
  --rate <n>        arrivals per minute over all queues (default 0.6 per agent; 0 = none)
  --phones <list>   phones that answer call monitoring, comma separated (e.g. PJSIP/2005)
  --timestamps      add Timestamp: to events (timestampevents = yes)
  --recordings-dir <dir>  where MixMonitor writes its WAVs (default: none are written)
  -h, --help        show this help
`;

/** A number option, `what` saying what it must be when it is not. */
const number = (what: string, ok: (n: number) => boolean) =>
  z.coerce.number({ error: what }).refine(ok, what).optional();
const text = z.string().min(1, 'must not be empty').optional();

const Options = z.object({
  port: number('must be a port number (0-65535)', (n) => Number.isInteger(n) && n >= 0 && n <= 65_535),
  host: text,
  username: text,
  secret: text,
  seed: number('must be a whole number', Number.isInteger),
  speed: number('must be a number greater than 0', (n) => n > 0),
  agents: number('must be a whole number from 1', (n) => Number.isInteger(n) && n >= 1),
  queues: number('must be a whole number from 1', (n) => Number.isInteger(n) && n >= 1),
  rate: number('must be 0 or more calls a minute', (n) => n >= 0),
  phones: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((phone) => phone.trim())
        .filter((phone) => phone !== ''),
    )
    .optional(),
  timestamps: z.boolean().optional(),
  'recordings-dir': text,
});

async function main(): Promise<void> {
  const read = commandOptions('sim', USAGE, process.argv.slice(2), Options, ['timestamps']);
  if ('exitCode' in read) {
    process.exitCode = read.exitCode;
    return;
  }
  const log = logger('sim');
  const { timestamps, 'recordings-dir': recordingsDir, ...rest } = read.options;
  const options = { ...rest, timestampEvents: timestamps, recordingsDir: recordingsDir && path.resolve(recordingsDir) };
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const sim = await startSimulator(defined);
  const { sim: model } = sim.center;
  log.info(
    { host: sim.host, port: sim.port, agents: model.agents.size, queues: [...model.queues.keys()] },
    'AMI simulator listening',
  );
  const stop = (): void => {
    log.info('stopping');
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // Mostly a port in use or an address that is not ours: one line says it.
  process.stderr.write(`sim: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
