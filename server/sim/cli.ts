/** `npm run sim -- [options]`: runs the AMI simulator until interrupted. Logs go to stderr. */
import { parseArgs } from 'node:util';
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
  -h, --help        show this help
`;

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a non-negative number, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      username: { type: 'string' },
      secret: { type: 'string' },
      seed: { type: 'string' },
      speed: { type: 'string' },
      agents: { type: 'string' },
      queues: { type: 'string' },
      rate: { type: 'string' },
      phones: { type: 'string' },
      timestamps: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const log = logger('sim');
  const options = {
    port: number(values.port, 'port'),
    host: values.host,
    username: values.username,
    secret: values.secret,
    seed: number(values.seed, 'seed'),
    speed: number(values.speed, 'speed'),
    agents: number(values.agents, 'agents'),
    queues: number(values.queues, 'queues'),
    rate: number(values.rate, 'rate'),
    timestampEvents: values.timestamps,
    phones: values.phones?.split(',').map((phone) => phone.trim()).filter((phone) => phone !== ''),
  };
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

main().catch((err: unknown) => {
  logger('sim').fatal({ err }, 'simulator failed');
  process.exitCode = 1;
});
