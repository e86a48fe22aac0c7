import { alertText } from '../../server/contract/alert-text.ts';
import type { ActiveAlert } from '../../server/contract/alerts.ts';
import type { AlertsConnection } from './socket.ts';
import { offered } from './offered.ts';

/** A browser notification's wants: whether it may show one, and showing it (the Notification API, or a test's). */
export interface Notifier {
  readonly permission: () => 'default' | 'granted' | 'denied' | 'unsupported';
  readonly ask: () => Promise<unknown>;
  readonly show: (title: string, options: { body: string; tag: string }) => void;
}

/** The browser's own notifications, where it has them. */
export const browserNotifier: Notifier = {
  permission: () => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission),
  ask: () => Notification.requestPermission(),
  show: (title, options) => void new Notification(title, options),
};

/** What identifies one raise of a rule: a rule raised again later is a new alert. */
const raiseOf = (alert: ActiveAlert): string => `${alert.ruleId}@${alert.raisedAt}`;

/**
 * The alerts raised now as the server shows them to this screen (alerts:watch on every (re)connect, then each
 * alerts:updated): the boards' banner. For a user who may be notified (`notifier` set: a supervisor, an administrator,
 * the Owner), an alert raised while the screen is open becomes a browser notification once they allowed them; those
 * already raised when the screen connects do not.
 */
export class LiveAlerts {
  alerts = $state.raw<ActiveAlert[]>([]);
  /** Whether the browser shows this user's notifications: `default` until they answer the browser's question. */
  permission = $state<ReturnType<Notifier['permission']>>('unsupported');
  readonly #stop: (() => void)[] = [];
  /** The raises shown before (few: a list does). */
  #seen: string[] | null = null;
  #notifier: Notifier | null = null;

  constructor(connection: AlertsConnection) {
    const watch = async (): Promise<void> => {
      const answer = await connection.watchAlerts().catch(() => null);
      if (answer?.ok) this.#take(answer.data.alerts, this.#seen !== null);
    };
    this.#stop.push(
      connection.onConnected(() => void watch()),
      connection.onAlertsUpdated((view) => this.#take(view.alerts, true)),
    );
    if (connection.connected) void watch();
  }

  /** Notifications for this user (from now on), through `notifier`. */
  notifyWith(notifier: Notifier): void {
    this.#notifier = notifier;
    this.permission = notifier.permission();
  }

  /** Asks the browser to allow notifications (it must follow a click). */
  async allowNotifications(): Promise<void> {
    if (!this.#notifier) return;
    await this.#notifier.ask();
    this.permission = this.#notifier.permission();
  }

  close(): void {
    for (const stop of this.#stop) stop();
  }

  #take(alerts: ActiveAlert[], announce: boolean): void {
    const seen = this.#seen ?? [];
    const notifier = this.#notifier;
    if (announce && notifier?.permission() === 'granted') {
      for (const alert of alerts) {
        if (!seen.includes(raiseOf(alert)))
          notifier.show(alert.name, { body: alertText('raised', alert), tag: raiseOf(alert) });
      }
    }
    this.#seen = alerts.map(raiseOf);
    this.alerts = alerts;
  }
}

const context = offered<LiveAlerts>('alerts');

/** The workspace and a wall TV hand the alerts to the boards under them. */
export const provideAlerts = context.provide;
export const alertsOf = context.find;
