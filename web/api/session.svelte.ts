import type { MeUpdate, SessionView } from '../../server/contract/accounts.ts';
import type { Locale } from '../../server/contract/locale.ts';
import { loginChoice, useLocale } from '../i18n/locale.svelte.ts';
import { request, setCsrfToken, type ApiAnswer } from './request.ts';

/** Where a browser stands: still asking, first start (no owner yet), logged out, or logged in. */
export type SessionPhase = 'loading' | 'setup' | 'login' | 'in';

/**
 * The signed-in user of this tab. The session itself is an httpOnly cookie the server sets; this keeps who it is and
 * the CSRF token that every change must carry.
 */
export class Session {
  phase = $state<SessionPhase>('loading');
  view = $state.raw<SessionView | null>(null);
  /** Why the last attempt failed, or why the user was sent back to the login screen. */
  error = $state<string | null>(null);
  busy = $state(false);

  async load(): Promise<void> {
    const answer = await request<SessionView>('GET', '/api/session');
    if (answer.result.ok) return this.#enter(answer.result.data);
    const setup = await request<{ needed: boolean; locale: Locale }>('GET', '/api/setup');
    // The login page speaks the language picked with its switch in this browser, else the one the server chose.
    const locale = loginChoice() ?? (setup.result.ok ? setup.result.data.locale : null);
    if (locale) useLocale(locale);
    this.phase = setup.result.ok && setup.result.data.needed ? 'setup' : 'login';
    if (answer.status !== 401 && !setup.result.ok) this.error = answer.result.error;
  }

  login(username: string, password: string): Promise<boolean> {
    return this.#submit(request<SessionView>('POST', '/api/session', { username, password }));
  }

  setup(username: string, password: string, displayName: string): Promise<boolean> {
    const body = { username, password, ...(displayName.trim() && { displayName: displayName.trim() }) };
    return this.#submit(request<SessionView>('POST', '/api/setup', body));
  }

  /** Saves a change of the user's own settings (`PATCH /api/me`); the error to show, or null when it is saved. */
  async updateMe(change: MeUpdate): Promise<string | null> {
    const answer = await request<SessionView>('PATCH', '/api/me', change);
    if (!answer.result.ok) return answer.result.error;
    this.#enter(answer.result.data);
    return null;
  }

  async logout(): Promise<void> {
    await request('DELETE', '/api/session');
    this.ended(null);
  }

  /** The server ended the session (revoked, expired): back to the login screen, saying why. */
  ended(reason: string | null): void {
    setCsrfToken(null);
    this.view = null;
    this.error = reason;
    this.phase = 'login';
  }

  async #submit(pending: Promise<ApiAnswer<SessionView>>): Promise<boolean> {
    this.busy = true;
    this.error = null;
    const answer = await pending;
    this.busy = false;
    if (!answer.result.ok) {
      this.error = answer.result.error;
      return false;
    }
    this.#enter(answer.result.data);
    return true;
  }

  #enter(view: SessionView): void {
    useLocale(view.locale);
    setCsrfToken(view.csrfToken);
    this.view = view;
    this.error = null;
    this.phase = 'in';
  }
}
