import { createAmiConnection } from '../../server/ami/connection.ts';
import type { AmiConnectionOptions, AmiStatus } from '../../server/ami/types.ts';
import type { DomainInput } from '../../server/domain/input.ts';
import { initialState, reduce } from '../../server/domain/reducer.ts';
import type { LiveState } from '../../server/domain/state.ts';
import { testLogger } from './test-logger.ts';
import { startTracePlayer, type PlayerReport } from './trace-player.ts';
import type { Scenario } from './traces.ts';
import { waitFor } from './wait.ts';

export interface ReplayOptions {
  /** Seeds the trace player's chunking (default 1). */
  readonly seed?: number;
  /** Called after each input was reduced. */
  readonly onInput?: (input: DomainInput, state: LiveState) => void;
  /** Overrides of the connection's options (host, port and credentials are the player's). */
  readonly connection?: Partial<AmiConnectionOptions>;
  /** Events carry their recorded time (see the trace player's `stamped`). */
  readonly stamped?: boolean;
}

export interface ReplayResult {
  /** Every input the connection delivered, in order. */
  readonly inputs: DomainInput[];
  /** The state after reducing all of them. */
  readonly state: LiveState;
  /** The connection's status once the trace had ended (before stop()). */
  readonly status: AmiStatus;
  readonly player: PlayerReport;
}

/**
 * Plays a recorded trace to our real AMI connection over TCP and reduces every input it delivers. Resolves once the
 * player has sent everything and the connection has seen the end of the last session; the connection is stopped
 * then. A reducer that throws fails the replay (the connection itself would only log it).
 */
export async function replayScenario(scenario: Scenario, options: ReplayOptions = {}): Promise<ReplayResult> {
  const player = await startTracePlayer(scenario, {
    seed: options.seed ?? 1,
    ...(options.stamped && { stamped: true }),
  });
  const inputs: DomainInput[] = [];
  let state = initialState();
  let failure: unknown;
  let linkDowns = 0;
  const connection = createAmiConnection(
    {
      host: '127.0.0.1',
      port: player.port,
      username: 'wallboard',
      secret: 'wallboard-test-secret',
      // Fast reconnects (13 has two sessions); no pings, which a recording cannot answer.
      reconnect: { minMs: 10, maxMs: 50 },
      keepaliveMs: 3_600_000,
      logger: testLogger('ami'),
      ...options.connection,
    },
    (input) => {
      inputs.push(input);
      if (input.type === 'link' && !input.up) linkDowns += 1;
      try {
        state = reduce(state, input).state;
        options.onInput?.(input, state);
      } catch (error) {
        failure ??= error;
      }
    },
  );
  try {
    connection.start();
    const report = await player.done;
    // The player's last socket closed; the client reports its end as `link down` of the last session.
    await waitFor(() => linkDowns >= report.sessions, `link down after the last session of ${scenario}`);
    const status = connection.status();
    if (failure instanceof Error) throw failure;
    if (failure !== undefined) throw new Error('reduce threw a non-Error', { cause: failure });
    return { inputs, state, status, player: report };
  } finally {
    await connection.stop();
    await player.close();
  }
}
