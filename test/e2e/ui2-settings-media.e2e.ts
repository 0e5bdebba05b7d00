/**
 * Settings' avatars and inline image previews end to end, in Chromium against headless mode
 * (loopback plugin, whose echo-bot answers "send me photo.png" with a real PNG): turning
 * avatars off takes the pictures and initials out of the message log and the buddy list,
 * turning previews on shows the received image without a click (through the core's preview,
 * as a blob: URL), both kept across a reload; axe-core finds no serious or critical
 * violation in the Settings dialog, in the light and the dark palette.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { loopbackScene, openLoopbackChat, screenshot } from './scenes.js';

const scene = loopbackScene();
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function dialogViolations(page: Page): Promise<string[]> {
  const blocking: string[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const { violations } = await new AxeBuilder({ page }).include('[role="dialog"]').withTags(TAGS).analyze();
    const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    console.log(`axe, Settings dialog (${theme}): ${violations.length} rules violated, ${serious.length} serious or critical`);
    blocking.push(...serious.map((violation) => `${theme}: ${violation.id} — ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(' | ')}`));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return blocking;
}

test('avatars off and inline image previews on take effect in the log and the buddy list, and are kept', async ({ page }) => {
  const { core } = scene();
  await page.goto(core.url);
  const { log, composer } = await openLoopbackChat(page);
  const buddies = page.getByRole('list', { name: 'Contacts' });
  await composer.fill('send me photo.png');
  await composer.press('Enter');
  const photo = log.getByRole('list', { name: 'Attachments' }).getByRole('listitem').filter({ hasText: 'photo.png' });
  await expect(photo.getByRole('button', { name: 'Show preview' })).toBeVisible();
  await expect(log.locator('img.attachment-preview')).toHaveCount(0);
  await expect(log.locator('.message-sender .avatar').first()).toBeVisible();
  await expect(buddies.getByRole('button', { name: /Echo Bot/ }).locator('.avatar')).toHaveCount(1);

  await page.getByRole('toolbar', { name: 'Buddy list tools' }).getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  // The desktop app's spellcheck languages are no browser's to choose.
  await expect(settings.getByRole('group', { name: 'Spellcheck languages' })).toHaveCount(0);
  expect(await dialogViolations(page)).toEqual([]);
  await settings.getByRole('checkbox', { name: 'Show avatars in the messages and the buddy list' }).uncheck();
  await settings.getByRole('checkbox', { name: 'Show received images at once, without a click' }).check();
  await settings.getByRole('button', { name: 'Close' }).click();
  await expect(settings).toBeHidden();

  const expectApplied = async (): Promise<void> => {
    const preview = photo.locator('img.attachment-preview');
    await expect(preview).toBeVisible();
    expect(await preview.getAttribute('src')).toMatch(/^blob:/);
    await expect.poll(() => preview.evaluate((image: HTMLImageElement) => (image.complete ? image.naturalWidth : 0))).toBe(40);
    await expect(photo.getByRole('button', { name: 'Hide preview' })).toBeVisible();
    await expect(log.locator('.message-sender').first()).toBeVisible();
    await expect(log.locator('.avatar')).toHaveCount(0);
    const echo = buddies.getByRole('button', { name: /Echo Bot/ });
    await expect(echo.locator('.presence-dot')).toBeVisible();
    await expect(echo.locator('.avatar')).toHaveCount(0);
  };
  await expectApplied();
  await screenshot(page, 'ui2-settings-media.png');

  await page.reload();
  await buddies.getByRole('button', { name: /Echo Bot/ }).first().click();
  await expectApplied();
});
