import { describe, expect, it } from 'vitest';
import { parseWith } from '../../server/contract/issues.ts';
import type { z } from 'zod';
import {
  kioskBody,
  meUpdateBody,
  teamBody,
  unitBody,
  userCreateBody,
  userUpdateBody,
} from '../../server/contract/accounts.ts';
import { chatSendSchema } from '../../server/contract/chat.ts';
import { layoutSchema, newLayoutSchema } from '../../server/contract/layout.ts';
import { fail, sentence } from '../../server/contract/result.ts';

/** Every schema with text a person names something with, and a valid body with that text at `field`. */
const widget = (title: string) => ({ id: 'w1', type: 'kpi', title });
const layout = {
  id: 'l1',
  name: 'Board',
  columns: 1,
  columnsContent: [[]],
  version: 1,
  revision: 1,
  updatedAt: '2026-01-01T00:00:00Z',
  updatedBy: 'a',
};
const CASES: [string, z.ZodType, (text: string) => unknown][] = [
  [
    'user display name (create)',
    userCreateBody,
    (displayName) => ({ username: 'al', password: 'a long password', role: 'agent', displayName }),
  ],
  ['user display name (edit)', userUpdateBody, (displayName) => ({ displayName })],
  ['own display name', meUpdateBody, (displayName) => ({ displayName })],
  ['user interface', userUpdateBody, (text) => ({ interfaces: [`PJSIP/10${text.replaceAll(' ', '')}`] })],
  ['unit name', unitBody, (name) => ({ name })],
  ['unit queue', unitBody, (queue) => ({ name: 'Unit', queues: [queue] })],
  ['team name', teamBody, (name) => ({ name })],
  ['kiosk link name', kioskBody, (name) => ({ layoutId: 'overview', name })],
  ['new layout name', newLayoutSchema, (name) => ({ name, columns: 1 })],
  ['layout name', layoutSchema, (name) => ({ ...layout, name })],
  ['widget title', newLayoutSchema, (title) => ({ name: 'Board', columns: 1, columnsContent: [[widget(title)]] })],
  [
    'ticker message',
    newLayoutSchema,
    (message) => ({ name: 'B', columns: 1, columnsContent: [[{ id: 't', type: 'ticker', settings: { message } }]] }),
  ],
  ['chat text', chatSendSchema, (text) => ({ to: { kind: 'user', id: 'u1' }, text })],
];

const HOSTILE = {
  NUL: 'a\u0000b',
  escape: 'a\u001b[31mb',
  DEL: 'a\u007fb',
  'C1 control': 'a\u0085b',
  'lone high surrogate': 'a\ud800b',
  'lone low surrogate': 'a\udc00b',
  'right-to-left override': 'a\u202eb',
  'left-to-right isolate': 'a\u2066b',
  'line separator': 'a\u2028b',
};

describe('names and messages refuse control characters and invalid Unicode', () => {
  for (const [what, schema, body] of CASES) {
    it(`${what}: accepts letters of any script and emoji, refuses each hostile character`, () => {
      expect(schema.safeParse(body('Zoë Łukasz 日本 👩‍💻')).success).toBe(true);
      for (const [kind, text] of Object.entries(HOSTILE)) {
        const parsed = parseWith(schema, body(text));
        expect(parsed.ok, `${kind} accepted`).toBe(false);
        expect(parsed.ok ? null : parsed.error).toMatch(/must not contain/);
        const polish = parseWith(schema, body(text), 'request', 'pl');
        expect(polish.ok ? null : polish.error).toMatch(/nie może zawierać/);
      }
    });
  }

  it('allows line breaks in chat messages only', () => {
    expect(chatSendSchema.safeParse({ to: { kind: 'user', id: 'u1' }, text: 'one\ntwo' }).success).toBe(true);
    expect(chatSendSchema.safeParse({ to: { kind: 'user', id: 'u1' }, text: 'one\r\ntwo' }).success).toBe(false);
    expect(teamBody.safeParse({ name: 'one\ntwo' }).success).toBe(false);
  });
});

describe('sentence', () => {
  it('makes a refusal a sentence: a capital letter and a full stop, once', () => {
    expect(sentence('too many commands at once')).toBe('Too many commands at once.');
    expect(sentence('Try again in 5 s.')).toBe('Try again in 5 s.');
    expect(sentence(' are you there? ')).toBe('Are you there?');
    expect(fail('log in first')).toEqual({ ok: false, error: 'Log in first.' });
  });
});
