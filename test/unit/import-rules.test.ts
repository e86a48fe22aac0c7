import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A small house that keeps every rule: contract ← domain ← store ← live, the web on the contract, the sim alone. */
const HOUSE: Record<string, string> = {
  'server/log.ts': 'export const log = (line: string): string => line;\n',
  'server/contract/figures.ts': 'export const percent = (part: number, whole: number): number => part / whole;\n',
  'server/domain/reducer.ts':
    "import { percent } from '../contract/figures.ts';\nexport const reduce = (n: number): number => percent(n, 2);\n",
  'server/store/state.ts':
    "import { reduce } from '../domain/reducer.ts';\nexport const save = (n: number): number => reduce(n);\n",
  'server/live/loop.ts': "import { save } from '../store/state.ts';\nexport const loop = (): number => save(1);\n",
  'server/sim/model.ts': "import { log } from '../log.ts';\nexport const sim = (): string => log('ring');\n",
  'web/board.ts':
    "import { percent } from '../server/contract/figures.ts';\nexport const board = (): number => percent(1, 2);\n",
};

/** One file per rule that the check must refuse, with the rule it breaks. */
const BREAKS: Record<string, [string, string]> = {
  'a cycle of two files (one side a type)': [
    'server/domain/a.ts',
    "import type { B } from './b.ts';\nexport type A = { b?: B };\n",
  ],
  'the other side of that cycle': [
    'server/domain/b.ts',
    "import type { A } from './a.ts';\nexport type B = { a?: A };\n",
  ],
  'the web reading the store': [
    'web/peek.ts',
    "import { save } from '../server/store/state.ts';\nexport const peek = save;\n",
  ],
  'the contract reading the domain': [
    'server/contract/derived.ts',
    "import { reduce } from '../domain/reducer.ts';\nexport const derived = reduce;\n",
  ],
  'the store reading a feature above it': [
    'server/store/watch.ts',
    "import { loop } from '../live/loop.ts';\nexport const watch = loop;\n",
  ],
  'the simulator sharing the reducer': [
    'server/sim/cheat.ts',
    "import { reduce } from '../domain/reducer.ts';\nexport const cheat = reduce;\n",
  ],
  'the reducer doing I/O': [
    'server/domain/disk.ts',
    "import { readFileSync } from 'node:fs';\nexport const disk = readFileSync;\n",
  ],
  'a folder that imports another': [
    'server/chat/post.ts',
    "import { list } from '../layouts/list.ts';\nexport const post = list;\n",
  ],
  'which imports it back (other files)': [
    'server/layouts/list.ts',
    "import { log } from '../chat/log.ts';\nexport const list = log;\n",
  ],
  'the file imported back': ['server/chat/log.ts', 'export const log = (): number => 1;\n'],
  'the AMI layer reading the store above it': [
    'server/ami/peek.ts',
    "import { save } from '../store/state.ts';\nexport const peek = save;\n",
  ],
  'a shared module reading a feature': [
    'server/refusal.ts',
    "import { loop } from './live/loop.ts';\nexport const refusal = loop;\n",
  ],
};

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/**
 * Writes a tree outside the checkout and runs dependency-cruiser on it with the project's rules and report, as
 * `npm run deps` does; each violation as one line `rule: a → b → …`.
 */
async function check(files: Record<string, string>): Promise<{ code: number; violations: string[] }> {
  dir = await mkdtemp(path.join(os.tmpdir(), 'import-rules-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  const cli = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const args = [cli, '--config', path.join(root, '.dependency-cruiser.cjs'), '--output-type', 'err', 'server', 'web'];
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(process.execPath, args, { cwd: dir, maxBuffer: 16 * 1024 * 1024 }, (error, out) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out }),
    );
  });
  const report = stdout.replace(/\s*→\s*/g, ' → ').split(/^\s*x \d+ dependency violations/m)[0] ?? '';
  const violations = report
    .split(/^\s*error /m)
    .slice(1)
    .map((line) => line.trim());
  return { code, violations };
}

describe('the import rules (npm run deps)', () => {
  it('pass a house that keeps them', async () => {
    expect(await check(HOUSE)).toEqual({ code: 0, violations: [] });
  });

  it('fail on a cycle, a folder cycle and each forbidden import', async () => {
    const { code, violations } = await check({ ...HOUSE, ...Object.fromEntries(Object.values(BREAKS)) });
    expect(code).not.toBe(0);
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^no-file-cycle: server\/domain\/(a|b)\.ts → server\/domain\/(b|a)\.ts → server\/domain\/(a|b)\.ts$/,
        ),
        'web-imports-only-contract: web/peek.ts → server/store/state.ts',
        'contract-imports-no-server: server/contract/derived.ts → server/domain/reducer.ts',
        'layer-store: server/store/watch.ts → server/live/loop.ts',
        'layer-ami: server/ami/peek.ts → server/store/state.ts',
        'shared-modules-import-only-contract: server/refusal.ts → server/live/loop.ts',
        'sim-shares-only-the-wire: server/sim/cheat.ts → server/domain/reducer.ts',
        'domain-is-pure: server/domain/disk.ts → fs',
        expect.stringMatching(
          /^no-folder-cycle: server\/(chat|layouts) → server\/(layouts|chat) → server\/(chat|layouts)$/,
        ),
      ]),
    );
  });
});
