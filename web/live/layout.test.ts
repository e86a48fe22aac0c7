import { describe, expect, it } from 'vitest';
import type { Layout } from '../../server/contract/layout.ts';
import type { Result } from '../../server/contract/result.ts';
import { LiveLayout, newerLayout } from './layout.svelte.ts';
import type { LayoutConnection } from './socket.ts';

function layout(revision: number, name = 'Floor'): Layout {
  return {
    version: 1,
    id: 'floor',
    name,
    columns: 1,
    columnsContent: [[]],
    since: { kind: 'today' },
    theme: 'dark',
    updatedAt: '2026-03-02T08:00:00.000Z',
    updatedBy: 'anna',
    revision,
  };
}

function fakeConnection(answer: Result<Layout>, connected = true) {
  const saved: ((layout: Layout) => void)[] = [];
  const deleted: ((deleted: { id: string }) => void)[] = [];
  const connects: (() => void)[] = [];
  let watches = 0;
  const connection: LayoutConnection = {
    connected,
    onConnected: (handler) => (connects.push(handler), () => undefined),
    watchLayout: () => {
      watches += 1;
      return Promise.resolve(answer);
    },
    onLayoutSaved: (handler) => (saved.push(handler), () => undefined),
    onLayoutDeleted: (handler) => (deleted.push(handler), () => undefined),
  };
  return {
    connection,
    watches: () => watches,
    connect: () => connects.forEach((h) => h()),
    save: (l: Layout) => saved.forEach((h) => h(l)),
    remove: (id: string) => deleted.forEach((h) => h({ id })),
  };
}

describe('newerLayout', () => {
  it('keeps the higher revision whichever arrives first', () => {
    expect(newerLayout(null, layout(2))?.revision).toBe(2);
    expect(newerLayout(layout(3), layout(2))).toBeNull();
    expect(newerLayout(layout(3), layout(3))).toBeNull();
    expect(newerLayout(layout(3), { ...layout(4), id: 'other' })).toBeNull();
  });
});

describe('LiveLayout', () => {
  it('shows the layout, follows saves, and says when it was deleted', async () => {
    const fake = fakeConnection({ ok: true, data: layout(1) });
    const live = new LiveLayout(fake.connection, 'floor');
    await Promise.resolve();
    await Promise.resolve();
    expect(live.layout?.revision).toBe(1);
    fake.save(layout(2, 'Renamed'));
    expect(live.layout?.name).toBe('Renamed');
    fake.save(layout(1, 'Old'));
    expect(live.layout?.name).toBe('Renamed');
    fake.remove('floor');
    expect(live.deleted).toBe(true);
    live.close();
  });

  it('asks once: now when connected, else on the connect; again on every reconnect', () => {
    const up = fakeConnection({ ok: true, data: layout(1) });
    new LiveLayout(up.connection, 'floor').close();
    expect(up.watches()).toBe(1);

    const down = fakeConnection({ ok: true, data: layout(1) }, false);
    const live = new LiveLayout(down.connection, 'floor');
    expect(down.watches()).toBe(0);
    down.connect();
    expect(down.watches()).toBe(1);
    down.connect();
    expect(down.watches()).toBe(2);
    live.close();
  });

  it("passes on the server's refusal", async () => {
    const live = new LiveLayout(fakeConnection({ ok: false, error: 'layout floor not found' }).connection, 'floor');
    await Promise.resolve();
    await Promise.resolve();
    expect(live.error).toBe('layout floor not found');
  });
});
