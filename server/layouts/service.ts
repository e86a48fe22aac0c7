import type { Layout, LayoutListQuery, LayoutSort, LayoutSummary } from '../contract/layout.ts';
import type { LayoutOwnership, LayoutRepository } from './repository.ts';

/** Where the service announces changes, so that every screen showing a layout follows it (see socket.ts). */
export interface LayoutEvents {
  created(layout: Layout): void;
  saved(layout: Layout): void;
  deleted(id: string): void;
}

const text = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

const SORT_VALUE: { readonly [K in LayoutSort]: (row: LayoutSummary) => string | number } = {
  name: (row) => row.name,
  columns: (row) => row.columns,
  widgets: (row) => row.widgets,
  updatedAt: (row) => Date.parse(row.updatedAt),
};

/**
 * What the transports (REST, sockets) do with layouts: the repository's operations, the list's order, and an
 * announcement after every change. Inputs are untrusted JSON; the repository validates them. Refusals are
 * LayoutErrors with a message for the user.
 */
export class LayoutService {
  constructor(
    private readonly repository: LayoutRepository,
    private readonly events: LayoutEvents,
  ) {}

  /** Ties keep the same order whichever the direction (by name, then id), so rows do not jump on a re-sort. */
  async list({ sort, dir }: LayoutListQuery): Promise<LayoutSummary[]> {
    const value = SORT_VALUE[sort];
    const sign = dir === 'asc' ? 1 : -1;
    return (await this.repository.list()).sort(
      (a, b) => sign * compare(value(a), value(b)) || text.compare(a.name, b.name) || compare(a.id, b.id),
    );
  }

  get(id: string): Promise<Layout> {
    return this.repository.get(id);
  }

  async create(input: unknown, actor: string, ownership?: LayoutOwnership): Promise<Layout> {
    const layout = await this.repository.create(input, actor, ownership);
    this.events.created(layout);
    return layout;
  }

  async save(id: string, input: unknown, actor: string, ownership?: LayoutOwnership): Promise<Layout> {
    const layout = await this.repository.save(id, input, actor, ownership);
    this.events.saved(layout);
    return layout;
  }

  async delete(id: string): Promise<void> {
    await this.repository.delete(id);
    this.events.deleted(id);
  }

  async import(file: unknown, actor: string, ownership?: LayoutOwnership): Promise<Layout> {
    const layout = await this.repository.import(file, actor, ownership);
    this.events.created(layout);
    return layout;
  }

  export(id: string): Promise<string> {
    return this.repository.export(id);
  }

  /** Stores the shipped layouts never seeded before; returns the ids stored now. */
  async seed(layouts: readonly Layout[]): Promise<string[]> {
    const stored = await Promise.all(layouts.map((layout) => this.repository.seed(layout)));
    return layouts.filter((_, index) => stored[index]).map((layout) => layout.id);
  }
}

function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return text.compare(String(a), String(b));
}
