/**
 * Cancelling a download end to end, in Chromium against headless mode with the loopback
 * plugin: echo-bot sends a "slow-" file that arrives chunk by chunk; Save shows the
 * progress with a Cancel button beside it, Cancel reads "Cancelled", no partial file is
 * left in the downloads folder, and Save starts again.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { loopbackScene, openLoopbackChat, screenshot } from './scenes.js';

const scene = loopbackScene();

test('a save in progress can be cancelled, leaving no partial file', async ({ page }) => {
  const { core } = scene();
  const downloads = join(core.profileDir, 'downloads');
  const files = (): string[] => (existsSync(downloads) ? readdirSync(downloads) : []);
  await page.goto(core.url);
  const { log, composer } = await openLoopbackChat(page);
  await composer.fill('send me slow-movie.bin');
  await composer.press('Enter');
  const file = log.getByRole('listitem').filter({ hasText: 'slow-movie.bin' });
  await file.getByRole('button', { name: 'Save' }).click();
  await expect(file.getByRole('status')).toHaveText(/Saving… \d+ %/);
  await expect.poll(() => files().some((name) => name.endsWith('.part'))).toBe(true);
  await screenshot(page, 'ui2-attachment-saving.png');

  await file.getByRole('button', { name: 'Cancel' }).click();
  await expect(file.getByRole('status')).toHaveText('Cancelled');
  await expect(file.getByRole('alert')).toHaveCount(0);
  await expect.poll(files).toEqual([]);
  await expect(file.getByRole('button', { name: 'Save' })).toBeEnabled();
});
