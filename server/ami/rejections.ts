import type { Rejection } from '../domain/checks.ts';
import type { Logger } from '../log.ts';

/** How often one kind of bad value is logged again while it keeps coming. */
const REPEAT_MS = 10 * 60_000;
/** Kinds remembered at most: names of events and fields come from the peer. */
const MAX_KINDS = 256;

/**
 * Logs what the entry checks did not take (domain/checks.ts), for the live source and the probe, outside the pure
 * reducer: the first of each kind (PBX, event, field, reason) at once, then at most once every ten minutes with how
 * many came since, so that a peer sending a bad value with every event cannot flood the log.
 */
export class RejectionLog {
  private readonly kinds = new Map<string, { loggedAt: number; since: number }>();

  constructor(
    private readonly log: Logger,
    private readonly clock: () => number,
  ) {}

  note(endpoint: string, rejected: readonly Rejection[]): void {
    for (const rejection of rejected) {
      const { event, field, reason, refused, sample } = rejection;
      const kind = `${endpoint}\u0000${event}\u0000${field}\u0000${reason}`;
      const now = this.clock();
      const seen = this.kinds.get(kind);
      if (seen && now - seen.loggedAt < REPEAT_MS) {
        seen.since += 1;
        continue;
      }
      if (!seen && this.kinds.size >= MAX_KINDS) this.kinds.clear();
      this.kinds.set(kind, { loggedAt: now, since: 0 });
      this.log.warn(
        { endpoint, event, field, reason, sample, ...(seen && { sinceLast: seen.since }) },
        refused ? 'AMI message ignored: bad value' : 'AMI value dropped',
      );
    }
  }
}
