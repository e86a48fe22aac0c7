import type { HolderSide } from '../holder/feature.ts';
import { MODE_DIGITS, MONITOR_ERRORS, type MonitorEnd, type MonitorSessionView } from '../contract/monitoring.ts';
import { fail, ok } from '../contract/result.ts';
import type { DomainInput } from '../domain/input.ts';
import { sendAction } from '../holder/action.ts';
import type { HolderAnswer, HolderRequest } from './requests.ts';
import type { SessionStore } from './store.ts';
import { chanSpyOptions, digitSent, endSession, trackEvent, type Tracked } from './tracker.ts';

export interface HolderDeps extends HolderSide {
  readonly store: SessionStore;
  /** Announces a session's new state (server/realtime delivers it). */
  readonly announce: (session: MonitorSessionView) => void;
  readonly clock?: () => number;
  /** How long the supervisor's phone rings (default 30 s). */
  readonly ringMs?: number;
}

const WATCHED = new Set(['OriginateResponse', 'ChanSpyStart', 'ChanSpyStop', 'DTMFEnd', 'Hangup']);

/**
 * The lease holder's side: it rings supervisors' phones into ChanSpy, sends mode digits and hang-ups, and follows
 * each session on the AMI until it ends. Sessions live in memory here (the holder sees every event), and every change
 * is written to Redis and announced.
 */
export class MonitorHolder {
  private readonly sessions = new Map<string, Tracked>();
  private saving: Promise<void> = Promise.resolve();
  private readonly clock: () => number;

  constructor(private readonly deps: HolderDeps) {
    this.clock = deps.clock ?? Date.now;
  }

  handle = async (request: HolderRequest): Promise<HolderAnswer | undefined> => {
    if (!this.deps.isReading()) {
      // Not reading Asterisk: whatever we followed, the reader's holder now ends (see endOrphans).
      this.sessions.clear();
      return undefined;
    }
    switch (request.kind) {
      case 'start':
        return this.start(request);
      case 'adopt': {
        if (this.bySupervisor(request.session.supervisor)) return fail(MONITOR_ERRORS.busy);
        const { endpoint, channel, uniqueid } = request;
        const session = { ...request.session, state: 'waiting' as const };
        this.update({ session, endpoint, phone: channel, channel, uniqueid, sentDigits: [] });
        return ok(session);
      }
      case 'mode': {
        const tracked = this.bySupervisor(request.supervisor);
        if (!tracked) return fail(MONITOR_ERRORS.noSession);
        if (!tracked.spyer || tracked.session.state !== 'active') return fail(MONITOR_ERRORS.notSpying);
        return this.send(
          tracked,
          'PlayDTMF',
          { Channel: tracked.spyer, Digit: MODE_DIGITS[request.mode], Duration: 250, Receive: 'true' },
          (t) => digitSent(t, MODE_DIGITS[request.mode]),
        );
      }
      case 'stop': {
        const tracked = this.bySupervisor(request.supervisor);
        return tracked ? this.end(tracked, 'stopped') : fail(MONITOR_ERRORS.noSession);
      }
      case 'end': {
        const tracked = this.sessions.get(request.id);
        return tracked
          ? this.end(tracked, 'endedByAdmin')
          : fail(`There is no active monitoring session ${request.id}.`);
      }
    }
  };

  /** Every input of every PBX we read (LiveSource's tap). */
  observe(endpoint: string, input: DomainInput): void {
    if (input.type === 'link') {
      if (input.up) this.endOrphans(input.at);
      else for (const tracked of this.onEndpoint(endpoint)) this.update(endSession(tracked, 'amiDown', input.at));
      return;
    }
    if (this.sessions.size === 0) return;
    if (input.type !== 'event' || !WATCHED.has(input.fields.event as string)) return;
    for (const tracked of this.onEndpoint(endpoint)) {
      const next = trackEvent(tracked, input.fields, input.at);
      if (next === tracked) continue;
      this.update(next);
      // A Stop that came while the phone rang is carried out once the phone has answered.
      if (next.ending && next.channel && !tracked.channel) this.hangup(next);
    }
  }

  /** We lost the lease or are closing: the new holder cannot follow these sessions, so they end here. */
  endAll(): void {
    const at = this.clock();
    for (const tracked of [...this.sessions.values()]) this.update(endSession(tracked, 'amiDown', at));
  }

