import type { LiveState } from '../../server/domain/state.ts';

/**
 * A live state as plain objects, in the shape it had before its maps became persistent: members and calls keyed as
 * objects in their iteration order, each call with its position (0: not waiting). For comparing states and for
 * checking that a reduce left its input as it was.
 */
export function plainState(state: LiveState) {
  return {
    ...state,
    queues: Object.fromEntries(
      Object.entries(state.queues).map(([name, queue]) => [
        name,
        { ...queue, members: Object.fromEntries(queue.members.entries()) },
      ]),
    ),
    calls: Object.fromEntries(
      state.calls.withPositions().map(({ call, position }) => [call.id, { ...call, position }]),
    ),
  };
}
