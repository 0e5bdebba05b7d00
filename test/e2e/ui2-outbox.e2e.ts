/**
 * The outbox and message search end to end, in Chromium against headless mode and a real
 * IRC server (ngIRCd), with an independent raw client on the other side: messages written
 * while the account is offline are shown as queued and reach the channel once each, in
 * order, after Connect; a search finds a word of the conversation and marks it. Each test
 * adds its own account and joins its own channel, so either runs alone.
 */
import { expect, test, type Page } from '@playwright/test';
import { accountRow, closeAccounts, openAccounts } from './accountsDialog.js';
import { addIrcAccount, expectIrcAccount, ircAccountLabel } from './ircAccountDialog.js';
import { ircScene, joinRoom, screenshot } from './scenes.js';

const scene = ircScene('#outbox');

/** Adds an IRC account for `nick`, waits until it is online, and joins `room` on it. */
async function addAccountAndJoin(page: Page, nick: string, room: string): Promise<void> {
  const { irc } = scene();
  await addIrcAccount(page, { nick, port: irc.port });
  await expectIrcAccount(page, nick, 'Online');
  await joinRoom(page, room, ircAccountLabel(nick));
}

/** The messages bob received from `nick` in `channel`, in order. */
function privmsgsFrom(nick: string, channel: string): string[] {
  const { bob } = scene();
  const prefix = `:${nick}!`;
  const marker = ` PRIVMSG ${channel} :`;
  return bob.lines.filter((line) => line.startsWith(prefix) && line.includes(marker)).map((line) => line.slice(line.indexOf(marker) + marker.length));
}

test('messages written while offline are queued, then sent once each, in order, after Connect', async ({ page }) => {
  const { core, bob } = scene();
  await page.goto(core.url);
  await addAccountAndJoin(page, 'alice', '#outbox');
  await bob.waitForLine(/:alice!\S+ JOIN :?#outbox/);
  const log = page.getByRole('log', { name: 'Messages in #outbox' });
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });

  await openAccounts(page);
  const alice = accountRow(page, ircAccountLabel('alice'));
  await alice.getByRole('checkbox', { name: 'Enabled' }).uncheck();
  await expect(alice).toContainText('Disabled');
  await closeAccounts(page);
  await expect(page.getByText('Offline: messages will be sent when alice (IRC) reconnects')).toBeVisible();

  await composer.fill('first while offline');
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  await composer.fill('second while offline');
  await composer.press('Enter');
  await expect(composer).toHaveValue('');

  const first = log.locator('.message').filter({ hasText: 'first while offline' });
  const second = log.locator('.message').filter({ hasText: 'second while offline' });
  await expect(first).toContainText('queued');
  await expect(second).toContainText('queued');
  await expect(first.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await screenshot(page, 'ui2-outbox-queued.png');
  expect(privmsgsFrom('alice', '#outbox')).toEqual([]);

  await openAccounts(page);
  await alice.getByRole('checkbox', { name: 'Enabled' }).check();
  await expect(alice).toContainText('Online');
  await closeAccounts(page);
  await bob.waitForLine(/:alice!\S+ PRIVMSG #outbox :first while offline$/);
  await bob.waitForLine(/:alice!\S+ PRIVMSG #outbox :second while offline$/);
  await expect(first).toHaveClass(/status-sent/);
  await expect(second).toHaveClass(/status-sent/);
  await expect(first).not.toContainText('queued');
  await expect(second).not.toContainText('queued');
  await expect(page.getByText('Offline: messages will be sent when alice (IRC) reconnects')).toBeHidden();

  // Once each: a message written after them, online, arrives after them; by then a second
  // copy of either would have gone out too (the outbox sends in order, one at a time).
  await composer.fill('third, written online');
  await composer.press('Enter');
  await bob.waitForLine(/:alice!\S+ PRIVMSG #outbox :third, written online$/);
  await expect(log.locator('.message').filter({ hasText: 'third, written online' })).toHaveClass(/status-sent/);
  expect(privmsgsFrom('alice', '#outbox')).toEqual(['first while offline', 'second while offline', 'third, written online']);
});

test('a search finds a word of the conversation and marks it in the results', async ({ page }) => {
  const { core, bob } = scene();
  await page.goto(core.url);
  bob.send('JOIN #search');
  await bob.waitForLine(/ 366 bob #search /);
  await addAccountAndJoin(page, 'carol', '#search');
  await bob.waitForLine(/:carol!\S+ JOIN :?#search/);
  // A word to search for, from the other side.
  bob.send('PRIVMSG #search :the quokka is a small marsupial');
  await expect(page.getByRole('log', { name: 'Messages in #search' })).toContainText('the quokka is a small marsupial');

  // From a fresh window, as after a restart of the UI: the search finds the stored message.
  await page.goto(core.url);
  await expectIrcAccount(page, 'carol', 'Online');
  const search = page.getByRole('searchbox', { name: 'Search messages' });
  await search.fill('quokka');
  await search.press('Enter');
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results).toContainText('#search');
  await expect(results).toContainText('bob');
  await expect(results.locator('mark')).toHaveText(['quokka']);
  await screenshot(page, 'ui2-search.png');

  await results.getByRole('button', { name: /quokka/ }).click();
  await expect(page.getByRole('tab', { name: '#search' })).toHaveAttribute('aria-selected', 'true');
  const line = page.getByRole('log', { name: 'Messages in #search' }).locator('.message').filter({ hasText: 'the quokka is a small marsupial' });
  await expect(line).toBeFocused();

  await search.fill('wombat');
  await search.press('Enter');
  await expect(page.getByText('No messages found')).toBeVisible();
});
