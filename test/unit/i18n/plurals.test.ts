import { describe, expect, it } from 'vitest';
import { m } from '../../../server/contract/messages/messages.js';

const COUNTS = [0, 1, 2, 5, 12, 22, 25, 101, 112, 1.5];

describe('Polish plurals through the catalogue’s plural rules', () => {
  it('writes calls in the form each count takes, a fraction with a decimal comma', () => {
    expect(COUNTS.map((count) => m.common_calls_count({ count }, { locale: 'pl' }))).toEqual([
      '0 połączeń',
      '1 połączenie',
      '2 połączenia',
      '5 połączeń',
      '12 połączeń',
      '22 połączenia',
      '25 połączeń',
      '101 połączeń',
      '112 połączeń',
      '1,5 połączenia',
    ]);
  });

  it('writes minutes and agents the same way', () => {
    expect(COUNTS.map((count) => m.common_minutes_count({ count }, { locale: 'pl' }))).toEqual([
      '0 minut',
      '1 minuta',
      '2 minuty',
      '5 minut',
      '12 minut',
      '22 minuty',
      '25 minut',
      '101 minut',
      '112 minut',
      '1,5 minuty',
    ]);
    expect(COUNTS.map((count) => m.common_agents_count({ count }, { locale: 'pl' }))).toEqual([
      '0 agentów',
      '1 agent',
      '2 agentów',
      '5 agentów',
      '12 agentów',
      '22 agentów',
      '25 agentów',
      '101 agentów',
      '112 agentów',
      '1,5 agenta',
    ]);
  });

  it('has one and other in English, with a decimal point', () => {
    expect([0, 1, 2, 1.5].map((count) => m.common_calls_count({ count }, { locale: 'en' }))).toEqual([
      '0 calls',
      '1 call',
      '2 calls',
      '1.5 calls',
    ]);
  });

  it('counts the characters left in a chat message, and those over its limit', () => {
    const whole = COUNTS.filter(Number.isInteger);
    expect(whole.map((count) => m.chat_characters_left({ count }, { locale: 'pl' }))).toEqual([
      'Zostało 0 znaków',
      'Został 1 znak',
      'Zostały 2 znaki',
      'Zostało 5 znaków',
      'Zostało 12 znaków',
      'Zostały 22 znaki',
      'Zostało 25 znaków',
      'Zostało 101 znaków',
      'Zostało 112 znaków',
    ]);
    expect([1, 3, 500].map((count) => m.chat_too_long({ count, max: 2000 }, { locale: 'pl' }))).toEqual([
      'O 1 znak za dużo: limit wiadomości to 2000.',
      'O 3 znaki za dużo: limit wiadomości to 2000.',
      'O 500 znaków za dużo: limit wiadomości to 2000.',
    ]);
  });
});
