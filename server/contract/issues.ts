import { z } from 'zod';
import { fail, ok, type Result } from './result.ts';

/**
 * The one place where what zod finds wrong becomes sentences for people: every request body, query, socket command
 * and layout file is read with parseWith, so a refusal reads "Name must not be empty." wherever it comes from, never
 * a schema path. A message a schema states itself ("is in the future") is kept; zod's own defaults are reworded.
 */

/** Validates `input`; the error names each of the first problems in words. `subject` is what the input as a whole is. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  subject = 'The request',
): Result<z.output<S>> {
  const parsed = schema.safeParse(input, { error: plainMessage });
  return parsed.success ? ok(parsed.data) : fail(describeIssues(parsed.error.issues, subject));
}

const SHOWN_ISSUES = 3;

/** `Name must not be empty. Column 2, widget 1, thresholds, red must be a number (got "high").` */
export function describeIssues(issues: readonly z.core.$ZodIssue[], subject = 'The request'): string {
  const shown = issues.slice(0, SHOWN_ISSUES).map((issue) => `${subjectOf(issue.path, subject)} ${issue.message}.`);
  const more = issues.length - shown.length;
  return shown.join(' ') + (more > 0 ? ` (${more} more ${more === 1 ? 'problem' : 'problems'})` : '');
}

/** What a field is called on screen, where its key would not say it. */
const LABELS: Record<string, string> = {
  since: 'statistics since',
  until: 'the end time',
  text: 'the message',
  displayName: 'the display name',
  username: 'the user name',
  expiresAt: 'the expiry time',
  layoutId: 'the layout',
  intervalMin: 'the interval',
  id: 'the id',
  minutes: 'the rolling window',
  at: 'the start',
};

/** A path in words: `columnsContent[1][0].settings.sort` is "Column 2, widget 1, sort". */
function subjectOf(path: readonly PropertyKey[], whole: string): string {
  const parts: string[] = [];
  for (let at = 0; at < path.length; at++) {
    const key = path[at];
    if (typeof key === 'number') {
      // A socket command's arguments are a list: its first element is the payload itself.
      if (at > 0) parts.push(`item ${key + 1}`);
    } else if (key === 'columnsContent' && typeof path[at + 1] === 'number') {
      parts.push(`column ${(path[at + 1] as number) + 1}`);
      if (typeof path[at + 2] === 'number') parts.push(`widget ${(path[at + 2] as number) + 1}`);
      at += typeof path[at + 2] === 'number' ? 2 : 1;
    } else if (key !== 'settings') {
      parts.push(LABELS[String(key)] ?? words(String(key)));
    }
  }
  const text = parts.length === 0 ? whole : parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `columnsContent` as "columns content". */
function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

const ARTICLE: Record<string, string> = {
  object: 'an object',
  array: 'a list',
  int: 'a whole number',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
};

/** zod's default messages, in words; undefined keeps zod's own (and a schema's own message always wins). */
function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = ARTICLE[issue.expected] ?? `a ${issue.expected}`;
      return issue.input === undefined
        ? `is missing (it must be ${expected})`
        : `must be ${expected} (got ${shortJson(issue.input)})`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${shortJson(issue.values[0])} (got ${shortJson(issue.input)})`
        : oneOf(issue.values, issue.input);
    case 'invalid_union':
      // A discriminated union names its options; report the discriminator's value, not the whole object.
      if (!('options' in issue && Array.isArray(issue.options) && issue.discriminator)) return undefined;
      return oneOf(issue.options, (issue.input as Record<string, unknown> | undefined)?.[issue.discriminator]);
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'an unknown field' : 'unknown fields'} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'datetime'
        ? 'must be a date and time with an offset, such as 2026-03-29T08:00:00+02:00'
        : 'is not in the expected form';
    case 'too_small':
      return sizeMessage('at least', issue.origin, issue.minimum);
    case 'too_big':
      return sizeMessage('at most', issue.origin, issue.maximum);
    default:
      return undefined;
  }
}

function oneOf(values: readonly unknown[], input: unknown): string {
  return `must be one of ${values.map((value) => shortJson(value)).join(', ')} (got ${shortJson(input)})`;
}

function sizeMessage(bound: 'at least' | 'at most', origin: string, limit: number | bigint): string | undefined {
  const one = Number(limit) === 1;
  if (origin === 'string') {
    if (bound === 'at least' && one) return 'must not be empty';
    return `must be ${bound} ${limit} ${one ? 'character' : 'characters'} long`;
  }
  if (origin === 'array' || origin === 'set') {
    if (bound === 'at least' && one) return 'must not be empty';
    return `must have ${bound} ${limit} ${one ? 'item' : 'items'}`;
  }
  if (origin === 'number' || origin === 'int' || origin === 'bigint') return `must be ${bound} ${limit}`;
  return undefined;
}

function shortJson(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
