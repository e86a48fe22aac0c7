import { z } from 'zod';
import type { Locale } from './locale.ts';
import { m } from './messages/messages.js';
import { fail, ok, type Result } from './result.ts';

/**
 * The one place where what zod finds wrong becomes sentences for people, in their language: every request body,
 * query, socket command and layout file is read here, so a refusal reads "Name must not be empty." (Polish: "Pole
 * „nazwa” nie może być puste.") wherever it comes from, never a schema path. zod's own messages are reworded from the
 * issue; a schema states a problem of its own with `problem()`, which names a message of the catalogue.
 */

/** What the input as a whole is, named where a problem is with all of it. */
export type Subject = 'request' | 'layout' | 'category' | 'day';

/** The problems of an input, said in a language chosen later (by whoever answers the person). */
export type Problems = (locale: Locale) => string;

export type Checked<T> = { ok: true; data: T } | { ok: false; problems: Problems };

/** Validates `input`; the problems name each of the first issues in words, in any language. */
export function checkWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  subject: Subject = 'request',
): Checked<z.output<S>> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return { ok: true, data: parsed.data };
  const { issues } = parsed.error;
  return { ok: false, problems: (locale) => describeIssues(issues, subject, locale) };
}

/** Validates `input`; the error names each of the first problems in words, in `locale`. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  subject: Subject = 'request',
  locale: Locale = 'en',
): Result<z.output<S>> {
  const checked = checkWith(schema, input, subject);
  return checked.ok ? ok(checked.data) : fail(checked.problems(locale));
}

const SHOWN_ISSUES = 3;

/** `Name must not be empty. Column 2, widget 1, thresholds, red must be a number (got "high").` */
export function describeIssues(issues: readonly z.core.$ZodIssue[], subject: Subject, locale: Locale): string {
  const shown = issues.slice(0, SHOWN_ISSUES).map((issue) => {
    const problem = problemOf(issue, locale);
    const field = fieldOf(issue.path, locale);
    return field === null
      ? m.issue_whole({ subject: SUBJECTS[subject]({}, { locale }), problem }, { locale })
      : m.issue_field({ subject: field, problem }, { locale });
  });
  const more = issues.length - shown.length;
  return shown.join(' ') + (more > 0 ? ` ${m.issue_more({ count: more }, { locale })}` : '');
}

type Say<Inputs = Record<string, never>> = (inputs: Inputs, options: { locale: Locale }) => string;

const SUBJECTS: Record<Subject, Say> = {
  request: m.issue_subject_request,
  layout: m.issue_subject_layout,
  category: m.issue_subject_category,
  day: m.issue_subject_day,
};

/** What a field is called on screen; a key not listed here is shown as it is (in English: in words). */
const LABELS: Record<string, Say> = {
  since: m.issue_label_since,
  until: m.issue_label_until,
  text: m.issue_label_text,
  displayName: m.issue_label_display_name,
  username: m.issue_label_username,
  expiresAt: m.issue_label_expires_at,
  layoutId: m.issue_label_layout_id,
  intervalMin: m.issue_label_interval_min,
  id: m.issue_label_id,
  minutes: m.issue_label_minutes,
  at: m.issue_label_at,
  name: m.issue_label_name,
  title: m.issue_label_title,
  columns: m.issue_label_columns,
  columnsContent: m.issue_label_columns_content,
  thresholds: m.issue_label_thresholds,
  red: m.issue_label_red,
  amber: m.issue_label_amber,
  password: m.issue_label_password,
  queues: m.issue_label_queues,
  queue: m.issue_label_queue,
  metric: m.issue_label_metric,
  sort: m.issue_label_sort,
  column: m.issue_label_column,
  direction: m.issue_label_direction,
  theme: m.issue_label_theme,
  locale: m.issue_label_locale,
  type: m.issue_label_type,
  reason: m.issue_label_reason,
  penalty: m.issue_label_penalty,
  url: m.issue_label_url,
  secret: m.issue_label_secret,
  format: m.issue_label_format,
  threshold: m.issue_label_threshold,
  clear: m.issue_label_clear,
  days: m.issue_label_days,
  interval: m.issue_label_interval,
  limit: m.issue_label_limit,
  offset: m.issue_label_offset,
  agent: m.issue_label_agent,
  scale: m.issue_label_scale,
  role: m.issue_label_role,
  unitId: m.issue_label_unit_id,
  version: m.issue_label_version,
  timeZone: m.issue_label_time_zone,
  csv: m.issue_label_csv,
  confirm: m.issue_label_confirm,
};

