/**
 * The outbox and message search end to end, in Chromium against headless mode and a real
 * IRC server (ngIRCd), with an independent raw client on the other side: messages written
 * while the account is offline are shown as queued and reach the channel once each, in
 * order, after Connect; a search finds a word of the conversation and marks it.
 */
import { expect, test, type Page } from '@playwright/test';
import { addIrcAccount, ircAccountItem } from './ircAccountDialog.js';
import { ircScene, joinRoom, screenshot } from './scenes.js';

const scene = ircScene('#outbox');

async function addAccountAndJoin(page: Page, nick: string, room: string): Promise<void> {
  const { irc } = scene();
  await addIrcAccount(page, { nick, port: irc.port });
  await expect(ircAccountItem(page, nick)).toContainText('Online');
  await joinRoom(page, room);
}

/** The channel messages bob received from alice, in order. */
function privmsgsFromAlice(): string[] {
  const { bob } = scene();
  return bob.lines.filter((line) => /^:alice!\S+ PRIVMSG #outbox :/.test(line)).map((line) => line.replace(/^.*? PRIVMSG #outbox :/, ''));
}

test('messages written while offline are queued, then sent once each, in order, after Connect', async ({ page }) => {
  const { core, bob } = scene();
  await page.goto(core.url);
  await addAccountAndJoin(page, 'alice', '#outbox');
  await bob.waitForLine(/:alice!\S+ JOIN :?#outbox/);
  const log = page.getByRole('log', { name: 'Messages in #outbox' });
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });

  // A word to search for later, from the other side.
  bob.send('PRIVMSG #outbox :the quokka is a small marsupial');
  await expect(log).toContainText('the quokka is a small marsupial');

  const alice = ircAccountItem(page, 'alice');
  await alice.getByRole('button', { name: 'Disconnect' }).click();
  await expect(alice).toContainText('Offline');
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
  expect(privmsgsFromAlice()).toEqual([]);

  await alice.getByRole('button', { name: 'Connect' }).click();
  await expect(alice).toContainText('Online');
  await bob.waitForLine(/:alice!\S+ PRIVMSG #outbox :first while offline$/);
  await bob.waitForLine(/:alice!\S+ PRIVMSG #outbox :second while offline$/);
  await expect(first).toHaveClass(/status-sent/);
  await expect(second).toHaveClass(/status-sent/);
  await expect(first).not.toContainText('queued');
  await expect(second).not.toContainText('queued');
  await expect(page.getByText('Offline: messages will be sent when alice (IRC) reconnects')).toBeHidden();

  // Once each: a moment later there is still exactly one of each, in the order written.
  await page.waitForTimeout(1000);
  expect(privmsgsFromAlice()).toEqual(['first while offline', 'second while offline']);
});

test('a search finds a word of the conversation and marks it in the results', async ({ page }) => {
  const { core } = scene();
  await page.goto(core.url);
  await expect(ircAccountItem(page, 'alice')).toContainText('Online');
  const search = page.getByRole('searchbox', { name: 'Search messages' });
  await search.fill('quokka');
  await search.press('Enter');
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results).toContainText('#outbox');
  await expect(results).toContainText('bob');
  await expect(results.locator('mark')).toHaveText(['quokka']);
  await screenshot(page, 'ui2-search.png');

  await results.getByRole('button', { name: /quokka/ }).click();
  await expect(page.getByRole('tab', { name: '#outbox' })).toHaveAttribute('aria-selected', 'true');
  const line = page.getByRole('log', { name: 'Messages in #outbox' }).locator('.message').filter({ hasText: 'the quokka is a small marsupial' });
  await expect(line).toBeFocused();

  await search.fill('wombat');
  await search.press('Enter');
  await expect(page.getByText('No messages found')).toBeVisible();
});
