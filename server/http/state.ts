import { Router, type Request } from 'express';
import { scopeLiveState } from '../access/filter.ts';
import type { Scope } from '../access/scope.ts';
import { presentState } from '../domain/present.ts';
import type { BoardReader } from '../live/reader.ts';

/**
 * `GET /api/state`: the live state, nested per queue, as `npm run probe` prints it — cut to what the asker may see
 * (their unit's queues and agents, numbers hidden by a team policy).
 */
export function stateRoutes(
  reader: BoardReader,
  scopeOf: (request: Request) => Promise<Scope>,
  clock: () => number = Date.now,
): Router {
  const router = Router();
  router.get('/', async (request, response) => {
    const [scope, state] = await Promise.all([scopeOf(request), reader.state()]);
    response.json(scopeLiveState(scope, presentState(state, clock())));
  });
  return router;
}
