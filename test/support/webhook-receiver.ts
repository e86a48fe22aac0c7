import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a webhook receiver got, and whether it accepted it. */
export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly status: number;
  /** Whether X-Tablica-Signature is the HMAC-SHA256 of `<timestamp>.<body>` with the receiver's secret. */
  readonly signed: boolean;
  /** When it arrived (epoch ms). */
  readonly at: number;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: Received[];
  /** The requests answered 2xx. */
  accepted(): Received[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on loopback standing in for a chat tool or script that takes alerts: it checks each request's
 * signature with `secret` and answers `failFirst` requests with 500 before it accepts any.
 */
export async function startWebhookReceiver(secret: string, failFirst = 0): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const status = received.length < failFirst ? 500 : 204;
      received.push({
        headers: request.headers,
        body,
        status,
        signed: verify(secret, request.headers, body),
        at: Date.now(),
      });
      response.statusCode = status;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/alerts`,
    received,
    accepted: () => received.filter((item) => item.status < 300),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function verify(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const timestamp = headers['x-tablica-timestamp'];
  const signature = headers['x-tablica-signature'];
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
