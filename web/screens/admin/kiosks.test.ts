import { describe, expect, it } from 'vitest';
import { kioskToken } from '../route.ts';
import { kioskUrl } from './kiosks.ts';

describe('kiosk links', () => {
  it('is a full URL whose token the app reads back', () => {
    const url = kioskUrl('https://board.example', 'a+b/c');
    expect(url).toBe('https://board.example/?kiosk=a%2Bb%2Fc');
    expect(kioskToken(new URL(url).search)).toBe('a+b/c');
  });
});
