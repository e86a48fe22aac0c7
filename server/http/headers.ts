import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export interface SecurityHeaderOptions {
  /** The board is served over HTTPS (COOKIE_SECURE): browsers are told to keep to it (HSTS). */
  readonly https: boolean;
  /** KIOSK_FRAME_ANCESTORS: pages that may show a kiosk link in a frame; empty: no page may frame the board. */
  readonly kioskFrameAncestors: readonly string[];
}

/** A wall TV's page, `/?kiosk=<token>`: the only page that may be framed, and only when KIOSK_FRAME_ANCESTORS says so. */
function isKioskPage(request: IncomingMessage): boolean {
  return new URL(request.url ?? '/', 'http://board').searchParams.has('kiosk');
}

/**
 * Security headers on every answer, the web app's and the API's (helmet). The Content-Security-Policy allows only the
 * board's own scripts, styles, images and connections (the socket included): an injected script or a script from
 * elsewhere does not run, and an injected `<style>` or `style` attribute is not applied. The web app needs no
 * exception: its styles are files (index.html's loading screen too), and the values Svelte and Chart.js set at run
 * time (`--columns`, a row's height, a canvas's size) go through the element's style object, which the policy allows.
 * test/e2e/csp.test.ts walks every screen under it. No page may frame the board (clickjacking), unless kiosk links
 * are explicitly made embeddable; nosniff; no Referer (a kiosk link's token is in its URL).
 */
export function securityHeaders(options: SecurityHeaderOptions): RequestHandler[] {
  const embeddable = (request: IncomingMessage) => options.kioskFrameAncestors.length > 0 && isKioskPage(request);
  const frameAncestors = (request: IncomingMessage, _response: ServerResponse) =>
    embeddable(request) ? options.kioskFrameAncestors.join(' ') : "'none'";
  return [
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: [frameAncestors],
        },
      },
      // Set below: DENY, or nothing where frame-ancestors lets a kiosk page be framed (it is the newer rule).
      xFrameOptions: false,
      strictTransportSecurity: options.https ? { maxAge: 31_536_000 } : false,
      referrerPolicy: { policy: 'no-referrer' },
    }),
    (request, response, next) => {
      if (!embeddable(request)) response.setHeader('X-Frame-Options', 'DENY');
      next();
    },
  ];
}
