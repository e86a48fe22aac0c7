import type { LayoutSince } from '../../server/contract/layout.ts';
import { sinceKey, sinceOfKey } from './since.ts';

/**
 * The home board's "statistics since", remembered for each user in their browser (local storage). A layout keeps its
 * own, saved with it for everyone who opens it; the home board is everyone's, so the choice is the viewer's: it stays
 * on the supervisor's screen across reloads and logins, and a colleague at the same browser keeps theirs. A choice
 * that cannot be read (storage blocked, an old or edited value) is Today.
 */
export type SinceStorage = Pick<Storage, 'getItem' | 'setItem'>;

const HOME_SINCE: LayoutSince = { kind: 'today' };

const keyOf = (userId: string): string => `tablica.homeSince.${userId}`;

export function loadHomeSince(storage: SinceStorage | null, userId: string): LayoutSince {
  try {
    const saved = JSON.parse(storage?.getItem(keyOf(userId)) ?? 'null') as { key?: unknown; at?: unknown } | null;
    if (typeof saved?.key !== 'string') return HOME_SINCE;
    return sinceOfKey(saved.key, typeof saved.at === 'string' ? saved.at : '') ?? HOME_SINCE;
  } catch {
    return HOME_SINCE;
  }
}

export function saveHomeSince(storage: SinceStorage | null, userId: string, since: LayoutSince): void {
  try {
    storage?.setItem(
      keyOf(userId),
      JSON.stringify({ key: sinceKey(since), at: since.kind === 'custom' ? since.at : '' }),
    );
  } catch {
    // Storage full or blocked: the choice holds for this page only.
  }
}

/** The browser's local storage, or null where it is refused (some privacy settings throw on mere access). */
export function browserStorage(): SinceStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
