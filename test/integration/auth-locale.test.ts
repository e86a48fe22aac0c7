import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SessionView } from '../../server/contract/accounts.ts';
import { ApiClient, loggedIn, startAccessApp, startWith, TEST_AUTH, type AccessApp } from '../support/access-app.ts';

const POLISH_BROWSER = { 'Accept-Language': 'pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7' };
const ENGLISH_BROWSER = { 'Accept-Language': 'en-GB,en;q=0.9' };

describe('the language of a visitor and of a user', () => {
  let app: AccessApp;
  beforeAll(async () => {
    app = await startAccessApp({ redisUrl: inject('redisUrl'), auth: { ...TEST_AUTH, defaultLocale: 'en' } });
    await startWith(app, [['anna', 'supervisor']]);
  });
  afterAll(() => app.close());

  it('greets a visitor in the installation’s language, whatever their browser asks for', async () => {
    const client = new ApiClient(app.url);
    const localeFor = async (headers: Record<string, string>) =>
      (await client.call<{ locale: string }>('GET', '/api/setup', undefined, headers)).body.locale;
    expect(await localeFor(POLISH_BROWSER)).toBe('en');
    expect(await localeFor({ 'Accept-Language': 'de-DE' })).toBe('en');
  });

  it('refuses a visitor in the installation’s language', async () => {
    const client = new ApiClient(app.url);
    const wrong = await client.call(
      'POST',
      '/api/session',
      { username: 'anna', password: 'not it at all' },
      POLISH_BROWSER,
    );
    expect(wrong).toMatchObject({ status: 401, body: { error: 'Wrong username or password.' } });
  });

  it('shows a user who has not chosen the installation’s language, then the one they save', async () => {
    const client = await loggedIn(app.url, 'anna', 'anna password 1');
    const before = await client.call<SessionView>('GET', '/api/session', undefined, POLISH_BROWSER);
    expect(before.body).toMatchObject({ locale: 'en', user: { locale: null } });

    const saved = await client.call<SessionView>('PATCH', '/api/me', { locale: 'pl' });
    expect(saved.body).toMatchObject({ locale: 'pl', user: { locale: 'pl' } });
    const after = await client.call<SessionView>('GET', '/api/session', undefined, ENGLISH_BROWSER);
    expect(after.body.locale).toBe('pl');

    const bad = await client.call('PATCH', '/api/me', { locale: 'de' });
    expect(bad.status).toBe(400);
    const reset = await client.call<SessionView>('PATCH', '/api/me', { locale: null });
    expect(reset.body).toMatchObject({ locale: 'en', user: { locale: null } });
  });
});

describe('without DEFAULT_LOCALE', () => {
  it('greets a visitor and shows a user in their browser’s language, and Polish when it asks for neither', async () => {
    const app = await startAccessApp({
      redisUrl: inject('redisUrl'),
      auth: { ...TEST_AUTH, defaultLocale: undefined },
    });
    try {
      await startWith(app, [['jan', 'agent']]);
      const visitor = new ApiClient(app.url);
      const wrong = await visitor.call('POST', '/api/session', { username: 'jan', password: 'not it' }, POLISH_BROWSER);
      expect(wrong).toMatchObject({ status: 401, body: { error: 'Nieprawidłowa nazwa użytkownika lub hasło.' } });
      const english = await visitor.call('GET', '/api/session', undefined, ENGLISH_BROWSER);
      expect(english).toMatchObject({ status: 401, body: { error: 'You are not logged in.' } });
      const client = await loggedIn(app.url, 'jan', 'jan password 1');
      const session = async (headers: Record<string, string>) =>
        (await client.call<SessionView>('GET', '/api/session', undefined, headers)).body.locale;
      expect(await session(ENGLISH_BROWSER)).toBe('en');
      expect(await session({ 'Accept-Language': 'fr' })).toBe('pl');
    } finally {
      await app.close();
    }
  });
});
