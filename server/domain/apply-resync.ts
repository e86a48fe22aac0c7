import { callsTakenByQueue, settleLeaving, settleUnseen } from './caller-events.ts';
import { checkFields, unknownQueue } from './checks.ts';
import { Calls } from './calls.ts';
import type { Draft } from './draft.ts';
import { channelInterface, clockSeconds, decimal, int, text } from './field-reads.ts';
import type { AmiFields, ResyncLists } from './input.ts';
import { memberFromFields } from './member-events.ts';
import type { Member, Queue, QueueCall } from './state.ts';
import { ZERO_COUNTERS } from './state.ts';
import { Table } from './table.ts';

/**
 * A (re)connection's lists replace the live part of the state: queues, members, waiting and connected callers. AMI
 * drops events while disconnected, so nothing we held can be trusted more than what Asterisk lists now. Our counters
 * carry on: they count what we saw, and Asterisk's own counters may have restarted at zero.
 */
export function applyResync(draft: Draft, lists: ResyncLists): void {
  // Callers who had left but whose exit was still undecided will get no more events: decide with what we know.
  for (const call of draft.allCalls().values()) if (call.state === 'leaving') settleLeaving(draft, call);
  const held = draft.allCalls();
  // The calls we held were last known going on when the link went down: an outage is not talk time.
  const lastHeard = draft.lastHeard();

  const queues: Record<string, Queue> = {};
  const byEvent = groupByEvent(checked(draft, lists.queueStatus));
  for (const params of byEvent.QueueParams) {
    const queue = queueFromParams(params, draft);
    if (queue.name) queues[queue.name] = queue;
  }
  const listed = (item: AmiFields): Queue | undefined => {
    const queue = queues[text(item, 'queue')];
    if (!queue) draft.reject(unknownQueue(text(item, 'event'), text(item, 'queue')));
    return queue;
  };
  for (const item of byEvent.QueueMember) {
    const queue = listed(item);
    if (!queue) continue;
    const iface = text(item, 'location');
    const member: Member = memberFromFields(item, draft.queue(queue.name)?.members.get(iface), draft.at);
    queues[queue.name] = { ...queue, members: queue.members.set(member.interface, member) };
  }

  const entries: { call: QueueCall; position: number }[] = [];
  for (const entry of byEvent.QueueEntry) {
    const call = listed(entry) && waitingFromEntry(entry, draft);
    if (call && call.id) entries.push({ call, position: int(entry, 'position', 1) });
  }
  for (const call of connectedFromChannels(checked(draft, lists.channels), queues, draft)) {
    entries.push({ call, position: 0 });
  }
  const calls = Calls.of(entries);

  draft.replace(queues, calls);
  // Counted in the queues just listed, which carry our counters on.
  settleUnseen(draft, held, calls, lastHeard);
}

/** The items whose values pass the entry checks (checks.ts), bad values dropped; what was not taken is noted. */
function checked(draft: Draft, items: readonly AmiFields[]): AmiFields[] {
  return items.flatMap((item) => {
    const { fields, rejected } = checkFields(item, draft.at);
    for (const rejection of rejected) draft.reject(rejection);
    return fields ? [fields] : [];
  });
}

function groupByEvent(items: readonly AmiFields[]) {
  const groups: Record<'QueueParams' | 'QueueMember' | 'QueueEntry', AmiFields[]> = {
    QueueParams: [],
    QueueMember: [],
    QueueEntry: [],
  };
  for (const item of items) {
    const name = text(item, 'event');
    if (name === 'QueueParams' || name === 'QueueMember' || name === 'QueueEntry') groups[name].push(item);
  }
  return groups;
}

