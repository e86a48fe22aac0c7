import { ColumnFit } from './column-fit.svelte.ts';
import { shownColumns } from './column-fit.ts';
import { nextSort, type ColumnSpec, type SortState } from './sort.ts';

/**
 * The columns of a widget's table: those its layout chose, less the least important ones that do not fit its box;
 * and its sort, which starts as the layout says and follows this screen's clicks on the headers.
 */
export class TableColumns<K extends string> {
  sort: SortState<K>;
  readonly #fit = new ColumnFit();
  readonly #chosen: () => readonly ColumnSpec<K>[];
  readonly #importance: readonly K[];
  readonly #shownKeys = $derived.by(() => shownColumns(this.#keys(), this.#importance, this.#fit.hidden));
  /** The columns drawn, in the layout's order. */
  readonly shown = $derived.by(() => this.#chosen().filter((column) => this.#shownKeys.includes(column.key)));

  /** `firstSort` is read once: the layout's sort is where this screen's starts, not what it follows. */
  constructor(chosen: () => readonly ColumnSpec<K>[], importance: readonly K[], firstSort: () => SortState<K>) {
    this.#chosen = chosen;
    this.#importance = importance;
    this.sort = $state.raw(firstSort());
  }

  has(key: K): boolean {
    return this.#shownKeys.includes(key);
  }

  readonly sortBy = (key: K): void => {
    this.sort = nextSort(this.sort, key);
  };

  /** Follows the table's box and the table itself (see ColumnFit); returns the way to stop. */
  observe(box: HTMLElement, table: HTMLElement): () => void {
    return this.#fit.observe(box, table);
  }

  #keys(): K[] {
    return this.#chosen().map((column) => column.key);
  }
}
