/**
 * A layout's "statistics since" as `GET /api/stats` and `stats:watch` take it. Apart from layout.ts and its schemas, so
 * that a screen showing a layout loads no validation code; layout.ts's sinceSchema is checked against the type here.
 */

/** The rolling windows "statistics since" offers, in minutes. */
export const ROLLING_MINUTES = [15, 60, 240, 1440] as const;

/** "Statistics since": where every counter on the board starts. `at` is an ISO date-time with its offset. */
export type LayoutSince =
  | { kind: 'today' }
  | { kind: 'shift' }
  | { kind: 'rolling'; minutes: (typeof ROLLING_MINUTES)[number] }
  | { kind: 'custom'; at: string };

const ROLLING_QUERY: Record<(typeof ROLLING_MINUTES)[number], string> = { 15: '15m', 60: '1h', 240: '4h', 1440: '24h' };

/** The `since` parameter of `GET /api/stats` for a layout's "statistics since". */
export function sinceQuery(since: LayoutSince): string {
  switch (since.kind) {
    case 'today':
    case 'shift':
      return since.kind;
    case 'rolling':
      return ROLLING_QUERY[since.minutes];
    case 'custom':
      return since.at;
  }
}
