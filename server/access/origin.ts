import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export interface OriginSettings {
  /** PUBLIC_URL's origin: where browsers reach the board; null: on this machine only (see listening()). */
  readonly publicOrigin: string | null;
  /** ALLOWED_ORIGINS: other pages that may open sockets and call the API. */
  readonly allowed: readonly string[];
  /** HOST, the address the board listens on. */
  readonly host: string;
}

/**
 * The origins a browser page may act from: the board's public origin and ALLOWED_ORIGINS, each compared exactly
 * (scheme, host name and port). The request's own Host header proves nothing: a page of a DNS-rebinding attacker
 * reaches the board under the attacker's name, and its Origin and Host then agree. Without PUBLIC_URL the board is
 * reachable from its own machine only as far as browsers are concerned: http on localhost, 127.0.0.1 and [::1] at
 * the port it listens on, and HOST when it is an IP address — names no rebinding can borrow. A request without
 * Origin does not come from a web page (a test client, a CLI), and a foreign page cannot forge that.
 */
export class Origins {
  private readonly accepted: Set<string>;

  constructor(private readonly settings: OriginSettings) {
    this.accepted = new Set([...(settings.publicOrigin === null ? [] : [settings.publicOrigin]), ...settings.allowed]);
  }

  /** Without PUBLIC_URL, the loopback origins of the port the server listens on (known once it does). */
  listening(port: number): void {
    if (this.settings.publicOrigin !== null) return;
    const host = this.settings.host;
    const named = isIP(host) !== 0 && host !== '0.0.0.0' && host !== '::' ? [host] : [];
    for (const name of ['localhost', '127.0.0.1', '::1', ...named]) {
      this.accepted.add(`http://${name.includes(':') ? `[${name}]` : name}:${port}`);
    }
  }

  allows(origin: string | undefined): boolean {
    return origin === undefined || this.accepted.has(origin);
  }

  /** Socket.IO's allowRequest: a browser always sends Origin with a WebSocket or cross-origin request. */
  guard() {
    return (request: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void): void => {
      const accepted = this.allows(request.headers.origin);
      callback(accepted ? null : 'origin not allowed', accepted);
    };
  }
}
