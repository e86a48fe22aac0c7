/**
 * `npm run demo`: the board on a simulated call center, with nothing to set up. Starts a redis-server of its own unless
 * REDIS_URL is given (demo/redis.ts), builds the web app if needed, starts the AMI simulator on a free port (DEMO_PBXS
 * simulators, read together as AMI_ENDPOINTS `pbx1`, `pbx2`, …) and the board on PORT (default 8080), and prints the
 * Owner's login, whose password it sets at every start (demo/owner.ts). The Owner may monitor every simulated agent
 * from a simulated phone that answers (demo/monitoring.ts). The simulators write their recordings' WAVs into
 * `<data>/recordings` (RECORDINGS_DIR) and the calls of `sales` are recorded (demo/recordings.ts), their MP3s under
 * `<data>/files` (FILES_DIR). Where ProFTPD can run it starts one of its own for FTP access (demo/ftps.ts).
 * DEMO_DATA_DIR moves the demo's data (default `.data`). Ctrl-C stops everything it started.
 */
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig } from './config.ts';
import { pickLocale } from './contract/locale.ts';
import { qualifiedName } from './domain/endpoints.ts';
import { demoFtps, ftpsBanner, startDemoProftpd } from './demo/ftps.ts';
import { applyDemoMonitoring, demoAgents, DEMO_PHONE, demoPhone } from './demo/monitoring.ts';
import { demoInstructions } from './demo/instructions.ts';
import { applyDemoLogin, demoLogin } from './demo/owner.ts';
import { applyDemoRecordings, DEMO_RECORDED_QUEUE } from './demo/recordings.ts';
import { demoRedis } from './demo/redis.ts';
import { ensureWebBuild } from './demo/web.ts';
import { logger } from './log.ts';
import { createApp } from './compose.ts';
import { DEFAULT_USERNAME, DEMO_SECRET, startSimulator } from './sim/index.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = logger('demo');
const stops: (() => Promise<void>)[] = [];

async function main(): Promise<void> {
  const pbxs = demoPbxs(process.env.DEMO_PBXS);
  const dataDir = path.resolve(ROOT, process.env.DEMO_DATA_DIR || '.data');
  const redis = await demoRedis(process.env.REDIS_URL, path.join(dataDir, 'redis'), log);
  stops.push(() => redis.stop());
  await ensureWebBuild(ROOT, log);
  // Each PBX's WAVs in a folder of its own when there are several (server/recordings: RECORDINGS_DIR/<endpoint id>).
  const recordingsDir = path.join(dataDir, 'recordings');
  const wavDirOf = (i: number) => (pbxs === 1 ? recordingsDir : path.join(recordingsDir, `pbx${i + 1}`));
  for (let i = 0; i < pbxs; i++) await mkdir(wavDirOf(i), { recursive: true });
  // A center big enough to keep a board busy: 24 agents in 4 queues, about 14 calls a minute (each, with several).
  const sims = await Promise.all(
    Array.from({ length: pbxs }, (_, i) =>
      startSimulator({ port: 0, agents: 24, queues: 4, seed: i + 1, phones: [DEMO_PHONE], recordingsDir: wavDirOf(i) }),
    ),
  );
  for (const sim of sims) stops.push(() => sim.close());
  const login = await demoLogin(dataDir);
  const ftps = await demoFtps(dataDir);
  const ami =
    pbxs === 1
      ? { AMI_HOST: sims[0]!.host, AMI_PORT: String(sims[0]!.port) }
      : {
          AMI_ENDPOINTS: sims.map((sim, i) => `pbx${i + 1}=${sim.host}:${sim.port}`).join(','),
          AMI_HOST: '',
          AMI_PORT: '',
        };
  const config = loadConfig({
    // Its own key prefix, so that the demo's owner and statistics stay apart from a board on the same Redis (and a
    // demo of several PBXs, whose names are qualified, apart from one of a single PBX).
    REDIS_PREFIX: pbxs === 1 ? 'tablica-demo' : `tablica-demo-${pbxs}pbx`,
    // The daily reports (and recordings) beside the demo's other data.
    FILES_DIR: path.join(dataDir, 'files'),
    // The demo keeps the MP3s only: its WAVs would fill the disk of a demo left running.
    RECORDINGS_DELETE_WAV: 'true',
    ...process.env,
    RECORDINGS_DIR: recordingsDir,
    // The demo makes its Owner itself, below, whatever the Redis holds.
    OWNER_USERNAME: undefined,
    OWNER_PASSWORD: undefined,
    ...ami,
    ...ftps.env,
    AMI_USERNAME: DEFAULT_USERNAME,
    AMI_SECRET: DEMO_SECRET,
    REDIS_URL: redis.url,
  });
  await applyDemoLogin(config.redis, config.auth.login, login);
  await applyDemoMonitoring(config.redis, demoAgents(sims, config.ami), demoPhone(config.ami));
  await applyDemoRecordings(
    config.redis,
    config.ami.endpoints.map((endpoint) =>
      config.ami.qualified ? qualifiedName(endpoint.id, DEMO_RECORDED_QUEUE) : DEMO_RECORDED_QUEUE,
    ),
  );
  const app = await createApp(config);
  stops.push(() => app.close());
  if (!ftps.missing) {
    const proftpd = await startDemoProftpd(config.ftps!, dataDir);
    stops.push(() => proftpd.stop());
  }
  process.stdout.write(
    demoInstructions(
      {
        url: app.url,
        login,
        pbxs: sims.map((sim) => `127.0.0.1:${sim.port}`).join(', '),
        redis: redis.url,
        recordings: config.recordings.filesDir,
        ftps: ftpsBanner(config.ftps!, ftps.missing),
      },
      // DEFAULT_LOCALE, else the terminal's language (LANG=pl_PL.UTF-8), as a browser's would be.
      pickLocale({
        defaultLocale: config.auth.defaultLocale,
        acceptLanguage: process.env.LANG?.split('.')[0]?.replace('_', '-'),
      }),
    ),
  );
}

function demoPbxs(value: string | undefined): number {
  const count = Number(value || 1);
  if (!Number.isInteger(count) || count < 1 || count > 9)
    throw new ConfigError('invalid configuration:\n  DEMO_PBXS: must be 1-9');
  return count;
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
