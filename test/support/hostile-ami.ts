import { amiMessage } from './ami-wire.ts';

/** AMI events as the recorded traces carry them (headers as Asterisk spells them), for tests to put bad values in. */

/** 1e20 written out, as a peer sends it. */
export const HUGE = '100000000000000000000';
export const ALICE = 'Local/1001@agents';

/** A queue member event's headers (QueueMemberStatus, Pause, Added...) of Alice in `sales`. */
export function memberHeaders(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    Queue: 'sales',
    MemberName: 'Alice',
    Interface: ALICE,
    StateInterface: 'Custom:agent1001',
    Membership: 'static',
    Penalty: '0',
    CallsTaken: '0',
    LastCall: '0',
    LastPause: '0',
    LoginTime: String(Math.floor(Date.now() / 1000) - 60),
    InCall: '0',
    Status: '1',
    Paused: '0',
    PausedReason: '',
    Ringinuse: '0',
    Wrapuptime: '0',
    ...extra,
  };
}

/** The same member as QueueStatus lists it (QueueMember names the interface `Location`, the name `Name`). */
export function listedMember(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const { Interface: location = '', MemberName: name = '', ...rest } = memberHeaders(extra);
  return { Event: 'QueueMember', ...rest, Location: location, Name: name };
}

export function queueParams(queue: string, serviceLevel = '20'): Record<string, string> {
  return {
    Event: 'QueueParams',
    Queue: queue,
    Strategy: 'rrmemory',
    ServiceLevel: serviceLevel,
    Max: '0',
    Weight: '0',
  };
}

/** A caller's headers in queue events (QueueCallerJoin, AgentConnect...); `id` tells callers apart. */
export function callerHeaders(id: string, queue = 'sales'): Record<string, string> {
  return {
    Channel: `Local/${queue}@callers-${id};2`,
    CallerIDNum: `5552${id}`,
    CallerIDName: 'Ann Caller',
    Exten: queue,
    Uniqueid: `1795842893.${id}`,
    Queue: queue,
  };
}

export function amiEvent(name: string, headers: Readonly<Record<string, string>>): string {
  return amiMessage({ Event: name, Privilege: 'agent,all', ...headers });
}
