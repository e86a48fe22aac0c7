/**
 * Holds navigation away from unsaved work until the user says to leave: the screen with the work sets `unsaved`, and
 * every way out (the menu, the browser's Back, a link) goes through `leave`. While a departure waits, `pending` is
 * set and a dialog asks.
 */
export class LeaveGuard {
  unsaved = $state(false);
  #pending = $state.raw<(() => void) | null>(null);

  get pending(): boolean {
    return this.#pending !== null;
  }

  /** Goes now when nothing is unsaved; otherwise waits for confirm() or cancel(). */
  leave(go: () => void): void {
    if (this.unsaved) this.#pending = go;
    else go();
  }

  /** The user chose to drop the unsaved work: the waiting departure happens. */
  confirm(): void {
    const go = this.#pending;
    if (!go) return;
    this.#pending = null;
    this.unsaved = false;
    go();
  }

  cancel(): void {
    this.#pending = null;
  }
}
