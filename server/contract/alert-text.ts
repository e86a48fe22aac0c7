import type { ActiveAlert } from './alerts.ts';
import type { Locale } from './locale.ts';
import { m } from './messages/messages.js';

/**
 * The sentence that says an alert was raised or cleared: the webhooks' text (in the board's language) and the board's
 * banner and browser notification (in the reader's: `locale` left out).
 */
export function alertText(kind: 'raised' | 'cleared', alert: ActiveAlert, locale?: Locale): string {
  const options = locale ? { locale } : {};
  const scope =
    alert.queue === null ? m.alerts_scope_center({}, options) : m.alerts_scope_queue({ queue: alert.queue }, options);
  if (kind === 'cleared') return m.alerts_cleared_text({ name: alert.name, scope }, options);
  return m.alerts_raised_text({ name: alert.name, scope, condition: conditionText(alert, options) }, options);
}

/** What holds: the figure against the threshold. */
export function conditionText(alert: ActiveAlert, options: { locale?: Locale } = {}): string {
  const inputs = { value: String(alert.value), threshold: String(alert.threshold) };
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
