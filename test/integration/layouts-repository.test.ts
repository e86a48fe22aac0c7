import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Layout, NewLayout } from '../../server/contract/layout.ts';
import { LayoutError } from '../../server/layouts/errors.ts';
import { LayoutRepository } from '../../server/layouts/repository.ts';
import { readShippedLayouts } from '../../server/layouts/shipped.ts';
import { layoutKeys } from '../../server/store/keys.ts';

const keys = layoutKeys('test-layouts-repository');
const redis = new Redis(inject('redisUrl'));
let now = Date.parse('2026-11-02T09:00:00Z');
let ids = 0;
const repository = new LayoutRepository(redis, keys, {
  clock: () => now,
  newId: () => `new-${++ids}`,
  timeZone: 'Europe/Warsaw',
});

const draft: NewLayout = {
  name: 'Sales floor',
  columns: 2,
  columnsContent: [[{ id: 'waiting', type: 'kpi', settings: { metric: 'waiting', queues: ['sales'] } }], []],
};

beforeEach(async () => {
  await redis.del(keys.layouts, keys.seeded);
  ids = 0;
});

afterAll(async () => {
  await redis.del(keys.layouts, keys.seeded);
  redis.disconnect();
});

/** The refusal a call ends with. */
async function refusal(promise: Promise<unknown>): Promise<LayoutError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(LayoutError);
  return error as LayoutError;
}

describe('LayoutRepository', () => {
  it('creates, lists, gets, saves and deletes', async () => {
    const created = await repository.create(draft, 'alice');
    expect(created).toMatchObject({ version: 1, id: 'new-1', name: 'Sales floor', revision: 1, updatedBy: 'alice' });
    expect(created.updatedAt).toBe('2026-11-02T09:00:00.000Z');
    expect(created.columnsContent[0]![0]!.settings).toMatchObject({
      metric: 'waiting',
      queues: ['sales'],
      sound: false,
    });
    expect(await repository.get('new-1')).toEqual(created);
    expect(await repository.list()).toEqual([
      {
        id: 'new-1',
        name: 'Sales floor',
        columns: 2,
        widgets: 1,
        updatedAt: created.updatedAt,
        updatedBy: 'alice',
        owner: null,
        scope: 'all',
      },
    ]);

    now += 60_000;
    const saved = await repository.save('new-1', { ...created, name: 'Sales', updatedBy: 'mallory' }, 'bob');
    expect(saved).toMatchObject({
      name: 'Sales',
      revision: 2,
      updatedBy: 'bob',
      updatedAt: '2026-11-02T09:01:00.000Z',
    });
    expect(await repository.get('new-1')).toEqual(saved);

    await repository.delete('new-1');
    expect(await repository.list()).toEqual([]);
    expect((await refusal(repository.get('new-1'))).kind).toBe('notFound');
    expect((await refusal(repository.delete('new-1'))).message).toBe('The layout "new-1" does not exist.');
  });

  it('refuses a save based on an older revision, says who changed it when on the board clock, and keeps their version', async () => {
    now = Date.parse('2026-11-02T09:00:00Z');
    const created = await repository.create(draft, 'alice');
    const theirs = await repository.save(created.id, { ...created, name: 'Theirs' }, 'bob');
    const error = await refusal(repository.save(created.id, { ...created, name: 'Mine' }, 'alice'));
    expect(error.kind).toBe('conflict');
    expect(error.message).toBe(
      'This layout was changed by bob at 10:00 since you opened it. Reload to see their version, or download yours to keep your changes.',
    );
    expect(await repository.get(created.id)).toEqual(theirs);
    // A day later the time alone would be ambiguous: the date comes with it.
    const saved = now;
    now += 86_400_000;
    const later = await refusal(repository.save(created.id, { ...created, name: 'Mine' }, 'alice'));
    now = saved;
    expect(later.message).toMatch(/^This layout was changed by bob at 2 Nov 10:00 since you opened it\./);
  });

  it('refuses a save of a deleted layout, or of a body whose id is another layout', async () => {
    const created = await repository.create(draft, 'alice');
    expect((await refusal(repository.save('other', created, 'alice'))).message).toBe(
      `The id "${created.id}" is not that of the layout being saved ("other").`,
    );
    await repository.delete(created.id);
    const gone = await refusal(repository.save(created.id, created, 'alice'));
    expect(gone.kind).toBe('notFound');
    expect(gone.message).toBe('Someone deleted the layout "Sales floor". Download your version to keep your changes.');
  });

  it('an import of a broken file says what is wrong and changes nothing', async () => {
    const created = await repository.create(draft, 'alice');
    const before = await redis.hgetall(keys.layouts);
    const exported = JSON.parse(await repository.export(created.id)) as Layout;
    const broken = {
      ...exported,
      id: 'imported',
      columnsContent: [
        [{ id: 'waiting', type: 'kpi', settings: { thresholds: { amber: 1, red: 'x', direction: 'above' } } }],
        [],
      ],
    };
    const error = await refusal(repository.import(broken, 'alice'));
    expect(error.kind).toBe('invalid');
    expect(error.message).toBe('Column 1, widget 1, thresholds, red must be a number (got "x").');
    await refusal(repository.import('{ not json', 'alice'));
    await refusal(repository.import(null, 'alice'));
    expect(await redis.hgetall(keys.layouts)).toEqual(before);
  });

  it('keeps the language a layout gives its wall TVs, refuses one it does not speak, and drops it when a save leaves it out', async () => {
    const created = await repository.create({ ...draft, locale: 'pl' }, 'alice');
    expect(created.locale).toBe('pl');
    expect(await repository.get(created.id)).toMatchObject({ locale: 'pl' });
    await expect(repository.save(created.id, { ...created, locale: 'de' }, 'alice')).rejects.toThrow(/locale/i);
    const { locale: _pl, ...withoutLocale } = created;
    const saved = await repository.save(created.id, withoutLocale, 'alice');
    expect(saved).not.toHaveProperty('locale');
    expect(await repository.get(created.id)).not.toHaveProperty('locale');
  });

  it('export then import gives the same layout back; an id in use gets a new one', async () => {
    const created = await repository.create(draft, 'alice');
    const file = await repository.export(created.id);
    expect(file).toBe(`${JSON.stringify(created, null, 2)}\n`);

    const copy = await repository.import(JSON.parse(file), 'alice');
    expect(copy).toEqual({ ...created, id: 'new-2' });

    await repository.delete(created.id);
    expect(await repository.import(JSON.parse(file), 'alice')).toEqual(created);
    expect(await repository.get(created.id)).toEqual(created);
  });

  it('seeds each shipped layout once: a layout a user deleted stays deleted', async () => {
    const { layouts } = await readShippedLayouts();
    const overview = layouts.find((layout) => layout.id === 'overview')!;
    expect(await repository.seed(overview)).toBe(true);
    expect(await repository.get('overview')).toEqual(overview);
    expect(await repository.seed(overview)).toBe(false);
    await repository.delete('overview');
    expect(await repository.seed(overview)).toBe(false);
    expect(await repository.list()).toEqual([]);
  });
});
