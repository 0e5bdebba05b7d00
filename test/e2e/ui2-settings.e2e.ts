/**
 * "Settings" end to end in Chromium against headless mode: the button opens the dialog, a
 * change takes effect where it applies (the compact list, hidden offline buddies, auto-away's
 * minutes under Status) and is kept in the profile across a reload. The desktop app's own
 * options are not offered in a browser, where they could not act.
 */
import { expect, test } from '@playwright/test';
import { loopbackScene, openLoopbackChat, screenshot } from './scenes.js';

const scene = loopbackScene();

test('Settings changes take effect where they apply and are kept across a reload', async ({ page }) => {
  const { core } = scene();
  await page.goto(core.url);
  await openLoopbackChat(page);
  const contacts = page.locator('.contacts-panel');
  await expect(contacts).not.toHaveClass(/density-compact/);

  await page.getByRole('toolbar', { name: 'Buddy list tools' }).getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByRole('region', { name: 'Auto-away' })).toBeVisible();
  await expect(settings.getByText('Keep Switchboard running in the tray')).toHaveCount(0);
  const minutes = settings.getByLabel('Away after minutes without input (0: never)');
  await minutes.fill('7');
  await minutes.press('Enter');
  await settings.getByLabel('Compact list').check();
  await expect(contacts).toHaveClass(/density-compact/);
  await minutes.fill('-3');
  await minutes.press('Enter');
  await expect(settings.getByRole('alert')).toHaveText('Minutes must be a whole number from 0 (never) to 1440.');
  await screenshot(page, 'ui2-settings.png');
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(settings).toBeHidden();

  await page.reload();
  await expect(contacts).toHaveClass(/density-compact/);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(settings.getByLabel('Away after minutes without input (0: never)')).toHaveValue('7');
  await expect(settings.getByLabel('Compact list')).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
});
