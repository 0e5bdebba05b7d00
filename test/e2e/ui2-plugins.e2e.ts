/**
 * The Plugins dialog end to end, in Chromium against headless mode: a packed plugin (.tgz)
 * is picked in "Install plugin…", its manifest and what its sandbox allows are shown, and
 * only "Install" installs it; it then runs in its own process with its memory and CPU
 * figures and a sparkline; it is disabled (its state says so) and removed.
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { FIXTURE_PLUGINS } from '../support/inProcessCore.js';
import { packPlugin } from '../support/pluginPackages.js';
import { LOOPBACK_PLUGIN, screenshot } from './scenes.js';

let core: RunningHeadlessCore | undefined;

test.beforeAll(async () => {
  core = await startHeadlessCore({ pluginDirs: [LOOPBACK_PLUGIN] });
});

test.afterAll(async () => {
  await core?.stop();
});

test('installs a packed plugin after showing its manifest, shows it running with figures, disables and removes it', async ({ page }) => {
  if (!core) throw new Error('the core did not start');
  await page.goto(core.url);
  await page.getByRole('toolbar', { name: 'Buddy list tools' }).getByRole('button', { name: 'Plugins' }).click();
  const dialog = page.getByRole('dialog', { name: 'Plugins' });
  const plugins = dialog.getByRole('list', { name: 'Plugins' });
  await expect(plugins.getByRole('listitem', { name: 'Loopback' })).toContainText('Built-in, in a worker thread');

  await dialog.getByRole('button', { name: 'Install plugin…' }).click();
  await dialog.getByLabel('Packed plugin (.tgz)').setInputFiles({
    name: 'intruder-1.0.0.tgz', mimeType: 'application/gzip', buffer: packPlugin(join(FIXTURE_PLUGINS, 'intruder')),
  });
  const confirm = dialog.getByRole('region', { name: 'Install this plugin?' });
  await expect(confirm.getByRole('heading')).toHaveText('Install Intruder 1.0.0?');
  await expect(confirm).toContainText('AuthorThe Switchboard tests');
  await expect(confirm).toContainText('Plugin API^0.3.0');
  await expect(confirm).toContainText('CapabilitiesdirectMessages');
  await expect(confirm).toContainText('Fromfile intruder-1.0.0.tgz');
  await expect(confirm.getByRole('list', { name: 'What it will be allowed to do' })).toContainText('Read and write its own data folder');
  // Nothing is installed before the confirm.
  await expect(plugins.getByRole('listitem', { name: 'Intruder' })).toHaveCount(0);
  await screenshot(page, 'ui2-plugins-confirm.png');
  await confirm.getByRole('button', { name: 'Install' }).click();

  const row = plugins.getByRole('listitem', { name: 'Intruder' });
  await expect(row).toContainText('Installed, in its own sandboxed process');
  await expect(row).toContainText('State: Running');
  const figures = row.getByRole('group', { name: 'Resource use of Intruder' });
  await expect(figures).toContainText(/Memory: Heap \d+\.\d MB, process \d+\.\d MB/, { timeout: 15_000 });
  await expect(figures).toContainText(/CPU \(last minute\): \d+\.\d %/);
  await expect(figures.getByRole('img', { name: 'CPU over the last minute of Intruder' })).toBeVisible({ timeout: 15_000 });
  await screenshot(page, 'ui2-plugins-running.png');

  await row.getByRole('button', { name: 'Disable' }).click();
  await expect(row).toContainText('State: Disabled');
  await expect(row).toContainText('Resource use: not running');
  await expect(row.getByRole('button', { name: 'Enable' })).toBeVisible();

  await row.getByRole('button', { name: 'Remove' }).click();
  await expect(row).toHaveCount(0);
  await expect(plugins.getByRole('listitem', { name: 'Loopback' })).toBeVisible();
});
