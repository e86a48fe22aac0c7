import express, { Router } from 'express';
import type { Redis } from '../redis-client.ts';
import { ADMIN_ROLES, type AccessControl } from '../access/control.ts';
import { badRequest, conflict, validate } from '../refusal.ts';
import { newId } from '../access/accounts/secrets.ts';
import { monitorGroupBody, type MonitorGroupBody, type MonitorGroupView } from '../contract/monitoring.ts';
import { RecordHash } from '../access/org/store.ts';
import { say } from '../i18n.ts';
import { m } from '../contract/messages/messages.js';

const json = express.json({ limit: '256kb' });

export type MonitorGroups = RecordHash<MonitorGroupView>;

export function monitorGroups(redis: Redis, key: string): MonitorGroups {
  return new RecordHash(redis, key, m.server_refusal_missing_monitor_group);
}

/** A group's name is unique (case-insensitive) and names known users only. */
export function checkGroup(
  body: MonitorGroupBody,
  self: string | null,
  groups: readonly MonitorGroupView[],
  users: ReadonlySet<string>,
): void {
  const taken = groups.find((group) => group.id !== self && group.name.toLowerCase() === body.name.toLowerCase());
  if (taken) throw conflict(say(m.admin_refusal_group_taken, { name: taken.name }));
  for (const field of ['monitored', 'monitors'] as const) {
    const unknown = body[field].filter((id) => !users.has(id));
    if (unknown.length > 0) throw badRequest(say(m.admin_refusal_group_unknown_users, { ids: unknown.join(', ') }));
  }
}

/**
 * `/groups` under `/api/monitoring`: list, create, replace (rename, members), delete. For the Owner and the
 * administrators who see the whole board, as units and teams are: a group crosses units by nature.
 */
export function groupRoutes(access: AccessControl, groups: MonitorGroups): Router {
  const router = Router();
  router.use('/groups', access.requireUser(ADMIN_ROLES, { wholeBoard: true }));
  const userIds = async () => new Set((await access.users.list()).map((user) => user.id));

  router.get('/groups', async (_request, response) => {
    response.json((await groups.list()).sort((a, b) => a.name.localeCompare(b.name)));
  });

  router.post('/groups', json, async (request, response) => {
    const body = validate(monitorGroupBody, request.body);
    checkGroup(body, null, await groups.list(), await userIds());
    response.status(201).json(await groups.put({ id: newId(), ...body }));
  });

  router.put('/groups/:id', json, async (request, response) => {
    const { id } = await groups.require(request.params.id);
    const body = validate(monitorGroupBody, request.body);
    checkGroup(body, id, await groups.list(), await userIds());
    response.json(await groups.put({ id, ...body }));
  });

  router.delete('/groups/:id', async (request, response) => {
    await groups.delete([(await groups.require(request.params.id)).id]);
    response.status(204).end();
  });
  return router;
}
