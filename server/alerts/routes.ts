import { Router, type Request } from 'express';
import { ADMIN_ROLES, type AccessControl } from '../access/control.ts';
import { alertHistoryQuery, alertRuleBody, webhookBody } from '../contract/alerts.ts';
import { jsonBody } from '../json-body.ts';
import { validate } from '../refusal.ts';
import type { AlertService } from './service.ts';

/**
 * `/api/alerts` for the Owner and administrators: `GET /config` (the rules they manage and the webhooks), the rules
 * (`POST /rules`, `PUT` and `DELETE /rules/:id`, within their units), the webhooks (`POST /webhooks`, whose answer
 * alone carries the signing secret, `PUT` and `DELETE /webhooks/:id`, administrators of the whole board only) and `GET /history` (raises and clears, newest
 * first, cut to what they see).
 */
export function alertRoutes(access: AccessControl, service: AlertService): Router {
  const router = Router();
  const admin = access.requireUser(ADMIN_ROLES);
  const scope = (request: Request) => access.scopeOf(access.userOf(request));
  router.get('/config', admin, async (request, response) => {
    response.json(await service.config(await scope(request)));
  });
  router.post('/rules', admin, jsonBody('16kb'), async (request, response) => {
    response.status(201).json(await service.createRule(await scope(request), validate(alertRuleBody, request.body)));
  });
  router.put('/rules/:id', admin, jsonBody('16kb'), async (request, response) => {
    const body = validate(alertRuleBody, request.body);
    response.json(await service.updateRule(await scope(request), String(request.params.id), body));
  });
  router.delete('/rules/:id', admin, async (request, response) => {
    await service.deleteRule(await scope(request), String(request.params.id));
    response.status(204).end();
  });
  router.post('/webhooks', admin, jsonBody('16kb'), async (request, response) => {
    const body = validate(webhookBody, request.body);
    response.status(201).json(await service.createWebhook(await scope(request), body));
  });
  router.put('/webhooks/:id', admin, jsonBody('16kb'), async (request, response) => {
    const body = validate(webhookBody, request.body);
    response.json(await service.updateWebhook(await scope(request), String(request.params.id), body));
  });
  router.delete('/webhooks/:id', admin, async (request, response) => {
    await service.deleteWebhook(await scope(request), String(request.params.id));
    response.status(204).end();
  });
  router.get('/history', admin, async (request, response) => {
    const page = validate(alertHistoryQuery, request.query);
    response.json(await service.history(await scope(request), page));
  });
  return router;
}
