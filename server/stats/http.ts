import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { fail } from '../contract/result.ts';
import type { AgentActivityResponse, CallRecordsResponse, CallRecordView, StatsResponse } from '../contract/stats.ts';
import { activityQuery, callsQuery, describeIssues, readStats, statsQuery, windowOf, type StatsReadDeps } from './read.ts';
import type { StatsStore } from './store.ts';
import { RETENTION_CATEGORIES, type Retention } from './retention.ts';

export interface StatsRouterDeps extends StatsReadDeps {
  readonly retention: Retention;
  /** Cuts the figures to what the asker may see (their unit's queues and agents). */
  readonly cut: (request: Request, stats: StatsResponse) => Promise<StatsResponse>;
  /** Cuts agent activity the same way. */
  readonly cutActivity: (request: Request, activity: AgentActivityResponse) => Promise<AgentActivityResponse>;
  /** What the asker may see of call records. */
  readonly callsScope: (request: Request) => Promise<CallRecordsScope>;
  readonly stats: StatsReadDeps['stats'] & Pick<StatsStore, 'agentActivity' | 'callRecords'>;
  readonly clock?: () => number;
}

export interface CallRecordsScope {
  /** Whether the asker sees the calls of a queue (applied before paging, so that pages and totals hold only those). */
  sees(queue: string): boolean;
  /** The calls of a page as the asker may see them (agents of other units, hidden numbers). */
  cut(calls: readonly CallRecordView[]): CallRecordView[];
}

const days = z
  .number({ error: 'must be a whole number of days from 1 to 999, or null to keep forever' })
  .int('must be a whole number of days from 1 to 999, or null to keep forever')
  .min(1, 'must be at least 1 day (null keeps forever)')
  .max(999, 'must be at most 999 days (null keeps forever)')
  .nullable();
const rule = z.strictObject({ days });
const retentionUpdate = z.strictObject({
  callRecords: rule.optional(),
  agentActivity: rule.optional(),
  statistics: rule.optional(),
  chatMessages: rule.optional(),
  monitoringLog: rule.optional(),
});
const category = z.enum(RETENTION_CATEGORIES, { error: `must be one of ${RETENTION_CATEGORIES.join(', ')}` });
const confirmation = z.strictObject({
  confirm: z.literal('YES', { error: 'type YES to delete every record of this category' }),
});

/** A 400 naming each bad parameter. */
function badRequest(response: Response, error: z.ZodError): void {
  response.status(400).json(fail(describeIssues(error)));
}

/**
 * `GET /stats` (the board's "statistics since" figures), `GET /agents/activity`, `GET /calls`, `GET|PUT /retention`
 * and `DELETE /retention/:category`; mounted under `/api`.
 */
export function createStatsRouter(deps: StatsRouterDeps): Router {
  const clock = deps.clock ?? Date.now;
  const router = Router();
  const json = express.json();

  router.get('/stats', async (request, response) => {
    const now = clock();
    const parsed = statsQuery(now, deps.windows).safeParse(request.query);
    if (!parsed.success) return badRequest(response, parsed.error);
    response.json(await deps.cut(request, await readStats(deps, parsed.data, now)));
  });

  router.get('/agents/activity', async (request, response) => {
    const now = clock();
    const parsed = activityQuery(now, deps.windows).safeParse(request.query);
    if (!parsed.success) return badRequest(response, parsed.error);
    const { since, until = now, agent } = parsed.data;
    const spans = await deps.stats.agentActivity({ since, until }, agent);
    response.json(await deps.cutActivity(request, { window: windowOf(since, until), spans }));
  });

  router.get('/calls', async (request, response) => {
    const now = clock();
    const parsed = callsQuery(now, deps.windows).safeParse(request.query);
    if (!parsed.success) return badRequest(response, parsed.error);
    const { since, until = now, queue, limit, offset } = parsed.data;
    const scope = await deps.callsScope(request);
    const asked = queue && new Set(queue);
    const sees = (name: string) => (!asked || asked.has(name)) && scope.sees(name);
    const { total, calls } = await deps.stats.callRecords({ since, until }, { sees, offset, limit });
    const page: CallRecordsResponse = { window: windowOf(since, until), total, offset, limit, calls: scope.cut(calls) };
    response.json(page);
  });

  router.get('/retention', async (_request, response) => {
    response.json(await deps.retention.rules());
  });

  router.put('/retention', json, async (request, response) => {
    const parsed = retentionUpdate.safeParse(request.body ?? {});
    if (!parsed.success) return badRequest(response, parsed.error);
    response.json(await deps.retention.update(parsed.data));
  });

  router.delete('/retention/:category', json, async (request, response) => {
    const which = category.safeParse(request.params.category);
    if (!which.success) return response.status(400).json(fail(`category: ${which.error.issues[0]?.message ?? 'unknown'}`));
    const confirmed = confirmation.safeParse(request.body ?? {});
    if (!confirmed.success) return badRequest(response, confirmed.error);
    response.json(await deps.retention.deleteAll(which.data));
  });

  return router;
}
