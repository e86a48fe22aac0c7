import type { EndpointOf } from '../holder/feature.ts';
import type { UserRecord } from '../access/accounts/users.ts';
import {
  MONITOR_ERRORS,
  type MonitorGroupView,
  type MonitorMode,
  type MonitorSessionView,
  type MonitorStart,
  type MonitorStatus,
} from '../contract/monitoring.ts';
import { monitorWords } from '../contract/monitor-words.ts';
import type { LiveState, QueueCall } from '../domain/state.ts';
import type { OrgRecords } from '../access/org/store.ts';
import { newId } from '../access/accounts/secrets.ts';
import { fail, ok, type Result } from '../contract/result.ts';
import type { HolderAnswer, HolderRequest } from './requests.ts';
import { decideMonitor, mayMonitorAnyone, overseesSession } from './rules.ts';
import type { SessionStore } from './store.ts';
import type { Localized } from '../i18n.ts';

export interface MonitorServiceDeps {
  readonly org: () => Promise<OrgRecords>;
  readonly groups: () => Promise<MonitorGroupView[]>;
  /** The live board (any process reads it from Redis). */
  readonly state: () => Promise<LiveState>;
  readonly store: SessionStore;
  /** Sends a request to the AMI lease holder. */
  readonly ask: (request: HolderRequest) => Promise<HolderAnswer>;
  readonly endpointOf: EndpointOf;
  readonly clock?: () => number;
}

/** A refusal meant for the user, word for word. */
export class MonitorRefused extends Error {}

/** A refusal or ending of MONITOR_ERRORS, to be said in the reader's language; any other text as it is. */
export function spokenMonitorError(english: string): Localized {
  return (locale) => monitorWords(english, locale);
}