/** A path in words: `columnsContent[1][0].settings.sort` is "Column 2, widget 1, sort"; null for the whole input. */
function fieldOf(path: readonly PropertyKey[], locale: Locale): string | null {
  const parts: string[] = [];
  for (let at = 0; at < path.length; at++) {
    const key = path[at];
    if (typeof key === 'number') {
      // A socket command's arguments are a list: its first element is the payload itself.
      if (at > 0) parts.push(m.issue_path_item({ n: key + 1 }, { locale }));
    } else if (key === 'columnsContent' && typeof path[at + 1] === 'number') {
      parts.push(m.issue_path_column({ n: (path[at + 1] as number) + 1 }, { locale }));
      if (typeof path[at + 2] === 'number')
        parts.push(m.issue_path_widget({ n: (path[at + 2] as number) + 1 }, { locale }));
      at += typeof path[at + 2] === 'number' ? 2 : 1;
    } else if (key !== 'settings') {
      const label = LABELS[String(key)];
      parts.push(label ? label({}, { locale }) : locale === 'en' ? words(String(key)) : String(key));
    }
  }
  if (parts.length === 0) return null;
  const text = parts.join(', ');
  // An English sentence starts with the field; in Polish it is quoted after "Pole".
  return locale === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** `columnsContent` as "columns content". */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * The problems schemas state themselves, each a message of the catalogue: `problem('listed_twice', { name })` is the
 * message of a zod check (`.min(1, problem('agent_named'))`, `ctx.addIssue({ code: 'custom', message: problem(…) })`).
 */
const OWN = {
  username_form: m.issue_own_username_form,
  channel_interface: m.issue_own_channel_interface,
  extension: m.issue_own_extension,
  no_control: m.issue_own_no_control,
  control_char: m.issue_own_control_char,
  control_char_line: m.issue_own_control_char_line,
  surrogate: m.issue_own_surrogate,
  surrogate_line: m.issue_own_surrogate_line,
  agent_named: m.issue_own_agent_named,
  agent_interface: m.issue_own_agent_interface,
  penalty: m.issue_own_penalty,
  reasons_min: m.issue_own_reasons_min,
  reasons_max: m.issue_own_reasons_max,
  id_form: m.issue_own_id_form,
  seconds: m.issue_own_seconds,
  seconds_min: m.issue_own_seconds_min,
  seconds_max: m.issue_own_seconds_max,
  listed: m.issue_own_listed,
  clear_low: m.issue_own_clear_low,
  clear_high: m.issue_own_clear_high,
  percent_max: m.issue_own_percent_max,
  webhook_url: m.issue_own_webhook_url,
  printable: m.issue_own_printable,
  scrypt: m.issue_own_scrypt,
  token_hash: m.issue_own_token_hash,
  backup_format: m.issue_own_backup_format,
  message_id: m.issue_own_message_id,
  rate_table: m.issue_own_rate_table,
  day_form: m.issue_own_day_form,
  day_missing: m.issue_own_day_missing,
  red_above: m.issue_own_red_above,
  red_below: m.issue_own_red_below,
  scale_waits: m.issue_own_scale_waits,
  listed_twice: m.issue_own_listed_twice,
  sort_shown: m.issue_own_sort_shown,
  time_zone: m.issue_own_time_zone,
  columns_mismatch: m.issue_own_columns_mismatch,
  widget_id_taken: m.issue_own_widget_id_taken,
  layout_version: m.issue_own_layout_version,
  days_whole: m.issue_own_days_whole,
  days_min: m.issue_own_days_min,
  days_max: m.issue_own_days_max,
  since_form: m.issue_own_since_form,
  future: m.issue_own_future,
  window_days: m.issue_own_window_days,
  too_many_intervals: m.issue_own_too_many_intervals,
  until_after: m.issue_own_until_after,
  records_days: m.issue_own_records_days,
  whole_range: m.issue_own_whole_range,
  confirm_word: m.issue_own_confirm_word,
  backup_version: m.issue_own_backup_version,
};

type Own = typeof OWN;
export type ProblemKey = keyof Own;
type InputsOf<K extends ProblemKey> = Parameters<Own[K]>[0];

/** A problem of the catalogue with its inputs, as a zod message (read back by problemOf). */
export function problem<K extends ProblemKey>(
  key: K,
  ...inputs: Record<string, never> extends InputsOf<K> ? [InputsOf<K>?] : [InputsOf<K>]
): string {
  return inputs[0] === undefined ? `${MARK}${key}` : `${MARK}${key}${JSON.stringify(inputs[0])}`;
}

/** Marks a message made by problem(): no message of zod's starts with it. */
const MARK = '§';
const OWN_MESSAGE = /^§([a-z_]+)(\{.*\})?$/s;

function problemOf(issue: z.core.$ZodIssue, locale: Locale): string {
  return ownProblem(issue.message, locale) ?? reworded(issue, locale) ?? issue.message;
}

/** A problem() message in words, or undefined for any other message. */
function ownProblem(message: string, locale: Locale): string | undefined {
  const own = OWN_MESSAGE.exec(message);
  if (!own || !Object.hasOwn(OWN, own[1]!)) return undefined;
  const say = OWN[own[1] as ProblemKey] as (inputs: object, options: { locale: Locale }) => string;
  return say(own[2] ? (JSON.parse(own[2]) as object) : {}, { locale });
}

/**
 * A problem of the operator's configuration (environment, command line), in English as the log is; it never quotes
 * the value, which may be a secret.
 */
export function configProblem(issue: z.core.$ZodIssue): string {
  const own = ownProblem(issue.message, 'en');
  if (own) return own;
  // zod's own words for a size ("Too small: expected …") are reworded; a schema's own message is kept.
  if (issue.code === 'too_small' && issue.message.startsWith('Too small'))
    return sizeMessage('min', issue.origin, issue.minimum, 'en') ?? issue.message;
  if (issue.code === 'too_big' && issue.message.startsWith('Too big'))
    return sizeMessage('max', issue.origin, issue.maximum, 'en') ?? issue.message;
  return issue.message;
}

/** zod's default messages, in words; undefined keeps zod's own. */
function reworded(issue: z.core.$ZodIssue, locale: Locale): string | undefined {
  const options = { locale };
  const shown = (value: unknown) => shortJson(value, locale);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = expectedOf(issue.expected, locale);
      return issue.input === undefined
        ? m.issue_missing({ expected }, options)
        : m.issue_type({ expected, got: shown(issue.input) }, options);
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? m.issue_value({ value: shown(issue.values[0]), got: shown(issue.input) }, options)
        : oneOf(issue.values, issue.input, locale);
    case 'invalid_union': {
      // A discriminated union names its options; report the discriminator's value, not the whole object.
      const union = issue as { options?: unknown; discriminator?: string };
      if (!Array.isArray(union.options) || !union.discriminator) return undefined;
      return oneOf(union.options, (issue.input as Record<string, unknown> | undefined)?.[union.discriminator], locale);
    }
    case 'unrecognized_keys':
      return m.issue_unknown_fields(
        { count: issue.keys.length, keys: issue.keys.map((key) => `"${key}"`).join(', ') },
        options,
      );
    case 'invalid_format':
      return issue.format === 'datetime' ? m.issue_datetime({}, options) : m.issue_form({}, options);
    case 'too_small':
      return sizeMessage('min', issue.origin, issue.minimum, locale);
    case 'too_big':
      return sizeMessage('max', issue.origin, issue.maximum, locale);
    default:
      return undefined;
  }
}

