/** Why a layout operation was refused; transports map the kind to their own status (HTTP 400 / 403 / 404 / 409). */
export type LayoutErrorKind = 'invalid' | 'forbidden' | 'notFound' | 'conflict';

/** A refusal whose message is written for the person who asked: it is shown as is. */
export class LayoutError extends Error {
  constructor(
    readonly kind: LayoutErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'LayoutError';
  }
}

export function notFound(id: string): LayoutError {
  return new LayoutError('notFound', `The layout "${id}" does not exist.`);
}
