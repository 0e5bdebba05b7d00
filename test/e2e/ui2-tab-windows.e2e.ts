/**
 * Tabs in order and in windows, end to end in Chromium against headless mode and ngIRCd with
 * a raw client (bob): tabs reordered with the mouse, with the keyboard (Space, arrows, Space;
 * announced) and with Ctrl+Shift+PageDown keep their order after a reload; "Move to new
 * window" opens a second window (its own bridge session) with the tab, a message sent in
 * either window shows in the other, "Move to main window" brings the tab back, and closing
 * a moved-to window gives its tabs back to the main window (also after the main window was
 * reloaded, when it has no handle on the other window any more).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addIrcAccount, expectIrcAccount } from './ircAccountDialog.js';
import { ircScene, joinRoom, screenshot } from './scenes.js';

const scene = ircScene('#one');

function tabNames(page: Page): Promise<string[]> {
  return page.getByRole('tablist', { name: 'Conversations' }).getByRole('tab').evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute('aria-label') ?? ''));
}

function tab(page: Page, name: string): Locator {
  return page.getByRole('tablist', { name: 'Conversations' }).getByRole('tab', { name, exact: true });
}

/** Drags one tab onto another with the mouse, in small steps as a hand would. */
async function dragTab(page: Page, from: string, to: string): Promise<void> {
  const source = await tab(page, from).boundingBox();
  const target = await tab(page, to).boundingBox();
  if (!source || !target) throw new Error('the tabs are not on screen');
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + source.width / 2 + 10, source.y + source.height / 2, { steps: 3 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 10 });
  await page.mouse.up();
}

async function openTabMenu(page: Page, name: string): Promise<Locator> {
  await tab(page, name).click({ button: 'right' });
  const menu = page.getByRole('menu', { name: `Tab ${name}` });
  await expect(menu).toBeVisible();
  return menu;
}

/** axe-core (WCAG 2.x A and AA) on the page as it is: no serious or critical violation. */
async function expectNoSeriousViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const blocking = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
  expect(blocking).toEqual([]);
}

test('tabs reordered with the mouse and the keyboard keep their order after a reload', async ({ page }) => {
  const { core, irc } = scene();
  await page.goto(core.url);
  await addIrcAccount(page, { nick: 'alice', port: irc.port });
  await expectIrcAccount(page, 'alice', 'Online');
  for (const room of ['#one', '#two', '#three']) await joinRoom(page, room);
  await expect.poll(() => tabNames(page)).toEqual(['#one', '#two', '#three']);

  await dragTab(page, '#three', '#one');
  await expect.poll(() => tabNames(page)).toEqual(['#three', '#one', '#two']);

  // The keyboard: Space picks the focused tab up, an arrow moves it, Space drops it; each step is announced.
  await tab(page, '#one').click();
  await expect(tab(page, '#one')).toBeFocused();
  await page.keyboard.press('Space');
  // The tab strip's live region (the buddy list has its own).
  const announcer = page.locator('[id^="DndLiveRegion-"]').filter({ hasText: 'tab #one' });
  await expect(announcer).toContainText('Picked up tab #one, at position 2 of 3.');
  await page.keyboard.press('ArrowRight');
  await expect(announcer).toContainText('Tab #one is over position 3 of 3.', { ignoreCase: true });
  await page.keyboard.press('Space');
  await expect(announcer).toContainText('Tab #one moved to position 3 of 3.', { ignoreCase: true });
  await expect.poll(() => tabNames(page)).toEqual(['#three', '#two', '#one']);

  // Firefox's shortcut moves the current tab.
  await tab(page, '#three').click();
  await page.keyboard.press('Control+Shift+PageDown');
  await expect.poll(() => tabNames(page)).toEqual(['#two', '#three', '#one']);
  await screenshot(page, 'ui2-tabs-reordered.png');

  await page.reload();
  await expect(tab(page, '#one')).toBeVisible();
  await expect.poll(() => tabNames(page)).toEqual(['#two', '#three', '#one']);
});

