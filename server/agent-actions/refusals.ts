import { m } from '../contract/messages/messages.js';
import type { Localized } from '../i18n.ts';

/** Whom and what a refusal is about, as the board names them. */
export interface Named {
  readonly agent: string | undefined;
  readonly queue: string | null;
}

/**
 * app_queue's refusals of QueuePause, QueueAdd and QueueRemove (trace 05) as sentences for a person, in their
 * language. The board checks the same before it asks, with the same words; Asterisk's answer covers what changed in
 * between (a refusal it words otherwise is quoted).
 */
export function refusalOf(message: string, { agent, queue }: Named): Localized {
  return (locale) => {
    const options = { locale };
    const words = {
      who: agent ?? m.actions_who_default({}, options),
      where: queue === null ? m.actions_where_any({}, options) : m.actions_where_queue({ queue }, options),
    };
    if (message === 'Member not dynamic') return m.actions_refused_static(words, options);
    if (message.endsWith('Already there')) return m.actions_refused_already_in(words, options);
    if (message.endsWith('Not there')) return m.actions_refused_not_in(words, options);
    if (message.endsWith('No such queue')) return m.actions_refused_no_queue(words, options);
    if (message === 'Interface not found') return m.actions_refused_not_member(words, options);
    return m.actions_refused_other({ reason: message || m.actions_no_reason({}, options) }, options);
  };
}
