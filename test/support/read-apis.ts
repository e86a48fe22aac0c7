import { getJson } from './eventually.ts';

/** Every read API of the board, as an Owner reads it (today's window: the defaults). */
export const READ_APIS = ['/api/state', '/api/stats?interval=5m', '/api/calls', '/api/agents/activity'] as const;

export interface ApiAnswer {
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
}

export function readApis(url: string, cookie: string): Promise<ApiAnswer[]> {
  return Promise.all(READ_APIS.map(async (path) => ({ path, ...(await getJson<unknown>(`${url}${path}`, cookie)) })));
}

/** Where a JSON answer holds a number that is not a finite, non-negative figure, or an over-long string. */
export function badValues(value: unknown, at = '$', maxChars = 1_024): string[] {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? [] : [`${at} = ${value}`];
  if (typeof value === 'string') return value.length <= maxChars ? [] : [`${at}: ${value.length} characters`];
  if (Array.isArray(value)) return value.flatMap((item, i) => badValues(item, `${at}[${i}]`, maxChars));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      key.length <= maxChars
        ? badValues(item, `${at}.${key.slice(0, 40)}`, maxChars)
        : [`${at}: a key of ${key.length} characters`],
    );
  }
  return [];
}
