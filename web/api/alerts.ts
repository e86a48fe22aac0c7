import type {
  AlertHistoryPage,
  AlertRule,
  AlertRuleBody,
  AlertsConfig,
  Webhook,
  WebhookBody,
  WebhookView,
} from '../../server/contract/alerts.ts';
import type { Collection } from './admin.ts';
import { request, type ApiAnswer } from './request.ts';

/** `/api/alerts` (server/alerts/routes.ts): the rules and webhooks an administrator manages, and the alert history. */
const config = (): Promise<ApiAnswer<AlertsConfig>> => request('GET', '/api/alerts/config');

/** One part of the configuration as an edited list: listed from `GET /config`, changed at its own path. */
function part<View, Body, Made extends View = View>(
  path: string,
  pick: (config: AlertsConfig) => View[],
): Collection<View, Body, Made> {
  const one = (id: string) => `${path}/${encodeURIComponent(id)}`;
  return {
    list: async () => {
      const { status, result } = await config();
      return { status, result: result.ok ? { ok: true, data: pick(result.data) } : result };
    },
    create: (body) => request('POST', path, body),
    replace: (id, body) => request('PUT', one(id), body),
    remove: (id) => request('DELETE', one(id)),
  };
}

export const alertRulesApi = part<AlertRule, AlertRuleBody>('/api/alerts/rules', (config) => config.rules);
/** A webhook's secret comes only in the answer to its creation. */
export const webhooksApi = part<WebhookView, WebhookBody, Webhook>('/api/alerts/webhooks', (config) => config.webhooks);
export const alertHistoryApi = (page: { limit: number; offset: number }): Promise<ApiAnswer<AlertHistoryPage>> =>
  request('GET', `/api/alerts/history?limit=${page.limit}&offset=${page.offset}`);