function queueFromParams(params: AmiFields, draft: Draft): Queue {
  const name = text(params, 'queue');
  const previous = draft.queue(name);
  return {
    name,
    strategy: text(params, 'strategy'),
    serviceLevelSec: int(params, 'servicelevel'),
    weight: int(params, 'weight'),
    maxCallers: int(params, 'max'),
    members: Table.empty(),
    counters: previous?.counters ?? ZERO_COUNTERS,
    reported: {
      completed: int(params, 'completed'),
      abandoned: int(params, 'abandoned'),
      holdTimeSec: int(params, 'holdtime'),
      talkTimeSec: int(params, 'talktime'),
      serviceLevelPerf: decimal(params, 'servicelevelperf'),
      serviceLevelPerf2: decimal(params, 'servicelevelperf2'),
      at: draft.at,
    },
  };
}

function waitingFromEntry(entry: AmiFields, draft: Draft): QueueCall {
  const id = text(entry, 'uniqueid');
  const known = draft.call(id);
  return {
    id,
    channel: text(entry, 'channel'),
    queue: text(entry, 'queue'),
    callerIdNum: text(entry, 'calleridnum'),
    callerIdName: text(entry, 'calleridname'),
    dialled: known?.dialled ?? '',
    // Keep the join time we saw over the list's whole-second Wait.
    joinedAt: known?.state === 'waiting' ? known.joinedAt : draft.at - int(entry, 'wait') * 1000,
    joinPosition: known?.joinPosition ?? int(entry, 'position', 1),
    ...(known?.joinMembers !== undefined && { joinMembers: known.joinMembers }),
    attempts: known?.attempts ?? [],
    state: 'waiting',
    ringing: known?.state === 'waiting' ? known.ringing : [],
    hangupRequested: false,
    pressedKey: known?.pressedKey ?? false,
  };
}

/**
 * Connected queue calls are not in QueueStatus. CoreShowChannels lists the caller's channel running `Queue` (its data
 * starts with the queue name) and the member's channel running `AppQueue`, both in one bridge.
 */
function connectedFromChannels(
  channels: readonly AmiFields[],
  queues: Record<string, Queue>,
  draft: Draft,
): QueueCall[] {
  const agentsByBridge = new Map<string, AmiFields>();
  for (const channel of channels) {
    const bridge = text(channel, 'bridgeid');
    if (bridge && text(channel, 'application') === 'AppQueue') agentsByBridge.set(bridge, channel);
  }
  const calls: QueueCall[] = [];
  for (const caller of channels) {
    const bridge = text(caller, 'bridgeid');
    const agent = bridge ? agentsByBridge.get(bridge) : undefined;
    if (!agent || text(caller, 'application') !== 'Queue') continue;
    const queueName = text(caller, 'applicationdata').split(',')[0] ?? '';
    // A call of a queue Asterisk did not list is not shown (the QueueStatus came first, see Draft.listedQueue).
    if (!Object.hasOwn(queues, queueName)) continue;
    const iface = channelInterface(text(agent, 'channel'));
    const id = text(caller, 'uniqueid');
    const known = draft.call(id);
    const connectedSec = clockSeconds(text(agent, 'duration'));
    const waitedSec = Math.max(0, clockSeconds(text(caller, 'duration')) - connectedSec);
    calls.push({
      id,
      channel: text(caller, 'channel'),
      queue: queueName,
      callerIdNum: text(caller, 'calleridnum'),
      callerIdName: text(caller, 'calleridname'),
      dialled: text(caller, 'exten'),
      joinedAt: known?.joinedAt ?? draft.at - (connectedSec + waitedSec) * 1000,
      joinPosition: known?.joinPosition ?? 0,
      ...(known?.joinMembers !== undefined && { joinMembers: known.joinMembers }),
      attempts: known?.attempts ?? [],
      state: 'connected',
      ringing: [],
      hangupRequested: false,
      pressedKey: false,
      agent: iface,
      agentName: queues[queueName]?.members.get(iface)?.name ?? known?.agentName ?? '',
      answeredAt: known?.state === 'connected' ? known.answeredAt : draft.at - connectedSec * 1000,
      holdSec: known?.holdSec ?? waitedSec,
      agentCallsAtConnect: known?.agentCallsAtConnect ?? callsTakenByQueue(queues, iface),
    });
  }
  return calls;
}
