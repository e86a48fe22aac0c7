import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { SessionView, UserView } from '../../server/contract/accounts.ts';
import { TEST_OWNER } from '../support/board-app.ts';
import { browserApi, loggedInContext, startBrowserBoard, type BrowserBoard } from '../support/browser-board.ts';
import { readmeScreenshotPath } from '../support/screenshots.ts';

/**
 * Two people chatting in two real Chromium pages against the real server: the Owner writes, the agent sees the unread
 * marker and the message arrive live, answers, and the Owner sees the answer live. Saves the README's chat screenshot.
 */
const LAPTOP = { width: 1366, height: 768 };
const AGENT = { username: 'mia', displayName: 'Mia Novak', password: 'mia chat password' };
const COLLEAGUE = { username: 'leo', displayName: 'Leo Marsh', password: 'leo chat password' };

let board: BrowserBoard;

beforeAll(async () => {
  board = await startBrowserBoard({ redisUrl: inject('redisUrl'), prefix: 'e2e-chat', seed: 11 });
});

afterAll(async () => {
  await board?.close();
});

const loggedIn = (username: string, password: string): Promise<BrowserContext> =>
  loggedInContext(board, username, password, LAPTOP);

async function chatPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${board.app.url}/#/chat`);
  await page.getByRole('navigation', { name: 'Chat contacts' }).waitFor();
  return page;
}

const messages = (page: Page, name: string) => page.getByRole('log', { name: `Messages with ${name}` });

describe('chat in the browser', () => {
  it('one user sends, the other sees the unread marker and the message live, and answers', async () => {
    const ownerContext = await loggedIn(TEST_OWNER.username, TEST_OWNER.password);
    const api = <T>(method: string, url: string, data?: unknown) =>
      browserApi<T>(ownerContext, board.app.url, method, url, data);
    const ids: string[] = [];
    for (const user of [AGENT, COLLEAGUE]) {
      const created = await api<UserView>('POST', '/api/users', { ...user, role: 'agent' });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    const session = await api<SessionView>('GET', '/api/session');
    expect(
      (await api('POST', '/api/teams', { name: 'Sales floor', members: [session.body.user.id, ...ids] })).status,
    ).toBe(201);
    const owner = { page: await chatPage(ownerContext) };
    const agent = { page: await chatPage(await loggedIn(AGENT.username, AGENT.password)) };

    await owner.page.getByRole('button', { name: AGENT.displayName }).click();
    const box = owner.page.getByLabel(`Message to ${AGENT.displayName}`);
    await box.fill('Queue sales is filling up — can you log in to it?');
    await box.press('Enter');
    await messages(owner.page, AGENT.displayName).getByText('Queue sales is filling up').waitFor();
    expect(await box.inputValue()).toBe('');

    // Mia is on the chat screen with no conversation open: the marker shows on the menu and on the contact.
    const ownerName = 'owner';
    await agent.page.getByRole('button', { name: 'Chat 1 unread' }).waitFor();
    await agent.page.getByRole('button', { name: `${ownerName} 1 unread` }).click();
    await messages(agent.page, ownerName).getByText('Queue sales is filling up — can you log in to it?').waitFor();
    await expect.poll(() => agent.page.getByRole('button', { name: 'Chat', exact: true }).isVisible()).toBe(true);

    const reply = agent.page.getByLabel(`Message to ${ownerName}`);
    await reply.fill('Logging in now.');
    await agent.page.getByRole('button', { name: 'Send' }).click();
    await messages(owner.page, AGENT.displayName).getByText('Logging in now.').waitFor();

    // The team's room: Mia, on her conversation with the owner, gets the marker on the room.
    await owner.page.getByRole('button', { name: 'Sales floor' }).click();
    await owner.page.getByLabel('Message to Sales floor').fill('Thanks both. Breaks after the 11:00 peak, please.');
    await owner.page.getByLabel('Message to Sales floor').press('Enter');
    await agent.page.getByRole('button', { name: 'Sales floor 1 unread' }).waitFor();
    await agent.page.screenshot({ path: readmeScreenshotPath('chat.png') });
  });
});
