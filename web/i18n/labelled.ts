/**
 * A table row (a column, a state's look, a metric) whose `label` is read in the viewer's language each time it is
 * shown: the getter calls the catalogue's message, so a change of language re-renders it.
 */
export function labelled<T extends object>(fields: T, label: () => string): T & { readonly label: string } {
  return Object.defineProperty(fields, 'label', { get: label, enumerable: true }) as T & { readonly label: string };
}
