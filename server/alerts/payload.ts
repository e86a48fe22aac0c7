import { createHmac } from 'node:crypto';
import type { ActiveAlert, WebhookFormat } from '../contract/alerts.ts';
import type { Locale } from '../contract/locale.ts';
import { m } from '../contract/messages/messages.js';
import type { Transition } from './evaluate.ts';

/**
 * What a webhook receives for a raise or a clear: the generic JSON for scripts, or the text message the chat tools'
 * incoming webhooks take (Slack and Mattermost read `text`; Microsoft Teams a MessageCard), in the board's language.
 */

/** The sentence people read, in `locale`. */
export function alertText(transition: Transition, locale: Locale): string {
  const { alert } = transition;
  const options = { locale };
  const scope =
    alert.queue === null ? m.alerts_scope_center({}, options) : m.alerts_scope_queue({ queue: alert.queue }, options);
  if (transition.kind === 'cleared') return m.alerts_cleared_text({ name: alert.name, scope }, options);
  return m.alerts_raised_text({ name: alert.name, scope, condition: conditionText(alert, locale) }, options);
}

function conditionText(alert: ActiveAlert, locale: Locale): string {
  const inputs = { value: String(alert.value), threshold: String(alert.threshold) };
  const options = { locale };
  switch (alert.metric) {
    case 'serviceLevel':
      return m.alerts_condition_service_level(inputs, options);
    case 'waiting':
      return m.alerts_condition_waiting(inputs, options);
    case 'longestWait':
      return m.alerts_condition_longest_wait(inputs, options);
    case 'available':
      return m.alerts_condition_available(inputs, options);
    case 'amiDown':
      return m.alerts_condition_ami_down({}, options);
  }
}

/** The body of one delivery, as JSON text (what the signature covers). */
export function payloadOf(
  format: WebhookFormat,
  transition: Transition,
  delivery: { id: string; at: number },
  locale: Locale,
): string {
  const text = alertText(transition, locale);
  switch (format) {
    case 'generic':
      return JSON.stringify({
        event: `alert.${transition.kind}`,
        id: delivery.id,
        at: new Date(delivery.at).toISOString(),
        alert: transition.alert,
        text,
      });
    case 'slack':
    case 'mattermost':
      return JSON.stringify({ text });
    case 'teams':
      return JSON.stringify({
        '@type': 'MessageCard',
        '@context': 'https://schema.org/extensions',
        summary: text,
        themeColor: transition.kind === 'raised' ? 'D13438' : '2EB886',
        text,
      });
  }
}

/**
 * The signature headers: HMAC-SHA256 with the webhook's secret over `<timestamp>.<body>`, so that a receiver can tell
 * the body came from this board and refuse an old delivery played again (by its timestamp, in Unix seconds).
 */
export function signatureHeaders(secret: string, body: string, atMs: number): Record<string, string> {
  const timestamp = String(Math.floor(atMs / 1000));
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return { 'X-Tablica-Timestamp': timestamp, 'X-Tablica-Signature': `sha256=${digest}` };
}