const EXPECTED: Record<string, Say> = {
  object: m.issue_expected_object,
  array: m.issue_expected_array,
  int: m.issue_expected_int,
  string: m.issue_expected_string,
  number: m.issue_expected_number,
  boolean: m.issue_expected_boolean,
};

function expectedOf(type: string, locale: Locale): string {
  const known = EXPECTED[type];
  return known ? known({}, { locale }) : m.issue_expected_other({ type }, { locale });
}

function oneOf(values: readonly unknown[], input: unknown, locale: Locale): string {
  const listed = values.map((value) => shortJson(value, locale)).join(', ');
  return m.issue_one_of({ values: listed, got: shortJson(input, locale) }, { locale });
}

function sizeMessage(bound: 'min' | 'max', origin: string, limit: number | bigint, locale: Locale): string | undefined {
  const options = { locale };
  const count = Number(limit);
  if (bound === 'min' && count === 1 && (origin === 'string' || origin === 'array' || origin === 'set'))
    return m.issue_not_empty({}, options);
  if (origin === 'string') return (bound === 'min' ? m.issue_chars_min : m.issue_chars_max)({ count }, options);
  if (origin === 'array' || origin === 'set')
    return (bound === 'min' ? m.issue_items_min : m.issue_items_max)({ count }, options);
  if (origin === 'number' || origin === 'int' || origin === 'bigint')
    return (bound === 'min' ? m.issue_number_min : m.issue_number_max)({ limit: String(limit) }, options);
  return undefined;
}

function shortJson(value: unknown, locale: Locale): string {
  const text = value === undefined ? m.issue_nothing({}, { locale }) : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
