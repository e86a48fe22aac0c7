import { callActions } from './calls.ts';
import type { ActionHandler } from './context.ts';
import { listActions } from './lists.ts';
import { queueActions } from './queue.ts';
import { sessionActions } from './session.ts';

/** Every action the simulator answers, by lower-cased name (AMI action names are case-insensitive). */
export const ACTIONS: Record<string, ActionHandler> = {
  ...sessionActions,
  ...listActions,
  ...queueActions,
  ...callActions,
};

/** Actions allowed before a successful Login. */
export const UNAUTHENTICATED_ACTIONS = new Set(['login', 'logoff']);
