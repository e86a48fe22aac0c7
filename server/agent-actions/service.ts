import type { EndpointOf } from '../holder/feature.ts';
import type { UserRecord } from '../access/accounts/users.ts';
import { newId } from '../access/accounts/secrets.ts';
import { agentActionRights, decideAgentAction, cutActionLog } from '../access/agent-actions.ts';
import type { OrgRecords } from '../access/org/store.ts';
import {
  AGENT_ACTION_ERRORS,
  type AgentActionEntry,
  type AgentActionKind,
  type AgentActionLogPage,
  type AgentActionRights,
} from '../contract/agent-actions.ts';
import type { Result } from '../contract/result.ts';
import type { LiveState, Member } from '../domain/state.ts';
import { conflict, forbidden, Refusal } from '../refusal.ts';
import type { MemberActionAnswer, MemberActionRequest } from './holder.ts';
import { refusalOf, type Named } from './refusals.ts';
import type { AgentActionStore } from './store.ts';
import { LOCALES } from '../contract/locale.ts';
import { m } from '../contract/messages/messages.js';
import { say } from '../i18n.ts';

export interface AgentActionServiceDeps {
  readonly org: () => Promise<OrgRecords>;
  /** The live board (any process reads it from Redis). */
  readonly state: () => Promise<LiveState>;
  readonly store: AgentActionStore;
  /** Sends an action to the AMI lease holder. */
  readonly ask: (request: MemberActionRequest) => Promise<Result<MemberActionAnswer>>;
  readonly endpointOf: EndpointOf;
  readonly clock?: () => number;
}

/** An action as a user asked for it. */
interface Intent {
  readonly action: AgentActionKind;
  readonly agent: string;
  readonly queue: string | null;
  readonly reason?: string;
  readonly penalty?: number;
}

/**
 * Actions on agents, decided on any process (access, then the live board: is the agent in the queue, is the member
 * static) and carried out by the lease holder with one AMI action. Every attempt of a user is logged with its
 * result, refusals included; nothing refused reaches Asterisk.
 */
export class AgentActionService {
  private readonly clock: () => number;

  constructor(private readonly deps: AgentActionServiceDeps) {
    this.clock = deps.clock ?? Date.now;
  }

  async rights(userId: string): Promise<AgentActionRights> {
    const [org, reasons] = await Promise.all([this.deps.org(), this.deps.store.reasons()]);
    const user = this.user(org, userId);
    return { reasons, ...agentActionRights(user, org), own: [...user.interfaces] };
  }

  pause(userId: string, intent: { agent: string; queue: string | null; reason: string }): Promise<AgentActionEntry> {
    return this.act(userId, { action: 'pause', ...intent });
  }

  unpause(userId: string, intent: { agent: string; queue: string | null }): Promise<AgentActionEntry> {
    return this.act(userId, { action: 'unpause', ...intent });
  }

  add(userId: string, intent: { agent: string; queue: string; penalty: number }): Promise<AgentActionEntry> {
    return this.act(userId, { action: 'add', ...intent });
  }

  remove(userId: string, intent: { agent: string; queue: string }): Promise<AgentActionEntry> {
    return this.act(userId, { action: 'remove', ...intent });
  }

  /** The log as an administrator may read it (within their units), newest first. */
  async log(userId: string, page: { limit: number; offset: number }): Promise<AgentActionLogPage> {
    const org = await this.deps.org();
    const cut = cutActionLog(this.user(org, userId), org);
    if (!cut) throw forbidden(say(m.server_refusal_action_log));
    return this.deps.store.log.page(cut, page);
  }

  reasons(): Promise<string[]> {
    return this.deps.store.reasons();
  }

  async setReasons(reasons: readonly string[]): Promise<string[]> {
    await this.deps.store.setReasons(reasons);
    return this.deps.store.reasons();
  }

