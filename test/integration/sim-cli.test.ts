import { execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Runs `npm run sim`'s script as the user would (a real process). */
function sim(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      path.join(root, 'node_modules/.bin/tsx'),
      ['server/sim/cli.ts', ...args],
      { cwd: root },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const HINT = ' (npm run sim -- --help lists the options)\n';

describe('npm run sim', () => {
  it.each([
    [['--port', 'abc'], '--port must be a port number (0-65535)'],
    [['--port', '70000'], '--port must be a port number (0-65535)'],
    [['--speed', '0'], '--speed must be a number greater than 0'],
    [['--agents', '2.5'], '--agents must be a whole number from 1'],
    [['--rate=-1'], '--rate must be 0 or more calls a minute'],
    [['--prot', '1'], "Unknown option '--prot'"],
    [['--seed'], "Option '--seed <value>' argument missing"],
  ])('exits 2 with one line on %j', async (args, message) => {
    const result = await sim(args);
    expect(result).toEqual({ code: 2, stdout: '', stderr: `sim: ${message}${HINT}` });
  });

  it('exits 1 with one line when its port is taken', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const result = await sim(['--port', String(port)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`sim: listen EADDRINUSE: address already in use 127.0.0.1:${port}\n`);
    } finally {
      taken.close();
    }
  });

  it('prints its usage on --help', async () => {
    const result = await sim(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: npm run sim -- [options]');
  });
});
