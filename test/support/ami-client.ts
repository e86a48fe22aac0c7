import { createAmiConnection } from '../../server/ami/connection.ts';
import { single } from '../../server/ami/field-check.ts';
import type { AmiConnection, AmiConnectionOptions, AmiStatus } from '../../server/ami/types.ts';
import type { DomainInput } from '../../server/domain/input.ts';
import { testLogger } from './test-logger.ts';

export interface TestClient {
  readonly connection: AmiConnection;
  readonly inputs: DomainInput[];
  /** Every status the connection reported, with the (real) time it was reported. */
  readonly statuses: { readonly at: number; readonly status: AmiStatus }[];
  /** The delivered events' names, in order. */
  eventNames(): string[];
}

/** Our AMI connection to a test server on 127.0.0.1, recording what it delivers; started already. */
export function startClient(port: number, options: Partial<AmiConnectionOptions> = {}): TestClient {
  const inputs: DomainInput[] = [];
  const connection = createAmiConnection(
    {
      host: '127.0.0.1',
      port,
      username: 'wallboard',
      secret: 'wallboard-test-secret',
      reconnect: { minMs: 20, maxMs: 100 },
      keepaliveMs: 60_000,
      logger: testLogger('ami'),
      ...options,
    },
    (input) => inputs.push(input),
  );
  const statuses: TestClient['statuses'] = [];
  connection.on('status', (status) => statuses.push({ at: Date.now(), status }));
  connection.start();
  return {
    connection,
    inputs,
    statuses,
    eventNames: () => inputs.flatMap((input) => (input.type === 'event' ? [single(input.fields, 'event') ?? ''] : [])),
  };
}
