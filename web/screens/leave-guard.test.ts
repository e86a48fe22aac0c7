import { describe, expect, it } from 'vitest';
import { LeaveGuard } from './leave-guard.svelte.ts';

describe('LeaveGuard', () => {
  it('goes at once when nothing is unsaved', () => {
    const guard = new LeaveGuard();
    const went: string[] = [];
    guard.leave(() => went.push('list'));
    expect(went).toEqual(['list']);
    expect(guard.pending).toBe(false);
  });

  it('holds a departure from unsaved work until confirmed, then forgets the work', () => {
    const guard = new LeaveGuard();
    guard.unsaved = true;
    const went: string[] = [];
    guard.leave(() => went.push('list'));
    expect(went).toEqual([]);
    expect(guard.pending).toBe(true);
    guard.confirm();
    expect(went).toEqual(['list']);
    expect(guard.pending).toBe(false);
    expect(guard.unsaved).toBe(false);
  });

  it('drops a cancelled departure and keeps the work unsaved', () => {
    const guard = new LeaveGuard();
    guard.unsaved = true;
    const went: string[] = [];
    guard.leave(() => went.push('home'));
    guard.cancel();
    guard.confirm();
    expect(went).toEqual([]);
    expect(guard.unsaved).toBe(true);
  });
});
