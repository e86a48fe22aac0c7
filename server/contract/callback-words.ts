import type { Locale } from './locale.ts';
import { m } from './messages/messages.js';
import { CALLBACK_ERRORS, CALLBACK_MESSAGES } from './callbacks.ts';
import { sentenceWords } from './sentence-words.ts';

/** Every whole sentence; `claimed` follows the name of who is calling back, so it is said with that name. */
type Sentence = Exclude<keyof typeof CALLBACK_ERRORS, 'claimed'> | keyof typeof CALLBACK_MESSAGES;

const said = sentenceWords<Sentence>(
  { ...CALLBACK_ERRORS, ...CALLBACK_MESSAGES },
  {
    kiosk: m.calls_callback_kiosk,
    notListed: m.calls_callback_not_listed,
    agentQueue: m.calls_callback_agent_queue,
    noPhone: m.calls_callback_no_phone,
    claimedByYou: m.calls_callback_claimed_by_you,
    busy: m.calls_callback_busy,
    phoneWithoutPbx: m.calls_callback_phone_without_pbx,
    phoneNoAnswer: m.calls_callback_phone_no_answer,
    phoneBusy: m.calls_callback_phone_busy,
    phoneFailed: m.calls_callback_phone_failed,
    hungUpEarly: m.calls_callback_hung_up_early,
    unreachable: m.calls_callback_unreachable,
    notDialled: m.calls_callback_not_dialled,
    noOutcome: m.calls_callback_no_outcome,
    amiDown: m.calls_callback_ami_down,
    lost: m.calls_callback_lost,
  },
);
const CLAIMED = ` ${CALLBACK_ERRORS.claimed}`;

/**
 * A callback refusal or failure in `locale` (absent: the language being spoken). The service decides them as the
 * fixed English sentences of CALLBACK_ERRORS and CALLBACK_MESSAGES, which cross processes, the action log and the
 * stored callbacks word for word; the reader's side says them in their language (sentenceWords).
 */
export function callbackWords(text: string, locale?: Locale): string {
  if (text.endsWith(CLAIMED))
    return m.calls_callback_claimed({ name: text.slice(0, -CLAIMED.length) }, locale && { locale });
  return said(text, locale);
}
