import { describe, expect, it } from 'vitest';
import { errorMessage } from './request.ts';

describe('errorMessage', () => {
  it("passes on the server's own message", () => {
    expect(errorMessage(409, { ok: false, error: 'anna saved this layout first' })).toBe(
      'anna saved this layout first',
    );
  });

  it('names the status when the body says nothing', () => {
    expect(errorMessage(502, undefined)).toBe('The server answered 502: try again.');
    expect(errorMessage(500, { message: 'x' })).toBe('The server answered 500: try again.');
  });
});
