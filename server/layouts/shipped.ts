import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLayout, type Layout } from '../contract/layout.ts';
import { fail, type Result } from '../contract/result.ts';

/** The layouts shipped with the product: every `*.json` in the repository's `layouts/` folder. */
export const SHIPPED_LAYOUTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../layouts');

export interface ShippedLayouts {
  readonly layouts: Layout[];
  /** One line per file that is not a valid layout, naming the file: it is left out, the others still count. */
  readonly problems: string[];
}

export async function readShippedLayouts(dir: string = SHIPPED_LAYOUTS_DIR): Promise<ShippedLayouts> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  const layouts: Layout[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const parsed = parseFile(await readFile(path.join(dir, file), 'utf8'));
    if (parsed.ok) layouts.push(parsed.data);
    else problems.push(`${file}: ${parsed.error}`);
  }
  return { layouts, problems };
}

function parseFile(text: string): Result<Layout> {
  try {
    return parseLayout(JSON.parse(text));
  } catch (error) {
    return fail(`not JSON: ${(error as Error).message}`);
  }
}
