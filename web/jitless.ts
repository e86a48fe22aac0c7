import { z } from 'zod';

/**
 * Zod builds its object parsers with `new Function` where it may, and probes whether it may by trying; the board's
 * Content-Security-Policy allows no eval (script-src 'self'), and Chromium reports even the probe as a violation. So
 * the browser's zod parses without compiling. main.ts imports this module first: a schema decides how it parses when
 * it is built, as the contract's modules load.
 */
z.config({ jitless: true });
