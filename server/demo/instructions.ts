import type { Locale } from '../contract/locale.ts';
import { m } from '../contract/messages/messages.js';
import type { Localized } from '../i18n.ts';
import { DEMO_RECORDED_QUEUE } from './recordings.ts';

/** What the demo prints once it runs: where, who logs in, what it simulates and records; the FTPS lines given. */
export function demoInstructions(
  demo: {
    readonly url: string;
    readonly login: { readonly username: string; readonly password: string };
    /** The simulated PBXs' AMI addresses, `127.0.0.1:5038, …`. */
    readonly pbxs: string;
    readonly redis: string;
    /** Where the recordings' MP3s go. */
    readonly recordings: string;
    readonly ftps: Localized;
  },
  locale: Locale,
): string {
  const say = { locale };
  const { url, login } = demo;
  const recorded = { queue: DEMO_RECORDED_QUEUE, dir: demo.recordings, calls: `${url}/#/calls` };
  return (
    `\n${m.server_demo_address({ url }, say)}\n` +
    `  ${m.server_demo_login(login, say)}\n` +
    `  ${m.server_demo_pbx({ where: demo.pbxs, redis: demo.redis }, say)}\n` +
    `  ${m.server_demo_recorded(recorded, say)}\n` +
    `${demo.ftps(locale)}  ${m.server_demo_stop({}, say)}\n\n`
  );
}
