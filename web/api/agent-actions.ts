import type { AgentActionLogPage } from '../../server/contract/agent-actions.ts';
import { request, type ApiAnswer } from './request.ts';

/** `/api/agent-actions` (server/agent-actions/routes.ts): the center's pause reasons and the action log. */
export const agentActionsApi = {
  reasons: (): Promise<ApiAnswer<{ reasons: string[] }>> => request('GET', '/api/agent-actions/reasons'),
  saveReasons: (reasons: readonly string[]): Promise<ApiAnswer<{ reasons: string[] }>> =>
    request('PUT', '/api/agent-actions/reasons', { reasons }),
  log: (page: { limit: number; offset: number }): Promise<ApiAnswer<AgentActionLogPage>> =>
    request('GET', `/api/agent-actions/log?limit=${page.limit}&offset=${page.offset}`),
};
