import { describe, expect, it } from 'vitest';
import type { MonitorGroupView, MonitorSessionView } from '../../server/contract/monitoring.ts';
import { decideMonitor, mayMonitorAnyone, overseesSession, type MonitorUser } from '../../server/monitoring/rules.ts';
import type { Org } from '../../server/access/org/model.ts';

const user = (id: string, role: MonitorUser['role'], extra: Partial<MonitorUser> = {}): MonitorUser => ({
  id,
  role,
  interfaces: [],
  disabled: false,
  ...extra,
});

const sup = user('sup', 'supervisor', { phone: 'PJSIP/2005', monitorCalls: true });
const alice = user('alice', 'agent', { interfaces: ['PJSIP/1001'] });
const bob = user('bob', 'agent', { interfaces: ['PJSIP/1002'] });
const group: MonitorGroupView = { id: 'g', name: 'Sales', monitored: ['alice', 'bob'], monitors: ['sup'] };

function decide(
  monitor: MonitorUser,
  agent: string,
  options: { groups?: MonitorGroupView[]; units?: Org['units']; queue?: string } = {},
) {
  const users = [monitor, alice, bob];
  const org: Org = { users, units: options.units ?? [], teams: [], policies: [] };
  const decision = decideMonitor(monitor, agent, options.queue ?? null, users, options.groups ?? [group], org);
  return decision.ok ? `ok ${decision.phone} ${decision.agentUser.id}` : decision.error;
}

describe('who may monitor whom', () => {
  it('lets a supervisor with the switch on, a phone and a group monitor the group', () => {
    expect(decide(sup, 'PJSIP/1001')).toBe('ok PJSIP/2005 alice');
  });

  it('denies without a group listing both, with the switch off, to agents, to disabled users, and on unknown agents', () => {
    expect(decide(sup, 'PJSIP/1001', { groups: [{ ...group, monitored: ['bob'] }] })).toBe('Denied');
    expect(decide(sup, 'PJSIP/1001', { groups: [{ ...group, monitors: [] }] })).toBe('Denied');
    expect(decide({ ...sup, monitorCalls: false }, 'PJSIP/1001')).toBe('Denied');
    expect(decide({ ...sup, monitorCalls: undefined }, 'PJSIP/1001')).toBe('Denied');
    expect(decide({ ...sup, disabled: true }, 'PJSIP/1001')).toBe('Denied');
    expect(decide({ ...sup, role: 'agent' }, 'PJSIP/1001')).toBe('Denied');
    expect(decide(sup, 'PJSIP/9999')).toBe('Denied');
  });

  it('never lets a user monitor themselves', () => {
    const both = { ...sup, interfaces: ['PJSIP/2005'] };
    expect(decide(both, 'PJSIP/2005', { groups: [{ ...group, monitored: ['sup'] }] })).toBe('Denied');
  });

  it('keeps a unit-bound user to the agents of their units', () => {
    const unit = { id: 'u', name: 'Unit', members: ['alice'], administrators: ['sup'], queues: [] };
    const admin = { ...sup, role: 'administrator' as const };
    expect(decide(admin, 'PJSIP/1001', { units: [unit] })).toBe('ok PJSIP/2005 alice');
    expect(decide(admin, 'PJSIP/1002', { units: [unit] })).toBe('Denied');
  });

  it('keeps a unit-bound user to calls of their units’ queues, even on an agent of theirs', () => {
    const unit = { id: 'u', name: 'Unit', members: ['alice'], administrators: ['sup'], queues: ['sales'] };
    expect(decide(sup, 'PJSIP/1001', { units: [unit], queue: 'sales' })).toBe('ok PJSIP/2005 alice');
    expect(decide(sup, 'PJSIP/1001', { units: [unit], queue: 'support' })).toBe('Denied');
    expect(decide(sup, 'PJSIP/1001', { queue: 'support' })).toBe('ok PJSIP/2005 alice');
  });

  it('shows a unit-bound viewer only sessions of their agents on calls of their queues', () => {
    const unit = { id: 'u', name: 'Unit', members: ['alice', 'bob'], administrators: ['admin'], queues: ['sales'] };
    const admin = user('admin', 'administrator');
    const org: Org = { users: [admin, alice, bob], units: [unit], teams: [], policies: [] };
    const session = (agent: string, queue: string) => ({ agent, queue }) as MonitorSessionView;
    const sees = overseesSession(admin, org);
    expect(sees(session('PJSIP/1001', 'sales'))).toBe(true);
    expect(sees(session('PJSIP/1001', 'support'))).toBe(false);
    expect(sees(session('PJSIP/1003', 'sales'))).toBe(false);
    expect(overseesSession(admin, { ...org, units: [] })(session('PJSIP/1001', 'support'))).toBe(true);
  });

  it('asks for a phone only of users who may monitor the agent', () => {
    expect(decide({ ...sup, phone: null }, 'PJSIP/1001')).toBe('No phone is set for your account');
    expect(decide({ ...sup, phone: null, monitorCalls: false }, 'PJSIP/1001')).toBe('Denied');
  });

  it('offers the controls to users who may monitor someone', () => {
    expect(mayMonitorAnyone(sup, [group])).toBe(true);
    expect(mayMonitorAnyone(sup, [{ ...group, monitored: [] }])).toBe(false);
    expect(mayMonitorAnyone({ ...sup, monitorCalls: false }, [group])).toBe(false);
    expect(mayMonitorAnyone(alice, [{ ...group, monitors: ['alice'] }])).toBe(false);
  });
});
