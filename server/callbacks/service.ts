import type { EndpointOf } from '../holder/feature.ts';
import type { UserRecord } from '../access/accounts/users.ts';
import { newId } from '../access/accounts/secrets.ts';
import type { OrgRecords } from '../access/org/store.ts';
import { decideCallback } from '../access/permissions.ts';
import {
  CALLBACK_ERRORS,
  type AbandonedCallersView,
  type CallbackStart,
  type CallbackView,
} from '../contract/callbacks.ts';
import type { Result } from '../contract/result.ts';
import { isoTime } from '../domain/readout.ts';
import type { LiveState } from '../domain/state.ts';
import type { AbandonedEntry } from '../stats/counting/abandoned.ts';
import type { CallbackRequest } from './holder.ts';
import { callbackView, type CallbackRecord, type CallbackStore } from './store.ts';

export interface CallbackServiceDeps {
  readonly org: () => Promise<OrgRecords>;
  /** The live board (any process reads it from Redis): who is a member of which queue, whether Asterisk is linked. */
  readonly state: () => Promise<LiveState>;
  /** The start of "today" on the board's clock, for a time. */
  readonly today: (now: number) => number;
  /** Today's abandoned callers (server/stats). */
  readonly abandoned: (window: { since: number; now: number }) => Promise<AbandonedEntry[]>;
  readonly store: CallbackStore;
  /** Sends a request to the AMI lease holder. */
  readonly ask: (request: CallbackRequest) => Promise<Result<CallbackView>>;
  readonly endpointOf: EndpointOf;
  /** How long a number stays claimed at most. */
  readonly claimMs: number;
  readonly clock?: () => number;
}

/** A refusal meant for the user, word for word. */
export class CallbackRefused extends Error {}

/**
 * The list of abandoned callers with their callbacks, and "Call back" decided on any process: the rules (access),
 * the claim on the number (one person at a time), then the lease holder rings the user's phone.
 */
export class CallbackService {
  private readonly clock: () => number;

  constructor(private readonly deps: CallbackServiceDeps) {
    this.clock = deps.clock ?? Date.now;
  }

  /** The whole list as of now, before it is cut to a viewer (server/access). */
  async list(): Promise<AbandonedCallersView> {
    const now = this.clock();
    const since = this.deps.today(now);
    const entries = await this.deps.abandoned({ since, now });
    const callbacks = await this.deps.store.forNumbers([...new Set(entries.map((e) => e.callerIdNum))], since, now);
    return {
      since: isoTime(since),
      copyNumbers: false,
      callers: entries.map((entry) => {
        const callback = callbacks.get(entry.callerIdNum);
        // An ended callback from before the caller left again answers an older call.
        const shown = callback && (callback.result === null || callback.startedAt >= entry.leftAt) ? callback : null;
        return {
          id: entry.id,
          queue: entry.queue,
          callerIdNum: entry.callerIdNum,
          callerIdName: entry.callerIdName,
          outcome: entry.outcome,
          waitSec: entry.waitSec,
          leftAt: isoTime(entry.leftAt),
          callback: shown ? callbackView(shown) : null,
        };
      }),
    };
  }

  async start(userId: string, { id }: CallbackStart): Promise<CallbackView> {
    const now = this.clock();
    const [org, state, entries] = await Promise.all([
      this.deps.org(),
      this.deps.state(),
      this.deps.abandoned({ since: this.deps.today(now), now }),
    ]);
    const user = org.users.find((item) => item.id === userId);
    const entry = entries.find((item) => item.id === id);
    /** Every refusal of a known user is in the action log, with whom it was about when the caller is listed. */
    const refuse = async (message: string): Promise<never> => {
      if (user) {
        const whom = { number: entry?.callerIdNum ?? '', queue: entry?.queue ?? null };
        await this.deps.store.refused({
          id: newId(),
          at: now,
          actor: user.id,
          actorName: user.displayName,
          ...whom,
          message,
        });
      }
      throw new CallbackRefused(message);
    };
    if (!user || !entry) return refuse(CALLBACK_ERRORS.notListed);
    const decision = decideCallback(user, entry.queue, memberQueues(user, state), org);
    if (!decision.ok) return refuse(decision.error);
    const phone = this.deps.endpointOf(decision.phone);
    if (!phone) return refuse(CALLBACK_ERRORS.phoneWithoutPbx);
    const record: CallbackRecord = {
      id: newId(),
      number: entry.callerIdNum,
      queue: entry.queue,
      callId: entry.id,
      by: user.id,
      byName: user.displayName,
      startedAt: now,
      result: null,
      message: null,
      endedAt: null,
    };
    const claim = await this.deps.store.claim(record, this.deps.claimMs);
    if (!claim.ok) {
      return refuse(
        claim.holder.by === user.id
          ? CALLBACK_ERRORS.claimedByYou
          : `${claim.holder.byName} ${CALLBACK_ERRORS.claimed}`,
      );
    }
    const answer = await this.deps.ask({ callback: record, endpoint: phone.endpoint, phone: phone.name });
    if (!answer.ok) {
      await this.deps.store.finish({ ...record, result: 'failed', message: answer.error, endedAt: this.clock() });
      throw new CallbackRefused(answer.error);
    }
    await this.deps.store.changed();
    return answer.data;
  }
}

/** The queues the user's interfaces are members of now. */
function memberQueues(user: UserRecord, state: LiveState): Set<string> {
  const queues = new Set<string>();
  for (const queue of Object.values(state.queues)) {
    if (user.interfaces.some((iface) => queue.members.has(iface))) queues.add(queue.name);
  }
  return queues;
}
