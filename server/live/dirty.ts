import { memberKey } from '../contract/board.ts';
import type { Change } from '../domain/state.ts';

export interface MemberRef {
  readonly queue: string;
  readonly interface: string;
}

/**
 * The entities that changed since the last flush, each once however often it changed: this is what makes a delta
 * (and a Redis write) carry an entity once per window. `all` (a resync) stands for everything.
 */
export class Dirty {
  all = false;
  link = false;
  readonly queues = new Set<string>();
  readonly members = new Map<string, MemberRef>();
  readonly calls = new Set<string>();

  add(changes: readonly Change[]): void {
    for (const change of changes) {
      switch (change.entity) {
        case 'all':
          this.all = true;
          break;
        case 'link':
          this.link = true;
          break;
        case 'queue':
          this.queues.add(change.queue);
          break;
        case 'member':
          this.touchMember(change.queue, change.interface);
          break;
        case 'call':
          this.calls.add(change.id);
          break;
      }
    }
  }

  touchMember(queue: string, iface: string): void {
    this.members.set(memberKey(queue, iface), { queue, interface: iface });
  }

  isEmpty(): boolean {
    return !this.all && !this.link && this.queues.size === 0 && this.members.size === 0 && this.calls.size === 0;
  }
}
