/**
 * A full disk end to end, in Chromium against headless mode with the loopback plugin, its
 * profile on a real 16 MB tmpfs (mounting needs root, as the tests have on CI): once a file
 * fills the disk, what arrives cannot be saved and a banner says so, with the free space and
 * the profile folder; when the file is deleted the banner goes by itself and what arrived
 * meanwhile is shown, once.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { fillDisk, mountSmallDisk, type SmallDisk } from '../support/smallDisk.js';
import { LOOPBACK_PLUGIN, openLoopbackChat, screenshot } from './scenes.js';

let disk: SmallDisk | undefined;
let core: RunningHeadlessCore | undefined;

test.beforeAll(async () => {
  disk = mountSmallDisk('16m');
  core = await startHeadlessCore({ profileDir: join(disk.path, 'profile'), pluginDirs: [LOOPBACK_PLUGIN] });
});

test.afterAll(async () => {
  if (disk) rmSync(join(disk.path, 'filler'), { force: true });
  await core?.stop();
  disk?.remove();
});

test('a full disk shows a banner with the free space and the folder, and what arrived meanwhile once space is back', async ({ page }) => {
  if (!core || !disk) throw new Error('the core did not start');
  const { path: diskPath } = disk;
  const profile = core.profileDir;
  await page.goto(core.url);
  const { log, composer } = await openLoopbackChat(page);
  await composer.fill('before the disk fills');
  await composer.press('Enter');
  await expect(log).toContainText('echo: before the disk fills');
  const banner = page.getByRole('alert').filter({ hasText: 'Disk full (' });
  await expect(banner).toBeHidden();

  fillDisk(join(diskPath, 'filler'));
  // The loopback network sends two messages and a history gap: they cannot be saved now.
  await composer.fill('/gap 1');
  await composer.press('Enter');
  await expect(banner).toHaveText(new RegExp(`^Disk full \\(\\d+\\.\\d MB free on ${profile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\): new messages can't be saved$`));
  await expect(page.getByText('What arrives is kept in memory and saved by itself once you free some space on that disk.')).toBeVisible();
  await expect(log).not.toContainText('after gap 1');
  await screenshot(page, 'ui2-disk-full.png');

  rmSync(join(diskPath, 'filler'));
  await expect(banner).toBeHidden();
  await expect(log).toContainText('after gap 1');
  await expect(log.locator('.message').filter({ hasText: /^.*before gap 1/ })).toHaveCount(1);
  await expect(log.locator('.message').filter({ hasText: 'after gap 1' })).toHaveCount(1);
});