test('a tab moved into its own window stays in sync with the main window and comes back', async ({ page }) => {
  const { core, bob } = scene();
  await page.goto(core.url);
  await expect.poll(() => tabNames(page)).toEqual(['#two', '#three', '#one']);

  const opened = page.waitForEvent('popup');
  const tabMenu = await openTabMenu(page, '#one');
  await expect(tabMenu.getByRole('menuitem')).toHaveText(['Move to new window', 'Close tab']);
  await expectNoSeriousViolations(page);
  await screenshot(page, 'ui2-tab-menu.png');
  await tabMenu.getByRole('menuitem', { name: 'Move to new window' }).click();
  const other = await opened;
  await expect.poll(() => tabNames(other)).toEqual(['#one']);
  await expect.poll(() => tabNames(page)).toEqual(['#two', '#three']);
  await expect(tab(other, '#one')).toHaveAttribute('aria-selected', 'true');

  // The same conversation in both windows: open it again in the main one.
  await page.getByRole('list', { name: 'Contacts' }).getByRole('button', { name: '#one', exact: true }).click();
  await expect(tab(page, '#one')).toHaveAttribute('aria-selected', 'true');
  await other.getByRole('textbox', { name: 'Message', exact: true }).fill('written in the other window');
  await other.getByRole('textbox', { name: 'Message', exact: true }).press('Enter');
  await expect(page.getByRole('log', { name: 'Messages in #one' })).toContainText('written in the other window');
  await bob.waitForLine(/PRIVMSG #one :written in the other window/);
  await page.getByRole('textbox', { name: 'Message', exact: true }).fill('and an answer from the main window');
  await page.getByRole('textbox', { name: 'Message', exact: true }).press('Enter');
  await expect(other.getByRole('log', { name: 'Messages in #one' })).toContainText('and an answer from the main window');
  await screenshot(other, 'ui2-tab-own-window.png');

  // A reload keeps the window's own tabs.
  await other.reload();
  await expect(tab(other, '#one')).toBeVisible();
  expect(await tabNames(other)).toEqual(['#one']);

  // Back from the keyboard: the tab's menu (Shift+F10), "Move to main window"; the window closes with its last tab.
  await page.getByTitle('Close #one').click();
  await expect(tab(page, '#one')).toHaveCount(0);
  await tab(other, '#one').focus();
  await other.keyboard.press('Shift+F10');
  const menu = other.getByRole('menu', { name: 'Tab #one' });
  await expect(menu.getByRole('menuitem', { name: 'Move to main window' })).toBeFocused();
  const closed = other.waitForEvent('close');
  // Enter acts on keydown and the window closes at once: a press (down, then up) would send
  // its keyup to a closed page, which fails the test when the close wins that race (seen under load).
  await other.keyboard.down('Enter');
  await closed;
  await expect(tab(page, '#one')).toHaveAttribute('aria-selected', 'true');
  expect(await tabNames(page)).toEqual(['#two', '#three', '#one']);

  // Closing a moved-to window gives its tabs back.
  const second = page.waitForEvent('popup');
  await (await openTabMenu(page, '#two')).getByRole('menuitem', { name: 'Move to new window' }).click();
  const secondWindow = await second;
  await expect.poll(() => tabNames(secondWindow)).toEqual(['#two']);
  await secondWindow.close();
  await expect.poll(() => tabNames(page)).toEqual(['#two', '#three', '#one']);

  // The main window reloaded meanwhile: the other window tells it which tabs it holds, and
  // when it closes (the main window no longer has its handle) they come back all the same.
  const third = page.waitForEvent('popup');
  await (await openTabMenu(page, '#three')).getByRole('menuitem', { name: 'Move to new window' }).click();
  const thirdWindow = await third;
  await expect.poll(() => tabNames(thirdWindow)).toEqual(['#three']);
  await page.reload();
  await expect(tab(page, '#two')).toBeVisible();
  await expect.poll(() => tabNames(page)).toEqual(['#two', '#one']);
  await thirdWindow.close();
  await expect.poll(() => tabNames(page)).toEqual(['#two', '#three', '#one']);
});
