import type { Draft } from './draft.ts';
import { flag, int, text } from './field-reads.ts';
import type { AmiFields } from './input.ts';
import type { Member } from './state.ts';

/**
 * Queue member events (QueueMemberAdded, Status, Pause, Penalty, Ringinuse) each carry the member's whole state, so
 * a member is simply taken from the latest one. The list item of QueueStatus (`QueueMember`) names the same things
 * differently (`Name`, `Location`): both are read here.
 */
export function memberFromFields(fields: AmiFields, previous: Member | undefined, at: number): Member {
  const status = int(fields, 'status');
  const paused = flag(fields, 'paused');
  const inCall = flag(fields, 'incall');
  const changed = !previous || previous.status !== status || previous.paused !== paused || previous.inCall !== inCall;
  return {
    queue: text(fields, 'queue'),
    interface: text(fields, 'interface') || text(fields, 'location'),
    name: text(fields, 'membername') || text(fields, 'name'),
    stateInterface: text(fields, 'stateinterface'),
    membership: text(fields, 'membership'),
    penalty: int(fields, 'penalty'),
    status,
    paused,
    pausedReason: text(fields, 'pausedreason'),
    inCall,
    callsTaken: int(fields, 'callstaken'),
    lastCall: int(fields, 'lastcall'),
    lastPause: int(fields, 'lastpause'),
    loginTime: int(fields, 'logintime'),
    wrapupSec: int(fields, 'wrapuptime'),
    ringInUse: fields.ringinuse === undefined ? (previous?.ringInUse ?? false) : flag(fields, 'ringinuse'),
    since: changed ? at : previous.since,
    answered: previous?.answered ?? 0,
    missed: previous?.missed ?? 0,
    talkSec: previous?.talkSec ?? 0,
  };
}

export function memberUpdated(draft: Draft, fields: AmiFields): void {
  const queueName = text(fields, 'queue');
  const iface = text(fields, 'interface');
  if (!iface || !draft.listedQueue(fields)) return;
  const previous = draft.queue(queueName)?.members.get(iface);
  const member = memberFromFields(fields, previous, draft.at);
  // A count that grew without a call ending in this queue: Asterisk shares calls between queues (shared_lastcall).
  if (previous && member.callsTaken > previous.callsTaken && !inCallHere(draft, queueName, iface)) {
    draft.learnSharedLastCall();
  }
  draft.putMember(member);
}

export function memberRemoved(draft: Draft, fields: AmiFields): void {
  draft.removeMember(text(fields, 'queue'), text(fields, 'interface'));
}

function inCallHere(draft: Draft, queueName: string, iface: string): boolean {
  return draft
    .allCalls()
    .connectedTo(iface)
    .some((c) => c.queue === queueName);
}
