import { unknownQueue, type Rejection } from '../../../server/domain/checks.ts';
import type { Fact } from '../../../server/domain/facts.ts';
import { text } from '../../../server/domain/field-reads.ts';
import type { AmiFields } from '../../../server/domain/input.ts';
import type { Change, LiveState, Member, Queue, QueueCall, QueueCounters } from './state.ts';

/**
 * One reduce step's copy-on-write view of the state: the first write to queues or calls copies that map once, later
 * writes reuse the copy, and every write records what changed. The input state is never touched.
 */
export class Draft {
  private queues: Record<string, Queue> | undefined;
  private calls: Record<string, QueueCall> | undefined;
  private link: LiveState['link'] | undefined;
  private sharedLast: boolean | undefined;
  readonly changes: Change[] = [];
  readonly facts: Fact[] = [];
  /** Values of the input the domain did not take, for the log. */
  readonly rejected: Rejection[] = [];

  constructor(
    private readonly base: LiveState,
    readonly at: number,
  ) {}

  queue(name: string): Queue | undefined {
    return (this.queues ?? this.base.queues)[name];
  }

  allQueues(): Readonly<Record<string, Queue>> {
    return this.queues ?? this.base.queues;
  }

  call(id: string): QueueCall | undefined {
    return (this.calls ?? this.base.calls)[id];
  }

  allCalls(): Readonly<Record<string, QueueCall>> {
    return this.calls ?? this.base.calls;
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
    const previous = queue.members[member.interface];
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
    this.queues[queue.name] = { ...queue, members: { ...queue.members, [member.interface]: member } };
    this.changes.push({ entity: 'member', queue: member.queue, interface: member.interface });
  }

  removeMember(queueName: string, iface: string): void {
    const queue = this.queue(queueName);
    const member = queue?.members[iface];
    if (!queue || !member) return;
    this.memberFact(member, false);
    const members = { ...queue.members };
    delete members[iface];
    this.queues ??= { ...this.base.queues };
    this.queues[queueName] = { ...queue, members };
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
    this.calls ??= { ...this.base.calls };
    this.calls[call.id] = call;
    this.changes.push({ entity: 'call', id: call.id });
  }

  removeCall(id: string): void {
    if (!this.call(id)) return;
    this.calls ??= { ...this.base.calls };
    delete this.calls[id];
    this.changes.push({ entity: 'call', id });
  }

  /** A resync replaces the live part wholesale. */
  replace(queues: Record<string, Queue>, calls: Record<string, QueueCall>): void {
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
      calls: this.calls ?? this.base.calls,
      link: this.link ?? this.base.link,
      asterisk:
        this.sharedLast === undefined ? this.base.asterisk : { ...this.base.asterisk, sharedLastCall: this.sharedLast },
      stats,
    };
  }
}
