/**
 * "View log" end to end, in Chromium against headless mode (loopback plugin): opened from
 * the buddy list's row, the days with messages are listed with their counts and the newest
 * takes the focus; Enter reads it; "Find in this day" marks the words and narrows to them.
 * The conversation header's "View log" shows the same day.
 */
import { expect, test } from '@playwright/test';
import { loopbackScene, openLoopbackChat, screenshot } from './scenes.js';

const scene = loopbackScene();

test('view a buddy\'s log: the days, read one, find in it', async ({ page }) => {
  const { core } = scene();
  await page.goto(core.url);
  const { log, composer } = await openLoopbackChat(page);
  for (const text of ['the walrus of the log', 'a quiet penguin']) {
    await composer.fill(text);
    await composer.press('Enter');
    await expect(log.locator('.message').filter({ hasText: text })).toHaveCount(2); // mine and the echo
  }
  const stored = await log.locator('.message').count();

  await page.getByRole('group', { name: 'Manage Echo Bot' }).getByRole('button', { name: 'View log' }).click();
  const dialog = page.getByRole('dialog', { name: 'View log: Echo Bot' });
  const days = dialog.getByRole('list', { name: 'Days with messages' }).getByRole('button');
  await expect(days).toHaveCount(1);
  const today = await page.evaluate(() => new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date()));
  await expect(days.first()).toHaveAccessibleName(`${today}, ${stored} messages`);
  await expect(days.first()).toBeFocused();

  await page.keyboard.press('Enter');
  const messages = dialog.getByRole('list', { name: 'Messages of the day' });
  await expect(dialog.getByRole('heading', { name: today })).toBeVisible();
  await expect(messages.getByRole('listitem')).toHaveCount(stored);
  await expect(messages).toContainText('the walrus of the log');
  await expect(messages).toContainText('a quiet penguin');

  await dialog.getByRole('searchbox', { name: 'Find in this day' }).fill('WALRUS');
  await expect(dialog.getByRole('status')).toHaveText(`2 messages match of ${stored}`);
  await expect(messages.locator('mark')).toHaveText(['walrus', 'walrus']);
  await dialog.getByLabel('Only matching messages').check();
  await expect(messages.getByRole('listitem')).toHaveCount(2);
  await expect(messages).not.toContainText('penguin');
  await screenshot(page, 'ui2-log-viewer.png');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // The same log from the conversation's header.
  await page.getByRole('main', { name: 'Chat' }).getByRole('button', { name: 'View log' }).click();
  const fromHeader = page.getByRole('dialog', { name: /^View log: / });
  await expect(fromHeader.getByRole('list', { name: 'Days with messages' }).getByRole('button')).toHaveAccessibleName(`${today}, ${stored} messages`);
  await page.keyboard.press('Escape');
  await expect(fromHeader).toBeHidden();
});
