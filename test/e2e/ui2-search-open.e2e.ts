/**
 * Opening a search result of a room left long ago, in Chromium against headless mode and a
 * real IRC server (ngIRCd), with bob on a raw socket: after "Leave room" the room has no
 * tab, its result still opens it (read-only, not joined) at bob's message, focused, and
 * the network sees no JOIN from alice. On the way, the arrow keys move between results and
 * the Sender filter narrows them.
 */
import { expect, test } from '@playwright/test';
import { addIrcAccount, expectIrcAccount } from './ircAccountDialog.js';
import { ircScene, joinRoom, screenshot } from './scenes.js';

const scene = ircScene('#archive');

test('a result in a left room opens it at the message, focused, without joining it again', async ({ page }) => {
  const { core, irc, bob } = scene();
  await page.goto(core.url);
  await addIrcAccount(page, { nick: 'alice', port: irc.port });
  await expectIrcAccount(page, 'alice', 'Online');
  await joinRoom(page, '#archive');
  await bob.waitForLine(/:alice!\S+ JOIN :?#archive/);
  const log = page.getByRole('log', { name: 'Messages in #archive' });
  bob.send('PRIVMSG #archive :the quokka minutes are ready');
  for (let line = 1; line <= 5; line++) bob.send(`PRIVMSG #archive :later line ${line}`);
  await expect(log).toContainText('later line 5');

  await page.getByRole('button', { name: 'Leave room' }).click();
  await page.getByRole('dialog', { name: 'Leave room' }).getByRole('button', { name: 'Leave', exact: true }).click();
  await bob.waitForLine(/:alice!\S+ PART #archive\b/);
  const tabs = page.getByRole('tablist', { name: 'Conversations' });
  await expect(tabs.getByRole('tab', { name: '#archive' })).toHaveCount(0);
  const linesBefore = bob.lines.length;

  const box = page.getByRole('searchbox', { name: 'Search messages' });
  const results = page.getByRole('list', { name: 'Search results' });
  // The arrow keys move between results.
  await box.fill('later line');
  await box.press('Enter');
  await expect(results.getByRole('button')).toHaveCount(5);
  await results.getByRole('button').first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(results.getByRole('button').nth(1)).toBeFocused();

  // Filters narrow in the core: nobody called carol wrote it; bob did.
  await page.getByText('Filters', { exact: true }).click();
  const sender = page.getByRole('textbox', { name: 'Sender' });
  await sender.fill('carol');
  await box.fill('quokka');
  await box.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'No messages found' })).toBeVisible();
  await sender.fill('BOB');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const result = results.getByRole('button', { name: /bob.*the quokka minutes are ready/ });
  await expect(result).toBeEnabled();
  await screenshot(page, 'ui2-search-filters.png');
  await result.focus();
  await page.keyboard.press('Enter');

  await expect(tabs.getByRole('tab', { name: '#archive' })).toHaveAttribute('aria-selected', 'true');
  const message = log.locator('.message.focused');
  await expect(message).toContainText('the quokka minutes are ready');
  await expect(message).toBeFocused();
  await expect(message).toBeInViewport();
  await expect(log).toContainText('later line 5'); // the messages around it are loaded too
  // Read-only: no composer, joining again is a button of its own.
  await expect(page.getByText('You are not in this room: its history is shown read-only.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Join room again' })).toBeVisible();
  await screenshot(page, 'ui2-search-open-left-room.png');

  // The show request answers once the core is done, so a JOIN it sent would be complete by
  // now: the channel's names, asked for after, would list alice, and bob would have seen it.
  bob.send('NAMES #archive');
  const names = await bob.waitForLine(/ 353 bob [=*@] #archive :/);
  expect(names.split(':').pop()?.split(' ')).not.toContain('alice');
  expect(bob.lines.slice(linesBefore).filter((line) => / JOIN :?#archive/.test(line))).toEqual([]);
});
