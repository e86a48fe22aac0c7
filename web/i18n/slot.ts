/** What a message never contains: the mark of where an element (a link, a code sample) goes in a sentence. */
const SLOT = '\u0000';

/**
 * A sentence with an element inside it, as the text before and after that element: `message` is given the slot as
 * the element's input, so each language places the element where its grammar puts it.
 */
export function aroundSlot(message: (slot: string) => string): [string, string] {
  const [before = '', after = ''] = message(SLOT).split(SLOT);
  return [before, after];
}
