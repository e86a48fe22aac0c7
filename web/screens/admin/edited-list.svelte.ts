import type { Collection } from '../../api/admin.ts';
import { Loaded } from './loaded.svelte.ts';

/**
 * A list an administration screen keeps (units, teams, policies, monitoring groups): loaded with its feedback, the
 * form open on it (a new entry, or the one being edited).
 */
export class EditedList<View extends { id: string }, Body> extends Loaded<View[]> {
  editing = $state.raw<View | 'new' | null>(null);
  readonly #api: Collection<View, Body>;

  constructor(api: Collection<View, Body>) {
    super(api.list);
    this.#api = api;
  }

  /** Creates the new entry or replaces the edited one; the form closes once the server took it. */
  async save(body: Body, done: (saved: View) => string): Promise<boolean> {
    const target = this.editing;
    const pending = target && target !== 'new' ? this.#api.replace(target.id, body) : this.#api.create(body);
    const saved = await this.change(pending, done);
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
