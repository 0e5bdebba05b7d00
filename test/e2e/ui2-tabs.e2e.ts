/**
 * Tabs and rooms end to end, in Chromium against headless mode and a real IRC server
 * (ngIRCd), with an independent raw client in the channel: closing a room's tab only closes
 * the tab (no PART; the room stays in the list and counts what bob writes; choosing it
 * reopens the tab), and "Leave room", once confirmed, parts the channel for real.
 */
import { expect, test } from '@playwright/test';
import { addIrcAccount, expectIrcAccount } from './ircAccountDialog.js';
import { ircScene, joinRoom, screenshot } from './scenes.js';

const scene = ircScene('#tabs');

test('closing a tab keeps the room joined and listed with its unread count; "Leave room" parts it after asking', async ({ page }) => {
  const { core, irc, bob } = scene();
  await page.goto(core.url);
  await addIrcAccount(page, { nick: 'alice', port: irc.port });
  await expectIrcAccount(page, 'alice', 'Online');
  await joinRoom(page, '#tabs');
  await bob.waitForLine(/:alice!\S+ JOIN :?#tabs/);
  const tabs = page.getByRole('tablist', { name: 'Conversations' });
  await expect(tabs.getByRole('tab', { name: '#tabs' })).toHaveAttribute('aria-selected', 'true');

  await page.getByTitle('Close #tabs').click();
  await expect(page.getByRole('tab', { name: '#tabs' })).toHaveCount(0);

  // Only a member of the channel receives what bob writes there: alice is still in it.
  bob.send('PRIVMSG #tabs :written while the tab is closed');
  bob.send('PRIVMSG #tabs :and once more');
  const listed = page.getByRole('list', { name: 'Contacts' }).getByRole('button', { name: '#tabs', exact: true });
  await expect(listed).toContainText('2 unread');
  await screenshot(page, 'ui2-tab-closed.png');
  expect(bob.lines.filter((line) => / PART #tabs\b/.test(line))).toEqual([]);

  await listed.click();
  await expect(tabs.getByRole('tab', { name: '#tabs' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('log', { name: 'Messages in #tabs' })).toContainText('written while the tab is closed');

  await page.getByRole('button', { name: 'Leave room' }).click();
  const dialog = page.getByRole('dialog', { name: 'Leave room' });
  await expect(dialog).toContainText('Leave #tabs? Others in the room will see that you left.');
  await screenshot(page, 'ui2-leave-room.png');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Leave room' }).click();
  await dialog.getByRole('button', { name: 'Leave', exact: true }).click();
  await expect(dialog).toBeHidden();
  await bob.waitForLine(/:alice!\S+ PART #tabs\b/);
  expect(bob.lines.filter((line) => / PART #tabs\b/.test(line))).toHaveLength(1);
  await expect(listed).toHaveCount(0);
  await expect(page.getByRole('tab', { name: '#tabs' })).toHaveCount(0);
});
