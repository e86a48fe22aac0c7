import { Router, type Request } from 'express';
import { ADMIN_ROLES, type AccessControl } from '../access/control.ts';
import { Refusal, validate } from '../refusal.ts';
import { MONITOR_ERRORS, monitorHistoryQuery } from '../contract/monitoring.ts';
import { dialplanSnippet } from './dialplan.ts';
import { groupRoutes, type MonitorGroups } from './groups.ts';
import { MonitorRefused, spokenMonitorError, type MonitorService } from './service.ts';

/** FastAGI's usual port, for the snippet shown before FASTAGI_PORT is set. */
const DEFAULT_FASTAGI_PORT = 4573;

/** A refusal of the service as an HTTP answer: 403 when it is access, 409 otherwise (no session, Asterisk down). */
async function refusals<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MonitorRefused)
      throw new Refusal(error.message === MONITOR_ERRORS.denied ? 403 : 409, spokenMonitorError(error.message));
    throw error;
  }
}

/**
 * `/api/monitoring`: permission groups (`/groups`), the live sessions (`/active`), the audit log (`/sessions`, newest
 * first, paged) and ending a live session (`POST /sessions/:id/end`), for the Owner and administrators, each cut to
 * the agents of their units; and the dialplan snippet of the feature code (`/dialplan`).
 */
export function monitoringRoutes(
  access: AccessControl,
  groups: MonitorGroups,
  service: MonitorService,
  fastAgiPort: () => number | undefined,
): Router {
  const router = Router();
  router.use(groupRoutes(access, groups));
  const admin = access.requireUser(ADMIN_ROLES);
  for (const path of ['/active', '/sessions', '/dialplan']) router.use(path, admin);

  /** The snippet for extensions.conf, naming this board's host as the browser reached it. */
  router.get('/dialplan', (request, response) => {
    const port = fastAgiPort();
    response.json({
      enabled: port !== undefined,
      snippet: dialplanSnippet(request.hostname, port ?? DEFAULT_FASTAGI_PORT),
    });
  });
  const userId = (request: Request) => access.userOf(request).user.id;

  router.get('/active', async (request, response) => {
    response.json(await refusals(() => service.active(userId(request))));
  });

  router.get('/sessions', async (request, response) => {
    const page = validate(monitorHistoryQuery, request.query);
    response.json(await refusals(() => service.history(userId(request), page)));
  });

  router.post('/sessions/:id/end', async (request, response) => {
    response.json(await refusals(() => service.end(userId(request), String(request.params.id))));
  });
  return router;
}
