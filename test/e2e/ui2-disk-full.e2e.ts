/**
 * A full disk end to end, in Chromium against headless mode with the loopback plugin, its
 * profile on a real 16 MB tmpfs (mounting needs root, as the tests have on CI): once a file
 * fills the disk, what arrives cannot be saved and a banner says so, with the free space and
 * the profile folder; when the file is deleted the banner goes by itself and what arrived
 * meanwhile is shown, once.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { repoRoot } from '../support/paths.js';
import { screenshot } from './scenes.js';

let disk = '';
let core: RunningHeadlessCore | undefined;

test.beforeAll(async () => {
  disk = mkdtempSync(join(tmpdir(), 'switchboard-e2e-small-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', disk]);
  core = await startHeadlessCore({ profileDir: join(disk, 'profile'), pluginDirs: [join(repoRoot, 'test', 'fixtures', 'plugins', 'loopback')] });
});

test.afterAll(async () => {
  rmSync(join(disk, 'filler'), { force: true });
  await core?.stop();
  execFileSync('umount', ['-l', disk]);
  rmSync(disk, { recursive: true, force: true });
});

/** Writes `path` until the disk refuses another byte. */
function fillDisk(path: string): void {
  const fd = openSync(path, 'w');
  try {
    for (const size of [1 << 20, 1 << 12, 1]) {
      const chunk = Buffer.alloc(size, 0x5a);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
}

test('a full disk shows a banner with the free space and the folder, and what arrived meanwhile once space is back', async ({ page }) => {
  if (!core) throw new Error('the core did not start');
  const profile = core.profileDir;
  await page.goto(core.url);
  await page.getByRole('button', { name: 'Add account' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await dialog.getByLabel('Network').selectOption({ label: 'Loopback' });
  await dialog.getByLabel('Name', { exact: true }).fill('alice');
  await dialog.getByRole('button', { name: 'Save account' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: /Echo Bot/ }).first().click();
  const log = page.getByRole('log', { name: 'Messages in echo-bot' });
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill('before the disk fills');
  await composer.press('Enter');
  await expect(log).toContainText('echo: before the disk fills');
  const banner = page.getByRole('alert').filter({ hasText: 'Disk full (' });
  await expect(banner).toBeHidden();

  fillDisk(join(disk, 'filler'));
  // The loopback network sends two messages and a history gap: they cannot be saved now.
  await composer.fill('/gap 1');
  await composer.press('Enter');
  await expect(banner).toHaveText(new RegExp(`^Disk full \\(\\d+\\.\\d MB free on ${profile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\): new messages can't be saved$`));
  await expect(page.getByText('What arrives is kept in memory and saved by itself once you free some space on that disk.')).toBeVisible();
  await expect(log).not.toContainText('after gap 1');
  await screenshot(page, 'ui2-disk-full.png');

  rmSync(join(disk, 'filler'));
  await expect(banner).toBeHidden();
  await expect(log).toContainText('after gap 1');
  await expect(log.locator('.message').filter({ hasText: /^.*before gap 1/ })).toHaveCount(1);
  await expect(log.locator('.message').filter({ hasText: 'after gap 1' })).toHaveCount(1);
});
