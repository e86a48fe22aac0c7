import type { BoardSnapshot, LinkView } from '../contract/board.ts';
import { presentEntities, presentLink } from '../domain/present.ts';
import type { LiveState } from '../domain/state.ts';

export function linkView(state: LiveState, redis: LinkView['redis']): LinkView {
  return { ami: presentLink(state), redis };
}

/** The whole board at `seq`: every entity through the domain's presenters. */
export function presentSnapshot(state: LiveState, seq: number, redis: LinkView['redis'], now: number): BoardSnapshot {
  return { seq, at: new Date(now).toISOString(), link: linkView(state, redis), ...presentEntities(state, now) };
}
