import { z } from 'zod';
import { problem } from './issues.ts';

/**
 * Text people type and others read: names of users, units, teams, layouts, kiosk links and widgets, and chat
 * messages. Refused everywhere: control characters (NUL, escape sequences, line breaks outside chat), lone surrogates
 * (not Unicode at all: they break JSON encoders and databases downstream) and the bidirectional embeddings,
 * overrides and isolates that make a name display as something other than what it is. Joiners and variation
 * selectors stay allowed: emoji and many scripts need them.
 */

// \p{Cc} is C0, DEL and C1; \p{Cs} in a `u` regex matches only surrogates that are not part of a pair.
const FORBIDDEN_LINE = /[\p{Cc}\p{Cs}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
const FORBIDDEN_MULTILINE = /[^\P{Cc}\n]|[\p{Cs}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;

const describe = (char: string): string =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `text` is refused (a problem() message), or null: the first forbidden character, by its code point. */
export function textProblem(text: string, multiline = false): string | null {
  const found = (multiline ? FORBIDDEN_MULTILINE : FORBIDDEN_LINE).exec(text);
  if (!found) return null;
  if (/\p{Cs}/u.test(found[0])) return problem(multiline ? 'surrogate' : 'surrogate_line');
  return problem(multiline ? 'control_char' : 'control_char_line', { char: describe(found[0]) });
}

export interface TextOptions {
  readonly max: number;
  /** Default 1: blank text is refused. */
  readonly min?: number;
  /** Allows line breaks (\n): chat messages. */
  readonly multiline?: boolean;
}

/** A trimmed string of `min`–`max` characters without forbidden characters: every name and message schema uses it. */
export function textField({ max, min = 1, multiline = false }: TextOptions) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .superRefine((text, ctx) => {
      const problem = textProblem(text, multiline);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}
