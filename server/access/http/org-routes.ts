import { Router } from 'express';
import {
  policyBody,
  teamBody,
  unitBody,
  type PolicyView,
  type TeamView,
  type UnitView,
} from '../../contract/accounts.ts';
import { ADMIN_ROLES, type AccessControl } from '../control.ts';
import { validate } from '../../refusal.ts';
import { newId } from '../accounts/secrets.ts';
import { checkPolicy, checkTeam, checkUnit, type NamedUser } from '../org/rules.ts';
import { jsonBody } from '../../json-body.ts';

const json = jsonBody('256kb');

/**
 * `/units`, `/teams` and `/policies`: list, create (POST), replace (PUT /:id), delete; mounted under `/api`. For the
 * Owner and administrators who see the whole board. Every change is announced, so that sockets are re-scoped at once.
 */
export function orgRoutes(access: AccessControl): Router {
  const router = Router();
  const { units, teams, policies } = access.org;
  const manager = access.requireUser(ADMIN_ROLES, { wholeBoard: true });
  for (const path of ['/units', '/teams', '/policies']) router.use(path, manager);

  const usersById = async (): Promise<Map<string, NamedUser>> =>
    new Map((await access.users.list()).map((user) => [user.id, user]));
  const knownQueues = async (): Promise<ReadonlySet<string> | null> =>
    access.options.knownQueues ? new Set(await access.options.knownQueues()) : null;
  const changed = () => access.events.publish({ type: 'orgChanged' });
  const byName = <T extends { name: string }>(list: T[]) => list.sort((a, b) => a.name.localeCompare(b.name));

  router.get('/units', async (_request, response) => {
    response.json(byName(await units.list()));
  });

  router.post('/units', json, async (request, response) => {
    const body = validate(unitBody, request.body);
    checkUnit(body, null, await units.list(), await usersById(), await knownQueues());
    const unit: UnitView = { id: newId(), ...body };
    await units.put(unit);
    await changed();
    response.status(201).json(unit);
  });

  router.put('/units/:id', json, async (request, response) => {
    const before = await units.require(request.params.id);
    const body = validate(unitBody, request.body);
    checkUnit(body, before, await units.list(), await usersById(), await knownQueues());
    const unit = await units.put({ id: before.id, ...body });
    await changed();
    response.json(unit);
  });

  router.delete('/units/:id', async (request, response) => {
    await units.delete([(await units.require(request.params.id)).id]);
    await changed();
    response.status(204).end();
  });

  router.get('/teams', async (_request, response) => {
    response.json(byName(await teams.list()));
  });

  router.post('/teams', json, async (request, response) => {
    const body = validate(teamBody, request.body);
    checkTeam(body, null, await teams.list(), await usersById());
    const team: TeamView = { id: newId(), ...body };
    await teams.put(team);
    await changed();
    response.status(201).json(team);
  });

  router.put('/teams/:id', json, async (request, response) => {
    const { id } = await teams.require(request.params.id);
    const body = validate(teamBody, request.body);
    checkTeam(body, id, await teams.list(), await usersById());
    const team = await teams.put({ id, ...body });
    await changed();
    response.json(team);
  });

  /** A team goes with its policies: a policy without a team would apply to nobody. */
  router.delete('/teams/:id', async (request, response) => {
    const { id } = await teams.require(request.params.id);
    const orphans = (await policies.list()).filter((policy) => policy.team === id).map((policy) => policy.id);
    await policies.delete(orphans);
    await teams.delete([id]);
    await changed();
    response.status(204).end();
  });

  router.get('/policies', async (_request, response) => {
    response.json(await policies.list());
  });

  router.post('/policies', json, async (request, response) => {
    const body = validate(policyBody, request.body);
    checkPolicy(body, null, await teams.list(), await policies.list());
    const policy: PolicyView = { id: newId(), ...body };
    await policies.put(policy);
    await changed();
    response.status(201).json(policy);
  });

  router.put('/policies/:id', json, async (request, response) => {
    const { id } = await policies.require(request.params.id);
    const body = validate(policyBody, request.body);
    checkPolicy(body, id, await teams.list(), await policies.list());
    const policy = await policies.put({ id, ...body });
    await changed();
    response.json(policy);
  });

  router.delete('/policies/:id', async (request, response) => {
    await policies.delete([(await policies.require(request.params.id)).id]);
    await changed();
    response.status(204).end();
  });

  return router;
}
