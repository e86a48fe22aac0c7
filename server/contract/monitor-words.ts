import type { Locale } from './locale.ts';
import { m } from './messages/messages.js';
import { MONITOR_ERRORS } from './monitoring.ts';

type Message = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

const WORDS: Readonly<Record<keyof typeof MONITOR_ERRORS, Message>> = {
  denied: m.board_monitor_error_denied,
  noCall: m.board_monitor_error_no_call,
  noAnswer: m.board_monitor_error_no_answer,
  callEnded: m.board_monitor_error_call_ended,
  noPhone: m.board_monitor_error_no_phone,
  amiDown: m.board_monitor_error_ami_down,
  busy: m.board_monitor_error_busy,
  noSession: m.board_monitor_error_no_session,
  notSpying: m.board_monitor_error_not_spying,
  phoneWithoutPbx: m.board_monitor_error_phone_without_pbx,
  otherPbx: m.board_monitor_error_other_pbx,
  endedByAdmin: m.board_monitor_error_ended_by_admin,
};

const BY_TEXT = new Map(
  (Object.keys(MONITOR_ERRORS) as (keyof typeof MONITOR_ERRORS)[]).map((key) => [MONITOR_ERRORS[key], WORDS[key]]),
);

/**
 * A monitoring refusal or ending in `locale` (absent: the language being spoken): the service decides them as the
 * fixed English sentences of MONITOR_ERRORS, which the session and the socket carry word for word, so the reader's
 * side says them in the seed's words ("Odmowa.", "Połączenie nie zostało jeszcze nawiązane."). Any other text is
 * returned as it is.
 */
export function monitorWords(text: string, locale?: Locale): string {
  return BY_TEXT.get(text as never)?.({}, locale && { locale }) ?? text;
}
