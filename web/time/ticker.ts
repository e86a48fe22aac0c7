import { createSubscriber } from 'svelte/reactivity';

/**
 * The one ticker of the board: every ticking value (waits, time in status, the clock) reads `now` from here, so they
 * all change together, once a second. It only runs while something on screen reads it.
 */
export class Ticker {
  #now = Date.now();
  readonly #subscribe: () => void;

  constructor(periodMs = 1_000) {
    this.#subscribe = createSubscriber((update) => {
      let timer: ReturnType<typeof setTimeout>;
      // Aimed at the next whole period each time, so the ticks neither drift nor show a second twice.
      const schedule = (): void => {
        timer = setTimeout(
          () => {
            this.#now = Date.now();
            update();
            schedule();
          },
          periodMs - (Date.now() % periodMs),
        );
      };
      this.#now = Date.now();
      schedule();
      return () => clearTimeout(timer);
    });
  }

  /** Epoch ms of the browser at the last tick. */
  get now(): number {
    this.#subscribe();
    return this.#now;
  }
}

export const ticker = new Ticker();
