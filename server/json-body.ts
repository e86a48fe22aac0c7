import type { IncomingMessage } from 'node:http';
import express from 'express';

/**
 * The one JSON body parser of every route. Besides express's size limit it refuses bodies nested deeper than
 * MAX_JSON_DEPTH before they are parsed: validating (or merely walking) an object 8,000 levels deep overflows the
 * stack, and nothing a client sends honestly comes close (a layout is 7 levels deep).
 */
export const MAX_JSON_DEPTH = 32;

class TooDeep extends Error {
  readonly status = 400;
  readonly expose = true;
}

/** The deepest nesting of objects and arrays in JSON text; brackets inside strings do not count. */
export function jsonDepth(text: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // a backslash escapes the next character, a quote included
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) deepest = Math.max(deepest, ++depth);
    else if (byte === 0x7d || byte === 0x5d) depth--;
  }
  return deepest;
}

function checkDepth(_request: IncomingMessage, _response: unknown, body: Buffer): void {
  if (jsonDepth(body) > MAX_JSON_DEPTH) throw new TooDeep(`body: nested deeper than ${MAX_JSON_DEPTH} levels`);
}

/** express.json with a size limit (e.g. '16kb') and the depth check. */
export function jsonBody(limit: string): ReturnType<typeof express.json> {
  return express.json({ limit, verify: checkDepth });
}