  /**
   * Live sessions in Redis that no holder follows any more (their holder died or lost the lease) end as `amiDown`,
   * written in the same queue as every change, so that their supervisors may start again.
   */
  private endOrphans(at: number): void {
    this.saving = this.saving
      .then(async () => {
        for (const session of await this.deps.store.active()) {
          if (this.sessions.has(session.id)) continue;
          const ended = endSession(
            { session, endpoint: '', phone: '', uniqueid: '', sentDigits: [] },
            'amiDown',
            at,
          ).session;
          await this.deps.store.save(ended);
          this.deps.announce(ended);
        }
      })
      .catch((error: unknown) =>
        this.deps.log.warn({ err: (error as Error).message }, 'orphaned monitoring sessions not ended'),
      );
  }

  /** Resolves once every change so far is written. */
  flushed(): Promise<void> {
    return this.saving;
  }

  private async start(request: Extract<HolderRequest, { kind: 'start' }>): Promise<HolderAnswer> {
    const ami = this.deps.ami(request.endpoint);
    if (ami?.status().state !== 'live') return fail(MONITOR_ERRORS.amiDown);
    if (this.bySupervisor(request.session.supervisor)) return fail(MONITOR_ERRORS.busy);
    const tracked: Tracked = {
      session: request.session,
      endpoint: request.endpoint,
      phone: request.phone,
      uniqueid: `tablica-monitor-${request.session.id}`,
      sentDigits: [],
    };
    this.update(tracked);
    const sent = await sendAction(
      ami,
      'Originate',
      {
        Channel: request.phone,
        Application: 'ChanSpy',
        Data: `${request.spy},${chanSpyOptions(request.session.mode)}`,
        CallerID: request.callerId,
        Timeout: this.deps.ringMs ?? 30_000,
        ChannelId: tracked.uniqueid,
        Async: 'true',
      },
      this.deps.log,
      MONITOR_ERRORS.amiDown,
    );
    if (!sent.ok) {
      const current = this.sessions.get(tracked.session.id);
      if (current) this.update(endSession(current, 'amiDown', this.clock()));
      return fail(MONITOR_ERRORS.amiDown);
    }
    return ok(this.sessions.get(tracked.session.id)?.session ?? tracked.session);
  }

  private end(tracked: Tracked, why: MonitorEnd): HolderAnswer {
    const ending = { ...tracked, ending: tracked.ending ?? why };
    this.update(ending);
    if (ending.channel) this.hangup(ending);
    return ok(ending.session);
  }

  private hangup(tracked: Tracked): void {
    const ami = this.deps.ami(tracked.endpoint);
    void sendAction(ami, 'Hangup', { Channel: tracked.channel }, this.deps.log).then((sent) => {
      // With the link down, its end ends the session. Otherwise Asterisk has no such channel any more (it went
      // without a Hangup we saw): the session ends now, rather than wait for an event that never comes.
      if (sent.ok || ami?.status().state !== 'live') return;
      const current = this.sessions.get(tracked.session.id);
      if (current) this.update(endSession(current, current.ending ?? 'hungUp', this.clock()));
    });
  }

  /** Sends an action for a session; its change is applied first, since the events it causes may come before the answer. */
  private async send(
    tracked: Tracked,
    action: string,
    fields: Record<string, string | number | undefined>,
    change: (tracked: Tracked) => Tracked,
  ): Promise<HolderAnswer> {
    const ami = this.deps.ami(tracked.endpoint);
    if (!ami) return fail(MONITOR_ERRORS.amiDown);
    this.sessions.set(tracked.session.id, change(tracked));
    const sent = await sendAction(ami, action, fields, this.deps.log, MONITOR_ERRORS.amiDown);
    if (!sent.ok) return fail(sent.error);
    return ok(this.sessions.get(tracked.session.id)?.session ?? tracked.session);
  }

  private update(tracked: Tracked): void {
    const previous = this.sessions.get(tracked.session.id)?.session;
    if (tracked.session.state === 'ended') this.sessions.delete(tracked.session.id);
    else this.sessions.set(tracked.session.id, tracked);
    if (previous === tracked.session) return;
    const { session } = tracked;
    // Written in order, and announced once written: whoever hears of a change finds it in Redis.
    this.saving = this.saving
      .then(() => this.deps.store.save(session))
      .catch((error: unknown) => this.deps.log.warn({ err: (error as Error).message }, 'monitoring session not saved'))
      .then(() => this.deps.announce(session));
  }

  private bySupervisor(supervisor: string): Tracked | undefined {
    return [...this.sessions.values()].find((tracked) => tracked.session.supervisor === supervisor);
  }

  private onEndpoint(endpoint: string): Tracked[] {
    return [...this.sessions.values()].filter((tracked) => tracked.endpoint === endpoint);
  }
}
