import { z } from 'zod';
import { problem } from '../contract/issues.ts';
import {
  RECORDS_MAX_DAYS,
  STATS_INTERVALS,
  STATS_MAX_DAYS,
  STATS_MAX_INTERVALS,
  type StatsInterval,
  type StatsResponse,
  type StatsWindow,
} from '../contract/stats.ts';
import type { LiveState } from '../domain/state.ts';
import { isoTime } from '../domain/readout.ts';
import { intervalStarts } from './counting/intervals.ts';
import type { StatsStore } from './redis/store.ts';
import { resolveSince, type WindowSettings } from './counting/windows.ts';

/** What reading a window's figures takes: the same for `GET /api/stats` and `stats:watch`. */
export interface StatsReadDeps {
  readonly stats: Pick<StatsStore, 'queueStats' | 'queueSeries' | 'agentStats'>;
  /** The live state now: callers waiting, Asterisk's service level thresholds. */
  readonly state: () => Promise<LiveState>;
  readonly windows: WindowSettings;
}

/** `queue=a&queue=b` or `queue=a,b`. */
const nameList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) =>
    value === undefined
      ? undefined
      : [value]
          .flat()
          .flatMap((item) => item.split(','))
          .map((item) => item.trim())
          .filter(Boolean),
  );

/** A window's start or end as `since` takes it (keyword or date-time), resolved at `now` to epoch ms. */
function instant(now: number, windows: WindowSettings) {
  return (text: string, ctx: z.RefinementCtx): number => {
    const resolved = resolveSince(text, now, windows);
    if ('since' in resolved) return resolved.since;
    ctx.addIssue({ code: 'custom', message: resolved.error });
    return z.NEVER;
  };
}

const DAY_MS = 86_400_000;

/** The parameters of a statistics request, with `since` resolved at `now`; the window and its series are bounded. */
export function statsQuery(now: number, windows: WindowSettings) {
  return z
    .strictObject({
      since: z.string().default('today').transform(instant(now, windows)),
      queue: nameList,
      agent: nameList,
      interval: z
        .enum(STATS_INTERVALS, { error: problem('listed', { values: STATS_INTERVALS.join(', ') }) })
        .optional(),
    })
    .superRefine((query, ctx) => {
      if (now - query.since > STATS_MAX_DAYS * DAY_MS) {
        ctx.addIssue({
          code: 'custom',
          path: ['since'],
          message: problem('window_days', { days: String(STATS_MAX_DAYS) }),
        });
      } else if (query.interval && tooManyIntervals(query.since, now, query.interval, windows)) {
        const message = problem('too_many_intervals', { interval: query.interval, max: String(STATS_MAX_INTERVALS) });
        ctx.addIssue({ code: 'custom', path: ['interval'], message });
      }
    });
}

function tooManyIntervals(since: number, until: number, interval: StatsInterval, windows: WindowSettings): boolean {
  return intervalStarts(since, until, interval, windows.timeZone).length > STATS_MAX_INTERVALS;
}

/** The parameters of a bounded window `[since, until)`: `until` defaults to now. */
function windowShape(now: number, windows: WindowSettings) {
  return {
    since: z.string().default('today').transform(instant(now, windows)),
    until: z.string().transform(instant(now, windows)).optional(),
  };
}

/** Checks a bounded window at `now`: it must end after it starts and span at most RECORDS_MAX_DAYS. */
function boundedWindow(now: number) {
  return (query: { since: number; until?: number | undefined }, ctx: z.RefinementCtx): void => {
    const until = query.until ?? now;
    if (query.until !== undefined && until <= query.since)
      ctx.addIssue({ code: 'custom', path: ['until'], message: problem('until_after') });
    else if (until - query.since > RECORDS_MAX_DAYS * DAY_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['since'],
        message: problem('records_days', { days: String(RECORDS_MAX_DAYS) }),
      });
    }
  };
}

/** The parameters of `GET /api/agents/activity`. */
export function activityQuery(now: number, windows: WindowSettings) {
  return z.strictObject({ ...windowShape(now, windows), agent: nameList }).superRefine(boundedWindow(now));
}

const pageNumber = (min: number, max: number) =>
  z.coerce
    .number({
      error: (issue) =>
        issue.code === 'invalid_type' ? problem('whole_range', { min: String(min), max: String(max) }) : undefined,
    })
    .int(problem('whole_range', { min: String(min), max: String(max) }))
    .min(min)
    .max(max);

/** The parameters of `GET /api/calls`: a window, queues, and a page of at most 1,000 calls. */
export function callsQuery(now: number, windows: WindowSettings) {
  return z
    .strictObject({
      ...windowShape(now, windows),
      queue: nameList,
      limit: pageNumber(1, 1_000).default(100),
      offset: pageNumber(0, 10_000_000).default(0),
    })
    .superRefine(boundedWindow(now));
}

/** The window a query names, with its edges as ISO instants. */
export function windowOf(since: number, until: number): StatsWindow {
  return { since: isoTime(since), until: isoTime(until) };
}

export type StatsQuery = z.output<ReturnType<typeof statsQuery>>;

/** The figures of a window from `since` up to `now`. */
export async function readStats(deps: StatsReadDeps, query: StatsQuery, now: number): Promise<StatsResponse> {
  const window = { since: query.since, until: null };
  const live = await deps.state();
  const [queues, agents] = await Promise.all([
    deps.stats.queueStats(window, { live, ...(query.queue && { queues: query.queue }) }),
    deps.stats.agentStats(window, query.agent),
  ]);
  const series =
    query.interval &&
    (await deps.stats.queueSeries(query.since, query.interval, { live, queues: queues.map((queue) => queue.name) }));
  return {
    window: windowOf(query.since, now),
    queues,
    agents,
    ...(series && { series }),
  };
}
