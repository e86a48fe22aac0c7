import { describe, expect, it } from 'vitest';
import { callbackWords } from '../../../server/contract/callback-words.ts';
import { CALLBACK_ERRORS, CALLBACK_MESSAGES } from '../../../server/contract/callbacks.ts';

describe('the callback refusals and failures in the reader’s language', () => {
  it('says them in Polish, with the name of who is already calling back', () => {
    expect(callbackWords(CALLBACK_ERRORS.agentQueue, 'pl')).toBe(
      'Agenci oddzwaniają tylko do dzwoniących do ich własnych kolejek.',
    );
    expect(callbackWords(`Sue ${CALLBACK_ERRORS.claimed}`, 'pl')).toBe('Sue już oddzwania do tego dzwoniącego.');
    expect(callbackWords(CALLBACK_MESSAGES.phoneBusy, 'pl')).toBe('Twój telefon jest zajęty.');
  });

  it('has every one in Polish, and each in English as the service words it', () => {
    const { claimed, ...sentences } = CALLBACK_ERRORS;
    expect(callbackWords(`Sue ${claimed}`, 'en')).toBe(`Sue ${claimed}`);
    for (const text of [...Object.values(sentences), ...Object.values(CALLBACK_MESSAGES)]) {
      expect(callbackWords(text, 'en')).toBe(text);
      expect(callbackWords(text, 'pl')).not.toBe(text);
    }
  });

  it('leaves a text it does not know as it is', () => {
    expect(callbackWords('Originate failed: 7', 'pl')).toBe('Originate failed: 7');
  });
});
