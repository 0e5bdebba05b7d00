/**
 * Keyboard first, end to end in Chromium against headless mode and ngIRCd with a raw client
 * (bob): the tab shortcuts (Ctrl+Tab, Ctrl+Shift+Tab, Ctrl+PageUp/PageDown, Alt+1…9,
 * Ctrl+Shift+PageUp to move a tab, Ctrl+W to close one — without leaving the room), the
 * "Switch to" dialog (Ctrl+K: fuzzy name, arrows, Enter), Ctrl+F to search, and F6 through
 * the window's regions.
 */
import { expect, test, type Page } from '@playwright/test';
import { addIrcAccount, expectIrcAccount } from './ircAccountDialog.js';
import { ircScene, joinRoom, screenshot } from './scenes.js';

const scene = ircScene('#one');

function tabNames(page: Page): Promise<string[]> {
  return page.getByRole('tablist', { name: 'Conversations' }).getByRole('tab').evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute('aria-label') ?? ''));
}

async function expectSelected(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
}

/** Which region holds the focus, as F6 names them. */
function focusedRegion(page: Page): Promise<string> {
  return page.evaluate(() => {
    const focused = document.activeElement;
    if (!focused) return 'none';
    if (focused.closest('aside.sidebar')) return 'buddy list';
    if (focused.closest('[role="tablist"]')) return 'tabs';
    if (focused.closest('[role="log"]')) return 'timeline';
    if (focused.closest('.composer')) return 'composer';
    return focused.tagName;
  });
}

test('tab shortcuts, "Switch to" and F6 work from the keyboard alone', async ({ page }) => {
  const { core, irc, bob } = scene();
  await page.goto(core.url);
  await addIrcAccount(page, { nick: 'alice', port: irc.port });
  await expectIrcAccount(page, 'alice', 'Online');
  for (const room of ['#one', '#two', '#three']) await joinRoom(page, room);
  await expectSelected(page, '#three');
  expect(await tabNames(page)).toEqual(['#one', '#two', '#three']);

  await page.keyboard.press('Control+Tab');
  await expectSelected(page, '#one');
  await page.keyboard.press('Control+Shift+Tab');
  await expectSelected(page, '#three');
  await page.keyboard.press('Control+PageUp');
  await expectSelected(page, '#two');
  await page.keyboard.press('Control+PageDown');
  await expectSelected(page, '#three');
  await page.keyboard.press('Alt+1');
  await expectSelected(page, '#one');
  await page.keyboard.press('Alt+9');
  await expectSelected(page, '#three');

  await page.keyboard.press('Control+Shift+PageUp');
  await expect.poll(() => tabNames(page)).toEqual(['#one', '#three', '#two']);
  await expectSelected(page, '#three');

  // Ctrl+W closes the tab only: still in #three, as bob's NAMES shows.
  await page.keyboard.press('Control+w');
  await expect(page.getByRole('tab', { name: '#three' })).toHaveCount(0);
  bob.send('NAMES #three');
  await bob.waitForLine(/ 353 bob [=*@] #three :.*\balice\b/);
  expect(bob.lines.filter((line) => / PART #three\b/.test(line))).toEqual([]);

  // "Switch to": a fuzzy name finds the closed room and reopens its tab.
  bob.send('PRIVMSG alice :are you there?');
  await expect(page.getByRole('tab', { name: 'bob', exact: true })).toHaveCount(1);
  await page.keyboard.press('Control+k');
  const switcher = page.getByRole('dialog', { name: 'Switch to' });
  const input = switcher.getByRole('combobox', { name: 'Buddy, person or room' });
  await expect(input).toBeFocused();
  await input.fill('thre');
  await expect(switcher.getByRole('option').first()).toContainText('#three');
  await screenshot(page, 'ui2-switch-to.png');
  await input.press('Enter');
  await expect(switcher).toBeHidden();
  await expectSelected(page, '#three');

  // Arrows choose among matches; an empty query lists the most recent first (bob wrote last).
  await page.keyboard.press('Control+k');
  await expect(switcher.getByRole('option').first()).toContainText('bob');
  await input.fill('o');
  const options = switcher.getByRole('option');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await input.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await input.fill('nothing like this');
  await expect(switcher.getByRole('status')).toHaveText('Nothing called “nothing like this”');
  await input.press('Escape');
  await expect(switcher).toBeHidden();

  await page.keyboard.press('Control+f');
  await expect(page.getByRole('searchbox', { name: 'Search messages' })).toBeFocused();

  await page.getByRole('textbox', { name: 'Message', exact: true }).focus();
  const visited: string[] = [];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('F6');
    visited.push(await focusedRegion(page));
  }
  expect(visited).toEqual(['buddy list', 'tabs', 'timeline', 'composer']);
  await page.keyboard.press('Shift+F6');
  expect(await focusedRegion(page)).toBe('timeline');
});
