import { getContext, setContext } from 'svelte';

const WALL = Symbol('wall');

/**
 * Marks the screen below as a wall TV: nobody scrolls it, so its tables draw the rows that fit and count the others
 * ("+N more") instead of cutting them off. Called by the kiosk screen while it initialises.
 */
export function markWall(): void {
  setContext(WALL, true);
}

/** Whether this widget is on a wall TV (see markWall). */
export function onWall(): boolean {
  return getContext<boolean | undefined>(WALL) ?? false;
}
