/**
 * `npx tsx test/support/refresh-traces.ts <recordings> [scenario/file ...]`: compresses recorded AMI traces into
 * test/fixtures/ami-traces. Without files it refreshes every fixture there from the same names in <recordings>; with
 * `09-load/ami.raw` or `16-mixmonitor/recordings/<file>.wav` and the like it adds those.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { fixturePath, TRACES_DIR } from './traces.ts';

const [source, ...added] = process.argv.slice(2);
if (!source) {
  process.stderr.write('usage: npx tsx test/support/refresh-traces.ts <recordings folder> [scenario/file ...]\n');
  process.exit(2);
}

const present = readdirSync(TRACES_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((dir) =>
    readdirSync(path.join(TRACES_DIR, dir.name), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.br'))
      .map((file) => `${dir.name}/${file.slice(0, -'.br'.length).split(path.sep).join('/')}`),
  );

for (const relative of added.length > 0 ? added : present) {
  const [scenario = '', ...rest] = relative.split('/');
  const name = rest.join('/');
  const compressed = brotliCompressSync(readFileSync(path.join(source, scenario, name)), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 },
  });
  mkdirSync(path.dirname(fixturePath(scenario, name)), { recursive: true });
  writeFileSync(fixturePath(scenario, name), compressed);
  process.stdout.write(`${relative}: ${compressed.length} bytes\n`);
}
