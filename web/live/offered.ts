import { getContext, setContext } from 'svelte';

/**
 * A live service a screen may offer the widgets under it (a kiosk offers none of the ones a user acts through): how
 * the screen offers it, while it initialises, and how a widget finds it, undefined when none was offered.
 */
export function offered<T>(name: string): { provide: (service: T) => void; find: () => T | undefined } {
  const key = Symbol(name);
  return {
    provide: (service) => void setContext(key, service),
    find: () => getContext<T | undefined>(key),
  };
}
