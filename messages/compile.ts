import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Compiles the message catalogue (messages/<area>/<locale>.json) into typed functions under server/contract/messages,
 * which the web app and the server both import. The output is generated, never committed; every script that reads
 * it (typecheck, lint, deps, build, start, demo, the test configs) runs this first. A stamp of the inputs skips the
 * compile when nothing changed, since loading the inlang project takes seconds.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const project = path.join(root, 'project.inlang');
const outdir = path.join(root, 'server/contract/messages');
const stampFile = path.join(outdir, '.stamp');

/** Every message file of the catalogue, area by area: `messages/board/pl.json`. */
export function catalogueFiles(): string[] {
  const dir = path.join(root, 'messages');
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((area) =>
      readdirSync(path.join(dir, area.name))
        .filter((file) => file.endsWith('.json'))
        .map((file) => path.join(dir, area.name, file)),
    )
    .sort();
}

function stampOf(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of [path.join(project, 'settings.json'), ...files, path.join(root, 'messages/compile.ts')]) {
    hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex');
}

export async function compileMessages(): Promise<void> {
  const files = catalogueFiles();
  const stamp = stampOf(files);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;
  // Loaded only when needed: the compiler and the inlang SDK take seconds to import.
  const { compile } = await import('@inlang/paraglide-js');
  await compile({
    project,
    outdir,
    strategy: ['globalVariable', 'baseLocale'],
    // The server passes the locale of each message explicitly; no request-wide locale is kept.
    disableAsyncLocalStorage: true,
    emitTsDeclarations: true,
    emitReadme: false,
  });
  // The compiler only warns when the message-format plugin does not load: fail instead, naming a missing message.
  const index = readFileSync(path.join(outdir, 'messages/_index.js'), 'utf8');
  const keys = files.flatMap((file) => Object.keys(JSON.parse(readFileSync(file, 'utf8')) as object));
  const missing = keys.find((key) => key !== '$schema' && !index.includes(`/${key}.js'`));
  if (missing) throw new Error(`The message "${missing}" was not compiled: is the message-format plugin installed?`);
  writeFileSync(stampFile, stamp);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await compileMessages();
