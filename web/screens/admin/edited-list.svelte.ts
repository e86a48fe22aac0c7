import type { Collection } from '../../api/admin.ts';
import { Loaded } from './loaded.svelte.ts';

/**
 * A list an administration screen keeps (units, teams, policies, monitoring groups): loaded with its feedback, the
 * form open on it (a new entry, or the one being edited).
 */
export class EditedList<View extends { id: string }, Body, Made extends View = View> extends Loaded<View[]> {
  editing = $state.raw<View | 'new' | null>(null);
  readonly #api: Collection<View, Body, Made>;

  constructor(api: Collection<View, Body, Made>) {
    super(api.list);
    this.#api = api;
  }

  /**
   * Creates the new entry (`made` says what of it, `done` when not given) or replaces the edited one; the form closes
   * once the server took it.
   */
  async save(body: Body, done: (saved: View) => string, made: (created: Made) => string = done): Promise<boolean> {
    const target = this.editing;
    const saved =
      target && target !== 'new'
        ? await this.change(this.#api.replace(target.id, body), done)
        : await this.change(this.#api.create(body), made);
    if (saved) this.editing = null;
    return saved;
  }

  /** Deletes an entry (the user confirmed it). */
  remove(target: View, done: (removed: View) => string): Promise<boolean> {
    return this.change(this.#api.remove(target.id), () => done(target));
  }
}

/** What the form of an entry is given besides the entry: where its body goes, and how it closes unsaved. */
export interface EntryFormProps<Body> {
  onsave: (body: Body) => Promise<boolean>;
  oncancel: () => void;
}
