import { createHmac } from 'node:crypto';
import { alertText } from '../contract/alert-text.ts';
import type { WebhookFormat } from '../contract/alerts.ts';
import type { Locale } from '../contract/locale.ts';
import type { Transition } from './evaluate.ts';

/**
 * What a webhook receives for a raise or a clear: the generic JSON for scripts, or the text message the chat tools'
 * incoming webhooks take (Slack and Mattermost read `text`; Microsoft Teams a MessageCard), in the board's language.
 */

/** The body of one delivery, as JSON text (what the signature covers). */
export function payloadOf(
  format: WebhookFormat,
  transition: Transition,
  delivery: { id: string; at: number },
  locale: Locale,
): string {
  const text = alertText(transition.kind, transition.alert, locale);
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
