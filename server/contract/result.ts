/** The one result type for acknowledgements and API commands. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: string };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

/** A failure, its message made a sentence: whatever refused, the person reads a capital letter and a full stop. */
export function fail<T = never>(error: string): Result<T> {
  return { ok: false, error: sentence(error) };
}

/** `text` as a sentence: its first letter upper-case, ending in a full stop (or the !, ? or closing bracket it has). */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?)]$/.test(capital) ? capital : `${capital}.`;
}
