import express, { type Router } from 'express';
import type { Logger } from '../log.ts';
import { errorHandler, notFound } from './errors.ts';
import { securityHeaders } from './headers.ts';
import { healthRoutes, type HealthDeps } from './health.ts';
import { stateRoutes } from './state.ts';
import { webRoutes } from './web.ts';
import { ADMIN_ROLES, type AccessControl } from '../access/control.ts';
import { accessRoutes } from '../access/http/routes.ts';
import { backupRoutes } from '../backup/routes.ts';
import { LAYOUT_EDITOR_ROLES } from '../layouts/rights.ts';
import type { BoardReader } from '../live/reader.ts';

export interface HttpAppDeps {
  /** Who asks and what they may see: every API route but /healthz needs a session or a kiosk link. */
  readonly access: AccessControl;
  readonly reader: BoardReader;
  readonly health: HealthDeps;
  /** The layouts' REST API (server/layouts). */
  readonly layouts: Router;
  /** Call monitoring (server/monitoring): /api/monitoring. */
  readonly monitoring: Router;
  /** Actions on agents (server/agent-actions): /api/agent-actions. */
  readonly agentActions: Router;
  /** Alert rules, webhooks and history (server/alerts): /api/alerts. */
  readonly alerts: Router;
  /** The daily reports (server/exports): /api/exports. */
  readonly exports: Router;
  /** Call recording (server/recordings): /api/recordings. */
  readonly recordings: Router;
  /** FTP access (server/ftps): /api/ftp. */
  readonly ftp: Router;
  /** Statistics and retention (server/stats): /api/stats, /api/agents/activity, /api/calls, /api/retention. */
  readonly stats: Router;
  /** KIOSK_FRAME_ANCESTORS: pages that may frame a kiosk link. */
  readonly kioskFrameAncestors: readonly string[];
  /** The built web app's folder. */
  readonly webRoot: string;
  readonly log: Logger;
}

/** The express app: one router per resource, the web app, then JSON errors. */
export function createHttpApp(deps: HttpAppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  const { access } = deps;
  const viewer = access.requireViewer();
  const editor = access.requireUser(LAYOUT_EDITOR_ROLES);
  app.set('trust proxy', access.options.auth.trustProxy);
  app.use(securityHeaders({ https: access.options.auth.cookieSecure, kioskFrameAncestors: deps.kioskFrameAncestors }));
  app.use('/api', accessRoutes(access));
  app.use('/api', backupRoutes(access));
  app.use(
    '/api/state',
    viewer,
    stateRoutes(deps.reader, (request) => access.scopeOf(access.viewerOf(request))),
  );
  app.use('/api/layouts', (request, response, next) =>
    (request.method === 'GET' ? viewer : editor)(request, response, next),
  );
  app.use('/api/layouts', deps.layouts);
  app.use('/api/stats', access.requireUser());
  app.use('/api/agents/activity', access.requireUser());
  app.use('/api/calls', access.requireUser());
  app.use('/api/retention', access.requireUser(ADMIN_ROLES, { wholeBoard: true }));
  app.use('/api', deps.stats);
  app.use('/api/monitoring', deps.monitoring);
  app.use('/api/agent-actions', deps.agentActions);
  app.use('/api/alerts', deps.alerts);
  app.use('/api/exports', deps.exports);
  app.use('/api/recordings', deps.recordings);
  app.use('/api/ftp', deps.ftp);
  app.use('/healthz', healthRoutes(deps.health));
  app.use(webRoutes(deps.webRoot));
  app.use(notFound);
  app.use(errorHandler(deps.log, (request) => access.localeOf(request)));
  return app;
}
