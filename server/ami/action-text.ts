import type { ActionFields } from './types.ts';

// Header names as Asterisk accepts them; values must not contain line breaks, which would end the header (or the
// whole action) early and let data from a caller ID or pause reason inject headers or actions of its own.
const HEADER_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
const LINE_BREAK = /[\r\n]/;

/** Serialises an action. Throws on a bad header name, a value with a line break, or an `Action`/`ActionID` field. */
export function formatAction(name: string, actionId: string, fields: ActionFields = {}): string {
  if (!HEADER_NAME.test(name)) throw new Error(`invalid action name ${JSON.stringify(name)}`);
  let text = `Action: ${name}\r\nActionID: ${actionId}\r\n`;
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (!HEADER_NAME.test(key)) throw new Error(`invalid header name ${JSON.stringify(key)}`);
    const lower = key.toLowerCase();
    if (lower === 'action' || lower === 'actionid') throw new Error(`${key} is set by the connection`);
    for (const item of Array.isArray(value) ? (value as readonly string[]) : [String(value)]) {
      if (LINE_BREAK.test(item)) throw new Error(`line break in the value of ${key}`);
      text += `${key}: ${item}\r\n`;
    }
  }
  return `${text}\r\n`;
}

let sequence = 0;
// Per process, so that two wallboard processes on the same Asterisk never share an ActionID.
const prefix = `tablica-${process.pid.toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;

/** A new ActionID, unique within this process (and very likely across processes on the same PBX). */
export function nextActionId(): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}
