import { Router } from 'express';
import { presentState } from '../domain/present.ts';
import type { BoardReader } from '../live/reader.ts';

/** `GET /api/state`: the live state, nested per queue, exactly as `npm run probe` prints it. */
export function stateRoutes(reader: BoardReader, clock: () => number = Date.now): Router {
  const router = Router();
  router.get('/', async (_request, response) => {
    response.json(presentState(await reader.state(), clock()));
  });
  return router;
}
