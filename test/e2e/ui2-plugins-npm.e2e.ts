/**
 * Installing a plugin by its npm name in the Plugins dialog, in Chromium against headless
 * mode, from a local registry (npm_config_registry, as `npm run serve` passes the user's npm
 * setting): `name@version` shows that version's manifest and installs it; a tarball that
 * does not match the registry's integrity, a package the registry does not have and a
 * version it does not have are each refused in words, and nothing is installed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { npmPack, packPlugin, startLocalRegistry, writeEchoPlugin, type LocalRegistry } from '../support/pluginPackages.js';
import { LOOPBACK_PLUGIN, screenshot } from './scenes.js';

let core: RunningHeadlessCore | undefined;
let registry: LocalRegistry | undefined;
let work = '';

test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'switchboard-e2e-npm-'));
  registry = await startLocalRegistry();
  registry.publish('switchboard-echo', '1.2.3', npmPack(writeEchoPlugin(join(work, 'v1'), { id: 'echo-npm', version: '1.2.3' })));
  registry.publish('switchboard-echo', '2.0.0', npmPack(writeEchoPlugin(join(work, 'v2'), { id: 'echo-npm', version: '2.0.0' })));
  // A package whose tarball is not the one the registry's integrity describes.
  registry.publish('switchboard-swapped', '1.0.0', packPlugin(writeEchoPlugin(join(work, 'swapped'), { id: 'swapped' })), `sha512-${Buffer.alloc(64, 7).toString('base64')}`);
  core = await startHeadlessCore({ pluginDirs: [LOOPBACK_PLUGIN], env: { npm_config_registry: registry.url } });
});

test.afterAll(async () => {
  await core?.stop();
  await registry?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('installs name@version from the npm registry, and says in words why a swapped tarball, a missing package or version is refused', async ({ page }) => {
  if (!core) throw new Error('the core did not start');
  await page.goto(core.url);
  await page.getByRole('toolbar', { name: 'Buddy list tools' }).getByRole('button', { name: 'Plugins' }).click();
  const dialog = page.getByRole('dialog', { name: 'Plugins' });
  const plugins = dialog.getByRole('list', { name: 'Plugins' });
  await dialog.getByRole('button', { name: 'Install plugin…' }).click();
  const form = dialog.getByRole('region', { name: 'Install plugin' });

  const lookUp = async (name: string): Promise<void> => {
    await form.getByLabel('npm package').fill(name);
    await form.getByRole('button', { name: 'Look up' }).click();
  };

  await lookUp('switchboard-swapped@1.0.0');
  await expect(form.getByRole('alert')).toHaveText('The downloaded switchboard-swapped@1.0.0 does not match the registry\'s integrity: it was changed on the way or on the server. Nothing was installed.');
  await screenshot(page, 'ui2-plugins-npm-integrity.png');
  await lookUp('no-such-plugin');
  await expect(form.getByRole('alert')).toHaveText('The registry has no package "no-such-plugin" (HTTP 404).');
  await lookUp('switchboard-echo@9.9.9');
  await expect(form.getByRole('alert')).toHaveText('The registry has no version "9.9.9" of "switchboard-echo" (it has 1.2.3, 2.0.0).');
  await expect(plugins.getByRole('listitem', { name: 'Echo' })).toHaveCount(0);

  // The older of the two versions, by name@version.
  await lookUp('switchboard-echo@1.2.3');
  const confirm = dialog.getByRole('region', { name: 'Install this plugin?' });
  await expect(confirm.getByRole('heading')).toHaveText('Install Echo 1.2.3?');
  await expect(confirm).toContainText('Fromnpm switchboard-echo@1.2.3');
  await confirm.getByRole('button', { name: 'Install' }).click();
  const row = plugins.getByRole('listitem', { name: 'Echo' });
  await expect(row).toContainText('1.2.3');
  await expect(row).toContainText('Installed from npm switchboard-echo@1.2.3');
  await expect(row).toContainText('State: Running');
  await screenshot(page, 'ui2-plugins-npm-installed.png');
});
