import { m } from './messages/messages.js';
import { MONITOR_ERRORS } from './monitoring.ts';
import { sentenceWords } from './sentence-words.ts';

/**
 * A monitoring refusal or ending in `locale`: the service decides them as the fixed English sentences of
 * MONITOR_ERRORS, which the session and the socket carry word for word, so the reader's side says them in the seed's
 * words ("Odmowa.", "Połączenie nie zostało jeszcze nawiązane.").
 */
export const monitorWords = sentenceWords(MONITOR_ERRORS, {
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
});
