import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { fail } from '../contract/result.ts';
import type { StatsResponse } from '../contract/stats.ts';
import type { LiveState } from '../domain/state.ts';
import { RETENTION_CATEGORIES, type Retention } from './retention.ts';
import type { StatsStore } from './store.ts';
import { resolveSince, type WindowSettings } from './windows.ts';

export interface StatsRouterDeps {
  readonly stats: StatsStore;
  readonly retention: Retention;
  /** The live state now: callers waiting, Asterisk's service level thresholds. */
  readonly state: () => Promise<LiveState>;
  readonly windows: WindowSettings;
  readonly clock?: () => number;
}

/** `queue=a&queue=b` or `queue=a,b`. */
const nameList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) =>
    value === undefined ? undefined : [value].flat().flatMap((item) => item.split(',')).map((item) => item.trim()).filter(Boolean),
  );

function statsQuery(now: number, windows: WindowSettings) {
  return z.strictObject({
    since: z
      .string()
      .default('today')
      .transform((text, ctx) => {
        const resolved = resolveSince(text, now, windows);
        if ('since' in resolved) return resolved.since;
        ctx.addIssue({ code: 'custom', message: resolved.error });
        return z.NEVER;
      }),
    queue: nameList,
    agent: nameList,
  });
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
});
const category = z.enum(RETENTION_CATEGORIES, { error: `must be one of ${RETENTION_CATEGORIES.join(', ')}` });
const confirmation = z.strictObject({
  confirm: z.literal('YES', { error: 'type YES to delete every record of this category' }),
});

/** A 400 naming each bad parameter, e.g. `since: is in the future`. */
function badRequest(response: Response, error: z.ZodError): void {
  const message = error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`).join('; ');
  response.status(400).json(fail(message));
}

/**
 * `GET /stats` (the board's "statistics since" figures), `GET|PUT /retention` and `DELETE /retention/:category`;
 * mounted under `/api`.
 */
export function createStatsRouter(deps: StatsRouterDeps): Router {
  const clock = deps.clock ?? Date.now;
  const router = Router();
  const json = express.json();

  router.get('/stats', async (request, response) => {
    const now = clock();
    const parsed = statsQuery(now, deps.windows).safeParse(request.query);
    if (!parsed.success) return badRequest(response, parsed.error);
    const { since, queue, agent } = parsed.data;
    const window = { since, until: null };
    const live = await deps.state();
    const [queues, agents] = await Promise.all([
      deps.stats.queueStats(window, { live, ...(queue && { queues: queue }) }),
      deps.stats.agentStats(window, agent),
    ]);
    const body: StatsResponse = {
      window: { since: new Date(since).toISOString(), until: new Date(now).toISOString() },
      queues,
      agents,
    };
    response.json(body);
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
