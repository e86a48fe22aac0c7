import type { IncomingMessage } from 'node:http';

/**
 * Socket.IO's allowRequest: a browser always sends Origin with a WebSocket or cross-origin request, so a socket is
 * accepted from the board's own origin (Origin's host equals Host) or from one of ALLOWED_ORIGINS. Without Origin the
 * request does not come from a web page (a test client, a CLI), and a foreign page cannot forge that.
 */
export function originGuard(allowed: readonly string[]) {
  return (request: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void): void => {
    const origin = request.headers.origin;
    const accepted = origin === undefined || allowed.includes(origin) || sameOrigin(origin, request.headers.host);
    callback(accepted ? null : 'origin not allowed', accepted);
  };
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
