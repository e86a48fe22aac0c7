import { spawn } from 'node:child_process';
import { access, constants, mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import path from 'node:path';

/**
 * A ProFTPD of Tablica's own, for the demo and the tests: Debian's binary with a main configuration written here that
 * includes the snippet Tablica writes for production (so that both serve with the same rules), on ports given, with
 * its state under `dir`. Production runs the system's ProFTPD instead (README: FTP access).
 */
export const PROFTPD = '/usr/sbin/proftpd';
const MODULES = '/usr/lib/proftpd';

/** Why this machine cannot run one (null: it can): not installed, no TLS module, or not root (chroot needs root). */
export async function proftpdMissing(): Promise<string | null> {
  if (
    !(await access(PROFTPD, constants.X_OK).then(
      () => true,
      () => false,
    ))
  ) {
    return `ProFTPD is not installed (${PROFTPD}; apt-get install proftpd-core proftpd-mod-crypto)`;
  }
  if (
    !(await access(path.join(MODULES, 'mod_tls.so')).then(
      () => true,
      () => false,
    ))
  ) {
    return 'ProFTPD has no TLS module (apt-get install proftpd-mod-crypto)';
  }
  if (process.getuid?.() !== 0) return 'ProFTPD must be started as root to chroot each login to its home';
  return null;
}

/** A self-signed certificate for `localhost` made by `openssl req` (kept: made once per folder). */
export async function selfSignedCertificate(dir: string): Promise<{ cert: string; key: string }> {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  if (
    await access(cert)
      .then(() => access(key))
      .then(
        () => true,
        () => false,
      )
  )
    return { cert, key };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '825', '-subj', '/CN=localhost'];
  await run('openssl', [...args, '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert]);
  return { cert, key };
}

export interface OwnProftpd {
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts ProFTPD in the foreground with `dir/proftpd.conf` including `snippet` (whose virtual host listens on `port`),
 * and waits for its greeting. Its log is `dir/proftpd.log`.
 */
export async function startProftpd(options: { dir: string; snippet: string; port: number }): Promise<OwnProftpd> {
  const { dir, snippet, port } = options;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const conf = path.join(dir, 'proftpd.conf');
  const log = path.join(dir, 'proftpd.log');
  await writeFile(conf, mainConfig(dir, snippet), { mode: 0o600 });
  const child = spawn(PROFTPD, ['--nodaemon', '--config', conf], { stdio: 'ignore' });
  const exited = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`cannot start ProFTPD: ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`ProFTPD exited with code ${code}`)));
  });
  exited.catch(() => undefined);
  try {
    await Promise.race([greeted(port), exited]);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}; its log (${log}) ends: ${await tail(log)}`);
  }
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** `count` consecutive free ports of 127.0.0.1 (a passive range, or one control port), from a random start. */
export async function freePortRange(count: number): Promise<[number, number]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20_000 + Math.floor(Math.random() * (40_000 - count));
    let free = true;
    for (let port = first; free && port < first + count; port++) free = await bindable(port);
    if (free) return [first, first + count - 1];
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

function mainConfig(dir: string, snippet: string): string {
  const file = (name: string) => path.join(dir, name);
  return `# A ProFTPD of Tablica's own (demo and tests): the default server is off; the snippet's virtual host serves.
ServerType standalone
DefaultServer off
Port 0
UseIPv6 off
User nobody
Group nogroup
PidFile ${file('proftpd.pid')}
ScoreboardFile ${file('proftpd.scoreboard')}
DelayTable ${file('proftpd.delay')}
SystemLog ${file('proftpd.log')}
WtmpLog off
<IfModule mod_ctrls.c>
  ControlsEngine off
  ControlsSocket ${file('proftpd.sock')}
</IfModule>
ModulePath ${MODULES}
Include ${snippet}
`;
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

/** Resolves once the server on `port` sends its 220 greeting (retrying while it starts, for up to 10 s). */
async function greeted(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const greeting = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.setEncoding('utf8');
      socket.once('data', (data: string) => {
        socket.destroy();
        resolve(data);
      });
      socket.once('error', () => resolve(''));
    });
    if (greeting.startsWith('220')) return;
    if (Date.now() > deadline) throw new Error(`ProFTPD did not greet on port ${port} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.once('error', (error) => reject(new Error(`cannot run ${command}: ${error.message}`)));
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args[0]} failed (exit code ${code}): ${err.trim()}`)),
    );
  });
}

async function tail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-5).join(' | ');
}
