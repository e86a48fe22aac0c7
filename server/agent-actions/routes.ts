import { Router } from 'express';
import { ADMIN_ROLES, type AccessControl } from '../access/control.ts';
import { agentActionLogQuery, pauseReasonsBody } from '../contract/agent-actions.ts';
import { jsonBody } from '../json-body.ts';
import { validate } from '../refusal.ts';
import type { AgentActionService } from './service.ts';

/**
 * `/api/agent-actions`: the center's pause reasons (`GET /reasons` for every user, `PUT /reasons` for the Owner and
 * administrators of the whole board) and the agent actions log (`GET /log`, newest first, paged, for the Owner and
 * administrators, each cut to their units).
 */
export function agentActionRoutes(access: AccessControl, service: AgentActionService): Router {
  const router = Router();
  router.get('/reasons', access.requireUser(), async (_request, response) => {
    response.json({ reasons: await service.reasons() });
  });
  router.put(
    '/reasons',
    access.requireUser(ADMIN_ROLES, { wholeBoard: true }),
    jsonBody('16kb'),
    async (request, response) => {
      const { reasons } = validate(pauseReasonsBody, request.body);
      response.json({ reasons: await service.setReasons(reasons) });
    },
  );
  router.get('/log', access.requireUser(ADMIN_ROLES), async (request, response) => {
    const page = validate(agentActionLogQuery, request.query);
    response.json(await service.log(access.userOf(request).user.id, page));
  });
  return router;
}
