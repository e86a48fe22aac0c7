import express, { type Router } from 'express';
import type { Logger } from '../log.ts';
import { errorHandler, notFound } from './errors.ts';
import { healthRoutes, type HealthDeps } from './health.ts';
import { stateRoutes } from './state.ts';
import { webRoutes } from './web.ts';
import type { BoardReader } from '../live/reader.ts';

export interface HttpAppDeps {
  readonly reader: BoardReader;
  readonly health: HealthDeps;
  /** The layouts' REST API (server/layouts). */
  readonly layouts: Router;
  /** Statistics and retention (server/stats): /api/stats, /api/retention. */
  readonly stats: Router;
  /** The built web app's folder. */
  readonly webRoot: string;
  readonly log: Logger;
}

/** The express app: one router per resource, the web app, then JSON errors. */
export function createHttpApp(deps: HttpAppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use('/api/state', stateRoutes(deps.reader));
  app.use('/api/layouts', deps.layouts);
  app.use('/api', deps.stats);
  app.use('/healthz', healthRoutes(deps.health));
  app.use(webRoutes(deps.webRoot));
  app.use(notFound);
  app.use(errorHandler(deps.log));
  return app;
}
