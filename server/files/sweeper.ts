import type { Dirent } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { TEMP_SUFFIX } from './atomic.ts';
import { categoryDir, dayOfName, FILE_CATEGORIES, type FileCategory, type FileScope } from './paths.ts';

/** No file is kept longer than this (PRODUCT.md 6), whatever the retention rules say. */
export const MAX_YEARS = 5;
/** A temporary file this old was left by a writer that died: nobody will rename it any more. */
const STALE_TEMP_MS = 86_400_000;

/** Days to keep per category (1 = today only); null or absent: only the 5-year limit. */
export type FileRules = Partial<Record<FileCategory, number | null>>;

export interface SweeperOptions {
  readonly root: string;
  /** The retention rules that apply to files now (read at every sweep, so that a change applies at the next one). */
  readonly rules: () => Promise<FileRules>;
  readonly clock?: () => number;
}

/** The first UTC day kept: 5 years back to the same date, or fewer days by a rule. */
export function firstDayKept(now: number, days: number | null | undefined): string {
  const limit = new Date(now);
  limit.setUTCFullYear(limit.getUTCFullYear() - MAX_YEARS);
  const byRule = days ? new Date(now - (days - 1) * 86_400_000) : limit;
  return (byRule > limit ? byRule : limit).toISOString().slice(0, 10);
}

async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Every scope that has a folder under the root: the center and each unit. */
export async function scopesOnDisk(root: string): Promise<FileScope[]> {
  const units = (await entries(path.join(root, 'units'))).filter((entry) => entry.isDirectory());
  return [{ kind: 'center' }, ...units.map((entry) => ({ kind: 'unit' as const, unitId: entry.name }))];
}

/**
 * Removes the files the retention no longer keeps: every file (or day folder) is dated by its name, so a day written
 * again later is still removed with its day. Idempotent: every process may sweep.
 */
export function createSweeper(options: SweeperOptions) {
  const clock = options.clock ?? Date.now;

  const sweepCategory = async (scope: FileScope, category: FileCategory, firstKept: string | null): Promise<number> => {
    const dir = categoryDir(options.root, scope, category);
    let removed = 0;
    for (const entry of await entries(dir)) {
      const full = path.join(dir, entry.name);
      if (entry.name.startsWith('.')) {
        if (entry.name.endsWith(TEMP_SUFFIX) && clock() - (await stat(full)).mtimeMs > STALE_TEMP_MS)
          await rm(full, { force: true });
        continue;
      }
      const day = dayOfName(entry.name);
      if (day !== null && (firstKept === null || day < firstKept)) {
        await rm(full, { recursive: true, force: true });
        removed += 1;
      }
    }
    return removed;
  };

  return {
    /** Removes what is older than each category's limit; resolves with how many files or day folders went. */
    async sweep(): Promise<number> {
      const rules = await options.rules();
      let removed = 0;
      for (const scope of await scopesOnDisk(options.root)) {
        for (const category of FILE_CATEGORIES)
          removed += await sweepCategory(scope, category, firstDayKept(clock(), rules[category]));
      }
      return removed;
    },
    /** "Delete all" of a category: every scope's files of it. */
    async removeAll(category: FileCategory): Promise<number> {
      let removed = 0;
      for (const scope of await scopesOnDisk(options.root)) removed += await sweepCategory(scope, category, null);
      return removed;
    },
  };
}

export type Sweeper = ReturnType<typeof createSweeper>;
