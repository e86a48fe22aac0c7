import type { AmiFields } from '../../server/domain/input.ts';
import { rawPairs, readTraceActions, readTraceMessages, type Scenario } from './traces.ts';

/**
 * What Asterisk itself listed in a trace: the items of a QueueStatus that the recording connection sent, read
 * straight from the recorded messages (keys lower-cased like the AMI client's).
 */
export interface QueueStatusList {
  params: AmiFields[];
  members: AmiFields[];
  entries: AmiFields[];
}

function fieldsOf(raw: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of rawPairs(raw)) fields[key.toLowerCase()] = value;
  return fields;
}

function queueStatusList(scenario: Scenario, actionId: string): QueueStatusList {
  const items = readTraceMessages(scenario)
    .filter((message) => message.kind === 'event' && message.raw !== undefined)
    .map((message) => fieldsOf(message.raw ?? ''))
    .filter((fields) => fields.actionid === actionId);
  return {
    params: items.filter((item) => item.event === 'QueueParams'),
    members: items.filter((item) => item.event === 'QueueMember'),
    entries: items.filter((item) => item.event === 'QueueEntry'),
  };
}

/** The unfiltered QueueStatus actions of a trace, in order (the first is the initial resync). */
function unfilteredQueueStatusIds(scenario: Scenario): string[] {
  return readTraceActions(scenario)
    .filter((action) => action.action === 'QueueStatus' && !/\r\n(Queue|Member):/i.test(action.raw))
    .map((action) => action.action_id);
}

export function initialQueueStatus(scenario: Scenario): QueueStatusList {
  return queueStatusList(scenario, unfilteredQueueStatusIds(scenario)[0] ?? '');
}

export function finalQueueStatus(scenario: Scenario): QueueStatusList {
  return queueStatusList(scenario, unfilteredQueueStatusIds(scenario).at(-1) ?? '');
}
