import type { Draft } from './draft.ts';
import { text } from '../../../server/domain/field-reads.ts';
import { memberFromFields } from '../../../server/domain/member-events.ts';
import type { AmiFields } from '../../../server/domain/input.ts';

export function memberUpdated(draft: Draft, fields: AmiFields): void {
  const queueName = text(fields, 'queue');
  const iface = text(fields, 'interface');
  if (!iface || !draft.listedQueue(fields)) return;
  const previous = draft.queue(queueName)?.members[iface];
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
  return Object.values(draft.allCalls()).some(
    (c) => c.state === 'connected' && c.queue === queueName && c.agent === iface,
  );
}