  private async act(userId: string, intent: Intent): Promise<AgentActionEntry> {
    const [org, state, reasons] = await Promise.all([this.deps.org(), this.deps.state(), this.deps.store.reasons()]);
    const user = this.user(org, userId);
    const memberships = membershipsOf(state, intent.agent);
    const named: Named = {
      agent: memberships[0]?.name ?? org.users.find((item) => item.interfaces.includes(intent.agent))?.displayName,
      queue: intent.queue,
    };
    const draft: AgentActionEntry = {
      id: newId(),
      at: this.clock(),
      actor: user.id,
      actorName: user.displayName,
      action: intent.action,
      agent: intent.agent,
      agentName: named.agent ?? intent.agent,
      queue: intent.queue,
      reason: intent.reason ?? null,
      penalty: intent.penalty ?? null,
      result: 'refused',
      message: '',
    };
    const decision = decideAgentAction(
      user,
      { ...intent, agentQueues: memberships.map((member) => member.queue) },
      org,
    );
    if (!decision.ok) return this.refuse(draft, forbidden(decision.error));
    const request = this.request(intent, state, reasons, memberships, named);
    if (request instanceof Refusal) return this.refuse(draft, request);
    const answer = await this.deps.ask(request);
    if (!answer.ok) return this.refuse({ ...draft, result: 'failed' }, conflict(answer.error));
    if (!answer.data.accepted) return this.refuse(draft, conflict(refusalOf(answer.data.message, named)));
    const done = { ...draft, result: 'done' as const, message: answer.data.message };
    await this.deps.store.log.add(done.at, done);
    return done;
  }

  /** The AMI action for an allowed intent, or why the board already knows Asterisk would refuse it. */
  private request(
    intent: Intent,
    state: LiveState,
    reasons: readonly string[],
    memberships: readonly Member[],
    named: Named,
  ): MemberActionRequest | Refusal {
    const agentPbx = this.deps.endpointOf(intent.agent);
    const queuePbx = intent.queue === null ? agentPbx : this.deps.endpointOf(intent.queue);
    if (!agentPbx || !queuePbx || queuePbx.endpoint !== agentPbx.endpoint) {
      return conflict(refusalOf('Interface not found', named));
    }
    if (intent.queue !== null && !state.queues[intent.queue]) return conflict(refusalOf('No such queue', named));
    const member = memberships.find((item) => item.queue === intent.queue);
    const fields = { Interface: agentPbx.name };
    const queueField = intent.queue === null ? {} : { Queue: queuePbx.name };
    if (!state.link.up) return conflict(AGENT_ACTION_ERRORS.amiDown);
    switch (intent.action) {
      case 'pause':
      case 'unpause': {
        if (intent.queue === null ? memberships.length === 0 : !member) {
          return conflict(refusalOf('Interface not found', named));
        }
        const pausing = intent.action === 'pause';
        if (pausing && !reasons.includes(intent.reason ?? '')) return conflict(AGENT_ACTION_ERRORS.unknownReason);
        return {
          endpoint: agentPbx.endpoint,
          action: 'QueuePause',
          fields: {
            ...fields,
            Paused: String(pausing),
            ...queueField,
            ...(pausing && { Reason: intent.reason ?? '' }),
          },
        };
      }
      case 'add': {
        if (member) return conflict(refusalOf('Unable to add interface: Already there', named));
        const known = memberships[0];
        return {
          endpoint: agentPbx.endpoint,
          action: 'QueueAdd',
          fields: {
            ...queueField,
            ...fields,
            Penalty: intent.penalty ?? 0,
            ...(named.agent !== undefined && { MemberName: named.agent }),
            ...(known?.stateInterface && { StateInterface: this.deps.endpointOf(known.stateInterface)?.name ?? '' }),
          },
        };
      }
      case 'remove':
        if (!member) return conflict(refusalOf('Unable to remove interface: Not there', named));
        // app_queue removes dynamic members only (QueueRemove answers "Member not dynamic"): say so before asking.
        if (member.membership === 'static') return conflict(refusalOf('Member not dynamic', named));
        return { endpoint: agentPbx.endpoint, action: 'QueueRemove', fields: { ...queueField, ...fields } };
    }
  }

  private async refuse(entry: AgentActionEntry, refusal: Refusal): Promise<never> {
    const said = Object.fromEntries(LOCALES.map((locale) => [locale, refusal.say(locale)]));
    await this.deps.store.log.add(entry.at, { ...entry, message: refusal.message, said });
    throw refusal;
  }

  private user(org: OrgRecords, userId: string): UserRecord {
    const user = org.users.find((item) => item.id === userId);
    if (!user) throw forbidden(AGENT_ACTION_ERRORS.denied);
    return user;
  }
}

/** The agent's memberships on the board, in the order of the queues. */
function membershipsOf(state: LiveState, agent: string): Member[] {
  return Object.values(state.queues).flatMap((queue) => {
    const member = queue.members.get(agent);
    return member ? [member] : [];
  });
}
