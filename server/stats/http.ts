import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { problem } from '../contract/issues.ts';
import { retentionUpdateBody } from '../contract/retention.ts';
import {
  CONFIRM_WORDS,
  type AgentActivityResponse,
  type CallRecordsResponse,
  type CallRecordView,
  type StatsResponse,
} from '../contract/stats.ts';
import { activityQuery, callsQuery, readStats, statsQuery, windowOf, type StatsReadDeps } from './read.ts';
import type { StatsStore } from './redis/store.ts';
import { Refusal, validate } from '../refusal.ts';
import { KeyedLimit } from '../gate.ts';
import { RETENTION_CATEGORIES, type Retention } from './redis/retention.ts';
import { jsonBody } from '../json-body.ts';
import { m } from '../contract/messages/messages.js';
import { say } from '../i18n.ts';

export interface StatsRouterDeps extends StatsReadDeps {
  readonly retention: Retention;
  /** Cuts the figures to what the asker may see (their unit's queues and agents). */
  readonly cut: (request: Request, stats: StatsResponse) => Promise<StatsResponse>;
  /** Cuts agent activity the same way. */
  readonly cutActivity: (request: Request, activity: AgentActivityResponse) => Promise<AgentActivityResponse>;
  /** What the asker may see of call records. */
  readonly callsScope: (request: Request) => Promise<CallRecordsScope>;
  /** Adds to a page of calls the recordings the asker may hear (server/recordings). */
  readonly withRecordings?: (request: Request, calls: CallRecordView[]) => Promise<CallRecordView[]>;
  readonly stats: StatsReadDeps['stats'] & Pick<StatsStore, 'agentActivity' | 'callRecords'>;
  /** Who asks (a user id): each may run QUERIES_PER_USER reads at once. */
  readonly asker: (request: Request) => string;
  readonly clock?: () => number;
}

/** Reads one user may run at once: a board and a report side by side, not a script hammering the server. */
export const QUERIES_PER_USER = 4;

export interface CallRecordsScope {
  /** Whether the asker sees the calls of a queue (applied before paging, so that pages and totals hold only those). */
  sees(queue: string): boolean;
  /** The calls of a page as the asker may see them (agents of other units, hidden numbers). */
  cut(calls: readonly CallRecordView[]): CallRecordView[];
  /** Whether the asker gets a copy control beside the numbers shown (absent: no). */
  readonly copyNumbers?: boolean;
}

const category = z.enum(RETENTION_CATEGORIES, {
  error: problem('listed', { values: RETENTION_CATEGORIES.join(', ') }),
});
const confirmation = z.strictObject({
  confirm: z.enum(Object.values(CONFIRM_WORDS), {
    error: problem('confirm_word'),
  }),
});

/**
 * `GET /stats` (the board's "statistics since" figures), `GET /agents/activity`, `GET /calls`, `GET|PUT /retention`
 * and `DELETE /retention/:category`; mounted under `/api`.
 */
export function createStatsRouter(deps: StatsRouterDeps): Router {
  const clock = deps.clock ?? Date.now;
  const router = Router();
  const json = jsonBody('100kb');
  const perUser = new KeyedLimit(
    QUERIES_PER_USER,
    () => new Refusal(429, say(m.server_refusal_stats_queries, { max: QUERIES_PER_USER }), 1),
  );
  /** A read, counted against its asker's reads running at once. */
  const read =
    (handler: (request: Request, response: Response) => Promise<unknown>) => (request: Request, response: Response) =>
      perUser.run(deps.asker(request), () => handler(request, response));

  router.get(
    '/stats',
    read(async (request, response) => {
      const now = clock();
      const query = validate(statsQuery(now, deps.windows), request.query);
      response.json(await deps.cut(request, await readStats(deps, query, now)));
    }),
  );

  router.get(
    '/agents/activity',
    read(async (request, response) => {
      const now = clock();
      const { since, until = now, agent } = validate(activityQuery(now, deps.windows), request.query);
      const spans = await deps.stats.agentActivity({ since, until }, agent);
      response.json(await deps.cutActivity(request, { window: windowOf(since, until), spans }));
    }),
  );

  router.get(
    '/calls',
    read(async (request, response) => {
      const now = clock();
      const { since, until = now, queue, limit, offset } = validate(callsQuery(now, deps.windows), request.query);
      const scope = await deps.callsScope(request);
      const asked = queue && new Set(queue);
      const sees = (name: string) => (!asked || asked.has(name)) && scope.sees(name);
      const { total, calls } = await deps.stats.callRecords({ since, until }, { sees, offset, limit });
      const shown = scope.cut(calls);
      const page: CallRecordsResponse = {
        window: windowOf(since, until),
        total,
        offset,
        limit,
        calls: deps.withRecordings ? await deps.withRecordings(request, shown) : shown,
        ...(scope.copyNumbers && { copyNumbers: true }),
      };
      response.json(page);
    }),
  );

  router.get('/retention', async (_request, response) => {
    response.json(await deps.retention.rules());
  });

  router.put('/retention', json, async (request, response) => {
    response.json(await deps.retention.update(validate(retentionUpdateBody, request.body)));
  });

  router.delete('/retention/:category', json, async (request, response) => {
    const which = validate(category, request.params.category, 'category');
    validate(confirmation, request.body);
    response.json(await deps.retention.deleteAll(which));
  });

  return router;
}
