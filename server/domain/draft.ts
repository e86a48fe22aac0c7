import { unknownQueue, type Rejection } from './checks.ts';
import type { Fact } from './facts.ts';
import { text } from './field-reads.ts';
import type { AmiFields } from './input.ts';
import type { Calls } from './calls.ts';
import type { Change, LiveState, Member, Queue, QueueCall, QueueCounters } from './state.ts';

/**
 * One reduce step's view of the state: the first write to queues copies that small object once, later writes reuse
 * the copy; calls and members are persistent maps, each write a new version. Every write records what changed. The
 * input state is never touched.
 */
export class Draft {
  private queues: Record<string, Queue> | undefined;
  private calls: Calls;
  private link: LiveState['link'] | undefined;
  private sharedLast: boolean | undefined;
  readonly changes: Change[] = [];
  readonly facts: Fact[] = [];
  /** Values of the input the domain did not take, for the log. */
  readonly rejected: Rejection[] = [];

  constructor(
    private readonly base: LiveState,
    readonly at: number,
  ) {
    this.calls = base.calls;
  }

  queue(name: string): Queue | undefined {
    return (this.queues ?? this.base.queues)[name];
  }

  allQueues(): Readonly<Record<string, Queue>> {
    return this.queues ?? this.base.queues;
  }

  call(id: string): QueueCall | undefined {
    return this.calls.get(id);
  }

  allCalls(): Calls {
    return this.calls;
  }

  putQueue(queue: Queue): void {
    this.queues ??= { ...this.base.queues };
    this.queues[queue.name] = queue;
    this.changes.push({ entity: 'queue', queue: queue.name });
  }

  /**
   * The queue a message names, when Asterisk listed it in its last QueueStatus; otherwise the message is noted and
   * the handler ignores it. Every connection resyncs before it delivers events (those that arrive meanwhile wait), so
   * a queue missing from the list is one no event should create: a peer making up names would otherwise fill the
   * board and the statistics with queues for good. A queue added by a reload of app_queue is counted from the next
   * resync.
   */
  listedQueue(fields: AmiFields): Queue | undefined {
    const name = text(fields, 'queue');
    const queue = this.queue(name);
    if (!queue) this.reject(unknownQueue(text(fields, 'event'), name));
    return queue;
  }

  reject(rejection: Rejection): void {
    this.rejected.push(rejection);
  }

  /** Counts for a queue we have; a queue gone with a resync since counts nothing. */
  count(queueName: string, add: Partial<Record<keyof QueueCounters, number>>): void {
    const queue = this.queue(queueName);
    if (!queue) return;
    const counters = { ...queue.counters };
    for (const key of Object.keys(add) as (keyof QueueCounters)[]) counters[key] += add[key] ?? 0;
    this.putQueue({ ...queue, counters });
  }

  fact(fact: Fact): void {
    this.facts.push(fact);
  }

  putMember(member: Member): void {
    const queue = this.queue(member.queue);
    if (!queue) return;
    const previous = queue.members.get(member.interface);
    if (
      !previous ||
      previous.paused !== member.paused ||
      previous.pausedReason !== member.pausedReason ||
      previous.status !== member.status ||
      previous.inCall !== member.inCall
    ) {
      this.memberFact(member, true);
    }
    this.queues ??= { ...this.base.queues };
    this.queues[queue.name] = { ...queue, members: queue.members.set(member.interface, member) };
    this.changes.push({ entity: 'member', queue: member.queue, interface: member.interface });
  }

  removeMember(queueName: string, iface: string): void {
    const queue = this.queue(queueName);
    const member = queue?.members.get(iface);
    if (!queue || !member) return;
    this.memberFact(member, false);
    this.queues ??= { ...this.base.queues };
    this.queues[queueName] = { ...queue, members: queue.members.delete(iface) };
    this.changes.push({ entity: 'member', queue: queueName, interface: iface });
  }

  private memberFact(member: Member, present: boolean): void {
    this.facts.push({
      kind: 'member',
      at: this.at,
      queue: member.queue,
      agent: member.interface,
      name: member.name,
      present,
      paused: member.paused,
      pausedReason: member.pausedReason,
      status: member.status,
      inCall: member.inCall,
    });
  }

  putCall(call: QueueCall): void {
    this.calls = this.calls.put(call);
    this.changes.push({ entity: 'call', id: call.id });
  }

  removeCall(id: string): void {
    if (!this.calls.has(id)) return;
    this.calls = this.calls.remove(id);
    this.changes.push({ entity: 'call', id });
  }

  /** A caller joins its queue's line at `position`; those behind move back (each a change: its position). */
  joinLine(call: QueueCall, position: number): void {
    const { calls, moved } = this.calls.join(call, position);
    this.calls = calls;
    for (const id of moved) this.changes.push({ entity: 'call', id });
    this.changes.push({ entity: 'call', id: call.id });
  }

  /** A waiting caller leaves its line; those behind move up. The caller is then put as not waiting, or removed. */
  leaveLine(id: string): void {
    const { calls, moved } = this.calls.leave(id);
    this.calls = calls;
    for (const other of moved) this.changes.push({ entity: 'call', id: other });
  }

  /** A resync replaces the live part wholesale. */
  replace(queues: Record<string, Queue>, calls: Calls): void {
    this.queues = queues;
    this.calls = calls;
    this.changes.push({ entity: 'all' });
  }

  sharedLastCall(): boolean {
    return this.sharedLast ?? this.base.asterisk.sharedLastCall;
  }

  learnSharedLastCall(): void {
    this.sharedLast = true;
  }

  /** When we last heard the calls we hold going on: now while the link is up, else when it went down. */
  lastHeard(): number {
    const link = this.link ?? this.base.link;
    return Math.min(link.up ? (link.lostAt ?? this.at) : link.since, this.at);
  }

  setLink(up: boolean): void {
    const previous = this.link ?? this.base.link;
    const lostAt = previous.up ? previous.lostAt : previous.since;
    this.link = up && lostAt !== undefined ? { up, since: this.at, lostAt } : { up, since: this.at };
    this.changes.push({ entity: 'link' });
  }

  finish(stats: LiveState['stats']): LiveState {
    return {
      queues: this.queues ?? this.base.queues,
      calls: this.calls,
      link: this.link ?? this.base.link,
      asterisk:
        this.sharedLast === undefined ? this.base.asterisk : { ...this.base.asterisk, sharedLastCall: this.sharedLast },
      stats,
    };
  }
}
