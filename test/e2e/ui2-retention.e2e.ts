/**
 * History retention from Settings, in Chromium against headless mode: logs from long ago
 * are imported (Pidgin's format) into their own account; choosing "Delete messages older
 * than 30 days" for it first says how many messages that deletes, Cancel deletes nothing,
 * confirming deletes them, and search no longer finds them. The loopback account's
 * messages of today stay.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loopbackScene, openLoopbackChat, screenshot } from './scenes.js';

const scene = loopbackScene();

test('retention in Settings says how many messages it deletes, and deletes them only when confirmed', async ({ page }) => {
  const { core } = scene();
  await page.goto(core.url);
  const { log, composer } = await openLoopbackChat(page);
  await composer.fill('a platypus of today');
  await composer.press('Enter');
  await expect(log.locator('.message').filter({ hasText: 'a platypus of today' })).toHaveCount(2);

  const logs = mkdtempSync(join(tmpdir(), 'sb-e2e-retention-'));
  try {
    const dir = join(logs, 'jabber', 'carol%40example.org', 'dave%40example.org');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '2025-01-05.100000+0000UTC.txt'), [
      'Conversation with Dave at Sun 05 Jan 2025 10:00:00 AM UTC on carol@example.org/Home (jabber)',
      '(10:00:01) Dave: an old platypus',
      '(10:00:05) carol: an old reply',
      '(10:00:09) Dave: another old platypus',
      '',
    ].join('\n'));
    await page.getByRole('button', { name: 'Import history…' }).click();
    const importDialog = page.getByRole('dialog', { name: 'Import history' });
    await importDialog.getByLabel('From').selectOption('pidgin');
    await importDialog.getByLabel(/Folder or file/).fill(logs);
    await importDialog.getByRole('button', { name: 'Import' }).click();
    await expect(importDialog.getByRole('status')).toHaveText('3 messages in 1 conversation; 1 disabled account created for them.');
    await importDialog.getByRole('button', { name: 'Close' }).click();
  } finally {
    rmSync(logs, { recursive: true, force: true });
  }

  await page.getByRole('toolbar', { name: 'Buddy list tools' }).getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const imported = settings.getByRole('form', { name: /^History of .*carol@example\.org/ });
  await expect(imported.getByLabel('Keep everything')).toBeChecked();
  await imported.getByLabel('Delete messages older than').check();
  await imported.getByRole('textbox', { name: /^Days to keep/ }).fill('30');
  await imported.getByRole('button', { name: 'Apply' }).click();
  const confirm = imported.getByRole('alertdialog');
  await expect(confirm).toContainText('This deletes 3 messages of');
  await expect(confirm).toContainText('older than 30 days, now and for good.');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();

  // Nothing was deleted by asking.
  await settings.getByRole('button', { name: 'Close' }).click();
  const search = page.getByRole('searchbox', { name: 'Search messages' });
  await search.fill('platypus');
  await search.press('Enter');
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('button')).toHaveCount(4); // 2 old ones, today's and its echo

  await page.getByRole('toolbar', { name: 'Buddy list tools' }).getByRole('button', { name: 'Settings' }).click();
  await imported.getByLabel('Delete messages older than').check();
  await imported.getByRole('textbox', { name: /^Days to keep/ }).fill('30');
  await imported.getByRole('button', { name: 'Apply' }).click();
  await screenshot(page, 'ui2-retention-confirm.png');
  await imported.getByRole('alertdialog').getByRole('button', { name: 'Delete 3 messages' }).click();
  await expect(imported.getByRole('status')).toHaveText('Deleted 3 messages. Messages older than 30 days are deleted daily.');
  await settings.getByRole('button', { name: 'Close' }).click();
  await search.press('Enter');
  await expect(results.getByRole('button')).toHaveCount(2);
  await expect(results).not.toContainText('an old platypus');
  await expect(results).toContainText('a platypus of today');
});
