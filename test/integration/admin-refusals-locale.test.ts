import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  loggedIn,
  startAccessApp,
  startWith,
  TEST_AUTH,
  type AccessApp,
  type ApiClient,
} from '../support/access-app.ts';

/** The refusals an administration screen shows, in the language of whoever asked. */
describe('refusals of the administration', () => {
  let app: AccessApp;
  let admin: ApiClient;
  let ids: Map<string, string>;
  beforeAll(async () => {
    app = await startAccessApp({ redisUrl: inject('redisUrl'), auth: { ...TEST_AUTH, defaultLocale: 'en' } });
    ids = await startWith(app, [
      ['olga', 'owner'],
      ['ewa', 'administrator'],
      ['jan', 'agent'],
    ]);
    admin = await loggedIn(app.url, 'ewa', 'ewa password 1');
  });
  afterAll(() => app.close());

  it('speak English to a user who chose it, as before', async () => {
    expect(await admin.call('POST', '/api/users', newUser('jan'))).toMatchObject({
      status: 409,
      body: { error: 'The username jan is taken.' },
    });
  });

  it('speak Polish to a user who chose it, the roles named in Polish', async () => {
    expect((await admin.call('PATCH', '/api/me', { locale: 'pl' })).status).toBe(200);
    expect(await admin.call('POST', '/api/users', newUser('jan'))).toMatchObject({
      status: 409,
      body: { error: 'Nazwa użytkownika jan jest już zajęta.' },
    });
    expect(
      await admin.call('POST', '/api/units', { name: 'Sprzedaż', administrators: [ids.get('jan')] }),
    ).toMatchObject({
      status: 400,
      body: { error: 'Użytkownik jan musi mieć rolę Administrator, zanim zostanie administratorem jednostki.' },
    });

    const agent = await loggedIn(app.url, 'jan', 'jan password 1');
    expect((await agent.call('PATCH', '/api/me', { locale: 'pl' })).status).toBe(200);
    expect(await agent.call('GET', '/api/users')).toMatchObject({
      status: 403,
      body: { error: 'To wymaga roli: właściciel lub administrator.' },
    });
  });
});

function newUser(username: string) {
  return { username, password: 'a long enough password', role: 'agent', interfaces: [] };
}
