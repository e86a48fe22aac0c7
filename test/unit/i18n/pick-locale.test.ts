import { describe, expect, it } from 'vitest';
import { localeOfAcceptLanguage, pickLocale } from '../../../server/contract/locale.ts';

const POLISH_BROWSER = 'pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7';

describe('the language the product speaks to someone', () => {
  it('is the one saved with the account, whatever the installation or the browser say', () => {
    expect(pickLocale({ saved: 'en', defaultLocale: 'pl', acceptLanguage: POLISH_BROWSER })).toBe('en');
  });

  it('is DEFAULT_LOCALE for anyone without a saved one, the login page included, before the browser', () => {
    expect(pickLocale({ defaultLocale: 'en', acceptLanguage: POLISH_BROWSER })).toBe('en');
    expect(pickLocale({ saved: null, defaultLocale: 'pl', acceptLanguage: 'en-GB' })).toBe('pl');
  });

  it('follows the browser only where DEFAULT_LOCALE is not set, and is Polish when the browser asks for neither', () => {
    expect(pickLocale({ acceptLanguage: 'en-GB,en;q=0.9' })).toBe('en');
    expect(pickLocale({ acceptLanguage: 'fr-FR' })).toBe('pl');
    expect(pickLocale({})).toBe('pl');
  });

  it('reads the first spoken language of Accept-Language by weight', () => {
    expect(localeOfAcceptLanguage('de-DE,de;q=0.9,en;q=0.3,pl;q=0.5')).toBe('pl');
    expect(localeOfAcceptLanguage('en;q=0,pl;q=0.1')).toBe('pl');
    expect(localeOfAcceptLanguage('de')).toBeNull();
  });
});
