/** The address a wall TV opens: the board's own origin with the token, so that it works wherever the board is served. */
export function kioskUrl(origin: string, token: string): string {
  return `${origin}/?kiosk=${encodeURIComponent(token)}`;
}
