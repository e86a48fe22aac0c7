import { Router } from 'express';
import { orgRoutes } from './org-routes.ts';
import type { AccessControl } from '../control.ts';
import { kioskRoutes } from './kiosk-routes.ts';
import { sessionRoutes } from './session-routes.ts';
import { userRoutes } from './user-routes.ts';

/** Every access route: session, setup, me, users, units, teams, policies, kiosk; mounted under `/api`. */
export function accessRoutes(access: AccessControl): Router {
  return Router().use(sessionRoutes(access), userRoutes(access), orgRoutes(access), kioskRoutes(access));
}
