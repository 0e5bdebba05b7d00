/**
 * Unread messages end to end, in Chromium against headless mode and ngIRCd with a raw
 * client (bob): the "New messages" line above the first unread message when a room is
 * opened, "Jump to first unread" when the line is out of view, and marking read only what
 * was seen (a log scrolled up keeps counting; scrolling down marks it read with a line).
 */
import { expect, test, type Page } from '@playwright/test';
import { addIrcAccount, expectIrcAccount } from './ircAccountDialog.js';
import { ircScene, joinRoom, screenshot } from './scenes.js';

const scene = ircScene('#one');

/** The text of the message right after the "New messages" line. */
function afterLine(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('.new-messages')?.nextElementSibling?.textContent ?? null);
}

test('a "New messages" line, a jump to it, and read only when seen', async ({ page }) => {
  const { core, irc, bob } = scene();
  await page.goto(core.url);
  await addIrcAccount(page, { nick: 'alice', port: irc.port });
  await expectIrcAccount(page, 'alice', 'Online');
  await joinRoom(page, '#one');
  await expect(page.getByRole('tab', { name: '#one', exact: true })).toHaveAttribute('aria-selected', 'true');
  bob.send('PRIVMSG #one :read before');
  await expect(page.getByRole('log', { name: 'Messages in #one' })).toContainText('read before');
  await joinRoom(page, '#two');

  for (const text of ['first unread', 'second unread', 'third unread']) bob.send(`PRIVMSG #one :${text}`);
  const oneTab = page.getByRole('tab', { name: '#one', exact: true });
  await expect(oneTab).toContainText('3 unread');
  await oneTab.click();
  const line = page.getByRole('separator', { name: 'New messages' });
  await expect(line).toBeVisible();
  expect(await afterLine(page)).toContain('first unread');
  await expect(oneTab).not.toContainText('unread');
  await screenshot(page, 'ui2-new-messages.png');

  // Seen while shown: no new line, the old one keeps its place.
  bob.send('PRIVMSG #one :while looking');
  await expect(page.getByRole('log', { name: 'Messages in #one' })).toContainText('while looking');
  await expect(line).toHaveCount(1);
  expect(await afterLine(page)).toContain('first unread');

  // Another room and back: read, so no line.
  await page.getByRole('tab', { name: '#two', exact: true }).click();
  await oneTab.click();
  await expect(line).toHaveCount(0);

  // Many unread: the line is above the view; "Jump to first unread" brings it back.
  await page.getByRole('tab', { name: '#two', exact: true }).click();
  for (let i = 1; i <= 60; i++) bob.send(`PRIVMSG #one :backlog line ${i} ${'with some words to make it long '.repeat(3)}`);
  await expect(oneTab).toContainText('60 unread');
  await oneTab.click();
  const jump = page.getByRole('button', { name: 'Jump to first unread' });
  await expect(jump).toBeVisible();
  await jump.click();
  await expect(line).toBeInViewport();
  expect(await afterLine(page)).toContain('backlog line 1 ');
  await expect(jump).toBeHidden();

  // Scrolled up (after a visit elsewhere, so no line yet): what arrives is not seen, so it
  // stays unread until the user scrolls down, and then a line marks it.
  await page.getByRole('tab', { name: '#two', exact: true }).click();
  await oneTab.click();
  await expect(line).toHaveCount(0);
  await page.locator('.log-scroll').evaluate((element) => { element.scrollTop = 0; });
  // The log learns it is no longer at the bottom from the scroll event, in a later frame: a
  // message arriving before that counts as seen, as it would for a user still at the bottom.
  await expect.poll(() => page.locator('.log-scroll').evaluate((element) => new Promise<number>((resolve) => {
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(element.scrollTop)));
  }))).toBe(0);
  bob.send('PRIVMSG #one :while scrolled up');
  await expect(oneTab).toContainText('1 unread');
  // The log is windowed: rows not yet measured are estimates, so the bottom may move as
  // rows appear; scroll down again until it is reached, as a user would.
  await expect(async () => {
    await page.locator('.log-scroll').evaluate((element) => { element.scrollTop = element.scrollHeight; });
    await expect(oneTab).not.toContainText('unread', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  expect(await afterLine(page)).toContain('while scrolled up');
});
