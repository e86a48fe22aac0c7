/**
 * `npm run demo`: the board on a simulated call center, with nothing to set up. Finds or starts a Redis (see
 * demo/redis.ts), builds the web app if needed, starts the AMI simulator on a free port and the board on PORT
 * (default 8080), and prints the Owner login it made (demo/owner.ts). Ctrl-C stops everything it started.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.ts';
import { demoOwner } from './demo/owner.ts';
import { demoRedis } from './demo/redis.ts';
import { ensureWebBuild } from './demo/web.ts';
import { logger } from './log.ts';
import { createApp } from './main.ts';
import { DEFAULT_USERNAME, DEMO_SECRET, startSimulator } from './sim/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = logger('demo');
const stops: (() => Promise<void>)[] = [];

async function main(): Promise<void> {
  const redis = await demoRedis(path.join(ROOT, '.data/redis'), log);
  stops.push(() => redis.stop());
  await ensureWebBuild(ROOT, log);
  // A center big enough to keep a board busy: 24 agents in 4 queues, about 14 calls a minute.
  const sim = await startSimulator({ port: 0, agents: 24, queues: 4 });
  stops.push(() => sim.close());
  const owner = await demoOwner(path.join(ROOT, '.data'));
  const config = loadConfig({
    // Its own key prefix, so that the demo's owner and statistics stay apart from a board on the same Redis.
    REDIS_PREFIX: 'tablica-demo',
    ...process.env,
    OWNER_USERNAME: owner.username,
    OWNER_PASSWORD: owner.password,
    AMI_HOST: sim.host,
    AMI_PORT: String(sim.port),
    AMI_USERNAME: DEFAULT_USERNAME,
    AMI_SECRET: DEMO_SECRET,
    REDIS_URL: redis.url,
  });
  const app = await createApp(config);
  stops.push(() => app.close());
  process.stdout.write(
    `\nTablica demo: ${app.url}\n  log in as ${owner.username} with the password ${owner.password}\n` +
      `  simulated Asterisk (AMI) on 127.0.0.1:${sim.port}, Redis ${redis.url}\n  Ctrl-C stops it.\n\n`,
  );
}

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const step of stops.reverse()) {
    try {
      await step();
    } catch (error) {
      log.warn({ err: (error as Error).message }, 'stopping the demo');
    }
  }
  process.exit(code);
}

process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));
main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`tablica demo: ${error.message}\n`);
  else log.fatal({ err: (error as Error).message }, 'demo failed');
  void stop(1);
});
