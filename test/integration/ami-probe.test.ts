import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amiMessage } from '../support/ami-wire.ts';
import { startFakeAmi, type FakeAmi } from '../support/fake-ami.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs `npm run probe`'s script as the user would (a real process, real TCP). */
function probe(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      path.join(root, 'node_modules/.bin/tsx'),
      ['server/ami/probe-cli.ts', ...args],
      { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run probe', () => {
  let server: FakeAmi;
  beforeAll(async () => {
    server = await startFakeAmi({
      lists: { QueueStatus: [{ Event: 'QueueParams', Queue: 'sales', Calls: 0 }] },
      onLogin: (session) => session.send(amiMessage({ Event: 'Newchannel', Privilege: 'call,all', Uniqueid: '1.1' })),
    });
  });
  afterAll(() => server.close());
  const target = () => ['--port', String(server.port), '--username', 'wallboard'];

  it('listens for the given seconds, logs off, prints the reduced state as JSON', async () => {
    const result = await probe([...target(), '--secret', 'wallboard-test-secret', '--seconds', '0.5']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toBeTypeOf('object');
    expect(server.sessions.at(-1)!.actions.map((a) => a.name)).toContain('Logoff');
  });

  it('exits 1 with "Authentication failed" when the login is refused', async () => {
    const result = await probe([...target(), '--secret', 'wrong', '--seconds', '5']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Authentication failed');
    expect(result.stdout).toBe('');
  });

  it('exits 2 with one line on bad arguments, 0 with the usage on --help', async () => {
    const bad = await probe(['--port', 'abc', '--username', 'u']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'probe: --port must be a port number (1-65535); --secret is required (npm run probe -- --help lists the options)\n',
    );
    const unknown = await probe(['--prot', '1']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("probe: Unknown option '--prot' (npm run probe -- --help lists the options)\n");
    const help = await probe(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run probe');
  });
});
