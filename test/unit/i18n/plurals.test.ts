import { describe, expect, it } from 'vitest';
import { m } from '../../../server/contract/messages/messages.js';

const COUNTS = [0, 1, 2, 5, 12, 22, 25, 101, 112, 1.5];

describe('Polish plurals through the catalogue’s plural rules', () => {
  it('writes layouts in the form each count takes, a fraction with a decimal comma', () => {
    expect(COUNTS.map((count) => m.admin_backup_layouts({ count }, { locale: 'pl' }))).toEqual([
      '0 układów',
      '1 układ',
      '2 układy',
      '5 układów',
      '12 układów',
      '22 układy',
      '25 układów',
      '101 układów',
      '112 układów',
      '1,5 układu',
    ]);
  });

  it('writes queues and users the same way', () => {
    expect(COUNTS.map((count) => m.board_more_queues({ count }, { locale: 'pl' }))).toEqual([
      '+0 kolejek więcej',
      '+1 kolejka więcej',
      '+2 kolejki więcej',
      '+5 kolejek więcej',
      '+12 kolejek więcej',
      '+22 kolejki więcej',
      '+25 kolejek więcej',
      '+101 kolejek więcej',
      '+112 kolejek więcej',
      '+1,5 kolejki więcej',
    ]);
    expect(COUNTS.map((count) => m.admin_backup_users({ count }, { locale: 'pl' }))).toEqual([
      '0 użytkowników',
      '1 użytkownik',
      '2 użytkowników',
      '5 użytkowników',
      '12 użytkowników',
      '22 użytkowników',
      '25 użytkowników',
      '101 użytkowników',
      '112 użytkowników',
      '1,5 użytkownika',
    ]);
  });

  it('has one and other in English, with a decimal point', () => {
    expect([0, 1, 2, 1.5].map((count) => m.admin_backup_layouts({ count }, { locale: 'en' }))).toEqual([
      '0 layouts',
      '1 layout',
      '2 layouts',
      '1.5 layouts',
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