const quoted = (text: string) => text.replace(/["<>\\]/g, '').slice(0, 60);

/**
 * What a user's socket asks: decided here on any process, from the rules and Tablica's own live state, then carried
 * out by the lease holder. "Call not yet established" comes from the live state before anything reaches Asterisk:
 * ChanSpy on an agent with no bridged call would wait silently (trace 15).
 */
export class MonitorService {
  private readonly clock: () => number;

  constructor(private readonly deps: MonitorServiceDeps) {
    this.clock = deps.clock ?? Date.now;
  }

  async start(userId: string, { agent, mode }: MonitorStart): Promise<MonitorSessionView> {
    const [org, groups, state] = await Promise.all([this.deps.org(), this.deps.groups(), this.deps.state()]);
    const user = this.user(org, userId);
    const [call] = state.calls.connectedTo(agent);
    const decision = decideMonitor(user, agent, call?.queue ?? null, org.users, groups, org);
    if (!decision.ok) throw new MonitorRefused(decision.error);
    const pbx = this.onePbx(agent, decision.phone);
    if (!pbx.ok) throw new MonitorRefused(pbx.error);
    // One session per supervisor: a second one is refused, not swapped in, so that a click on another agent never
    // drops a session silently (the holder checks again, this is the early answer).
    if ((await this.deps.store.active()).some((session) => session.supervisor === userId)) {
      throw new MonitorRefused(MONITOR_ERRORS.busy);
    }
    if (!state.link.up) throw new MonitorRefused(MONITOR_ERRORS.amiDown);
    if (!call) throw new MonitorRefused(MONITOR_ERRORS.noCall);
    const session = this.draft(user, call, mode);
    const agentName = session.agentName;
    const extension = decision.agentUser.extension ?? '';
    return this.answer({
      kind: 'start',
      session,
      endpoint: pbx.data.endpoint,
      phone: pbx.data.phone,
      spy: pbx.data.spy,
      callerId: `"Monitor ${quoted(agentName)}" <${extension}>`,
    });
  }

  /**
   * The PBX a session runs on: ChanSpy sees only its own PBX's channels, so the supervisor's phone must be on the
   * agent's PBX. With several PBXs a phone names its PBX as agents do (`east/PJSIP/2005`); with one, it is as is.
   */
  private onePbx(agent: string, phone: string): Result<{ endpoint: string; phone: string; spy: string }> {
    const agentPbx = this.deps.endpointOf(agent);
    const phonePbx = this.deps.endpointOf(phone);
    if (!agentPbx) return fail(MONITOR_ERRORS.denied);
    if (!phonePbx) return fail(MONITOR_ERRORS.phoneWithoutPbx);
    if (phonePbx.endpoint !== agentPbx.endpoint) return fail(MONITOR_ERRORS.otherPbx);
    // The `-` ends the device name, so that PJSIP/200 does not match PJSIP/2005's channels.
    return ok({ endpoint: agentPbx.endpoint, phone: phonePbx.name, spy: `${agentPbx.name}-` });
  }

  /**
   * The feature code `#44<extension>`, dialled from a phone: the same rules as the board for the user whose extension
   * is the caller's number, on the agent whose extension was dialled. The phone is the one dialling, so none need be
   * set. The answer is the ChanSpy target, or why not.
   */
  async keypad(
    supervisorExtension: string,
    agentExtension: string,
    channel: { readonly name: string; readonly uniqueid: string },
  ): Promise<{ target: string } | { refused: 'denied' | 'noCall' }> {
    const [org, groups, state] = await Promise.all([this.deps.org(), this.deps.groups(), this.deps.state()]);
    // The users API keeps extensions unique; one stored before that and shared names nobody.
    const only = (extension: string) => {
      const users = org.users.filter((item) => item.extension === extension);
      return users.length === 1 ? users[0] : undefined;
    };
    const user = only(supervisorExtension);
    const agentUser = only(agentExtension);
    if (!user || !agentUser) return { refused: 'denied' };
    const call = state.calls
      .values()
      .find((item) => item.state === 'connected' && agentUser.interfaces.includes(item.agent ?? ''));
    const agent = call?.agent ?? agentUser.interfaces[0];
    if (agent === undefined) return { refused: 'denied' };
    // The phone dialling is the user's; with several PBXs, only a phone set with its PBX says which PBX that is.
    const decision = decideMonitor(
      { ...user, phone: user.phone ?? supervisorExtension },
      agent,
      call?.queue ?? null,
      org.users,
      groups,
      org,
    );
    const pbx = decision.ok ? this.onePbx(agent, decision.phone) : decision;
    if (!pbx.ok) return { refused: 'denied' };
    if (!call || !state.link.up) return { refused: 'noCall' };
    // Recorded like a board session; the holder follows it on the dialling channel.
    const session = this.draft(user, call, 'listen');
    const adopted = await this.deps.ask({
      kind: 'adopt',
      session,
      endpoint: pbx.data.endpoint,
      channel: channel.name,
      uniqueid: channel.uniqueid,
    });
    return adopted.ok ? { target: pbx.data.spy } : { refused: 'denied' };
  }

  private draft(user: UserRecord, call: QueueCall, mode: MonitorMode): MonitorSessionView {
    return {
      id: newId(),
      supervisor: user.id,
      supervisorName: user.displayName,
      agent: call.agent ?? '',
      agentName: call.agentName ?? call.agent ?? '',
      callId: call.id,
      queue: call.queue,
      state: 'ringing',
      mode,
      startedAt: this.clock(),
      changes: [],
      endedAt: null,
      end: null,
      endMessage: null,
    };
  }

  async mode(userId: string, mode: MonitorMode): Promise<MonitorSessionView> {
    return this.answer({ kind: 'mode', supervisor: userId, mode });
  }

  async stop(userId: string): Promise<MonitorSessionView> {
    return this.answer({ kind: 'stop', supervisor: userId });
  }

  async status(userId: string): Promise<MonitorStatus> {
    const [org, groups, active] = await Promise.all([this.deps.org(), this.deps.groups(), this.deps.store.active()]);
    const user = this.user(org, userId);
    const allowed = mayMonitorAnyone(user, groups);
    // Without a phone, or with one that names no PBX, the click says what to set; an agent on another PBX than the
    // phone's is never offered.
    const agents = allowed
      ? org.users
          .flatMap((other) => other.interfaces)
          .filter((agent) => {
            const decision = decideMonitor(user, agent, null, org.users, groups, org);
            if (!decision.ok) return decision.error === MONITOR_ERRORS.noPhone;
            const pbx = this.onePbx(agent, decision.phone);
            return pbx.ok || pbx.error !== MONITOR_ERRORS.otherPbx;
          })
      : [];
    return { allowed, agents, session: active.find((session) => session.supervisor === userId) ?? null };
  }

  /** Whether a viewer may see (and, as an administrator, end) a session: within their units (overseesSession). */
  async oversight(userId: string): Promise<(session: MonitorSessionView) => boolean> {
    const org = await this.deps.org();
    const user = this.user(org, userId);
    if (user.role !== 'owner' && user.role !== 'administrator') throw new MonitorRefused(MONITOR_ERRORS.denied);
    return overseesSession(user, org);
  }

  async active(userId: string): Promise<MonitorSessionView[]> {
    const sees = await this.oversight(userId);
    return (await this.deps.store.active()).filter(sees);
  }

  async history(userId: string, page: { limit: number; offset: number }) {
    return this.deps.store.history(await this.oversight(userId), page);
  }

  /** An administrator ends someone's session. */
  async end(userId: string, id: string): Promise<MonitorSessionView> {
    const sees = await this.oversight(userId);
    const session = (await this.deps.store.active()).find((item) => item.id === id);
    if (!session || !sees(session)) throw new MonitorRefused(`no active monitoring session ${id}`);
    return this.answer({ kind: 'end', id });
  }

  private user(org: OrgRecords, userId: string): UserRecord {
    const user = org.users.find((item) => item.id === userId);
    if (!user) throw new MonitorRefused(MONITOR_ERRORS.denied);
    return user;
  }

  private async answer(request: HolderRequest): Promise<MonitorSessionView> {
    const answer = await this.deps.ask(request);
    if (!answer.ok) throw new MonitorRefused(answer.error);
    return answer.data;
  }
}
