import type { AgentActionRights } from '../../server/contract/agent-actions.ts';
import type { Result } from '../../server/contract/result.ts';
import type { AgentActionConnection } from './socket.ts';
import { unanswered } from './unanswered.ts';
import { offered } from './offered.ts';

/**
 * Pause and Unpause, Log in and Log out as this user may use them: the reasons offered, and on whom the buttons show
 * (their own agents, or every agent of their board when they may act on others; queues only then). The server decides
 * each click; the board changes when Asterisk's events come back, so nothing here guesses the agent's state.
 */
export class AgentActions {
  rights = $state.raw<AgentActionRights>({ reasons: [], self: false, others: false, own: [] });
  /** The server's refusal, by the agent (pausing) or the queue (`queueKey`, logging in and out) it was about. */
  message = $state.raw<{ agent: string; text: string } | null>(null);
  busy = $state(false);
  readonly #connection: AgentActionConnection;
  readonly #stop: () => void;

  constructor(connection: AgentActionConnection) {
    this.#connection = connection;
    this.#stop = connection.onConnected(() => void this.refresh());
  }

  async refresh(): Promise<void> {
    const answer = await this.#connection.agentRights().catch(unanswered);
    if (answer.ok) this.rights = answer.data;
  }

  offers(agent: string): boolean {
    return this.rights.others || (this.rights.self && this.rights.own.includes(agent));
  }

  pause(agent: string, queue: string | null, reason: string): Promise<void> {
    return this.#ask(agent, () => this.#connection.pauseAgent({ agent, queue, reason }));
  }

  unpause(agent: string, queue: string | null): Promise<void> {
    return this.#ask(agent, () => this.#connection.unpauseAgent({ agent, queue }));
  }

  /** Logs the agent into the queue (a dynamic member with this penalty); the refusal is kept by the queue. */
  add(agent: string, queue: string, penalty: number): Promise<void> {
    return this.#ask(queueKey(queue), () => this.#connection.addAgent({ agent, queue, penalty }));
  }

  remove(agent: string, queue: string): Promise<void> {
    return this.#ask(queueKey(queue), () => this.#connection.removeAgent({ agent, queue }));
  }

  close(): void {
    this.#stop();
  }

  async #ask(agent: string, send: () => Promise<Result<unknown>>): Promise<void> {
    this.busy = true;
    this.message = null;
    const answer = await send().catch(unanswered);
    this.busy = false;
    if (!answer.ok) this.message = { agent, text: answer.error };
  }
}

/** Where a queue's refusal is kept in `message` (agent interfaces have no spaces, so it meets none of them). */
export function queueKey(queue: string): string {
  return `queue ${queue}`;
}

const context = offered<AgentActions>('agent-actions');

/** The workspace offers agent actions to the widgets under it; a kiosk sets none, so its widgets show no buttons. */
export const provideAgentActions = context.provide;
export const agentActionsOf = context.find;
