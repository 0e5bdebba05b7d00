/**
 * History export and import end to end, in Chromium against headless mode (loopback plugin):
 * "Export history…" opens "Export history", which writes a JSON Lines file into the
 * profile's downloads folder and says where; importing that same file adds nothing (all
 * already there); a Pidgin log tree imports into a new, disabled account whose words are
 * then found by search; a path that does not exist is refused in words.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loopbackScene, openLoopbackChat, screenshot } from './scenes.js';

const scene = loopbackScene();

test('export history to a file, import it again (nothing doubled), and import Pidgin logs that search then finds', async ({ page }) => {
  const { core } = scene();
  await page.goto(core.url);
  const { log, composer } = await openLoopbackChat(page);
  await composer.fill('an exportable walrus');
  await composer.press('Enter');
  await expect(log.locator('.message').filter({ hasText: 'an exportable walrus' })).toHaveCount(2); // mine and the echo

  await page.getByRole('button', { name: 'Export history…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export history' });
  await exportDialog.getByLabel('Format').selectOption('jsonl');
  await exportDialog.getByRole('button', { name: 'Export' }).click();
  const done = exportDialog.getByRole('status');
  await expect(done).toContainText(/^Exported \d+ messages in 1 conversation to /);
  const path = /to (.+)$/.exec((await done.textContent()) ?? '')?.[1] ?? '';
  expect(path.startsWith(join(core.profileDir, 'downloads'))).toBe(true);
  expect(readFileSync(path, 'utf8')).toContain('"body":"an exportable walrus"');
  const exported = Number(/Exported (\d+)/.exec((await done.textContent()) ?? '')?.[1]);
  await screenshot(page, 'ui2-history-export.png');
  await exportDialog.getByRole('button', { name: 'Close' }).click();
  await expect(exportDialog).toBeHidden();

  await page.getByRole('button', { name: 'Import history…' }).click();
  const importDialog = page.getByRole('dialog', { name: 'Import history' });
  await importDialog.getByLabel('From').selectOption('jsonl');
  await importDialog.getByLabel(/Folder or file/).fill(path);
  await importDialog.getByRole('button', { name: 'Import' }).click();
  await expect(importDialog.getByRole('status')).toHaveText(`0 messages in 0 conversations; ${exported} messages were already there.`);

  await importDialog.getByLabel(/Folder or file/).fill(join(core.profileDir, 'no-such-logs'));
  await importDialog.getByRole('button', { name: 'Import' }).click();
  await expect(importDialog.getByRole('alert')).toContainText('does not exist');

  const logs = mkdtempSync(join(tmpdir(), 'sb-e2e-pidgin-'));
  try {
    const dir = join(logs, 'jabber', 'carol%40example.org', 'dave%40example.org');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '2026-12-06.100000+0000UTC.txt'), [
      'Conversation with Dave at Sun 06 Dec 2026 10:00:00 AM UTC on carol@example.org/Home (jabber)',
      '(10:00:01) Dave: the platypus from Pidgin',
      '(10:00:05) carol: a reply',
      '',
    ].join('\n'));
    await importDialog.getByLabel('From').selectOption('pidgin');
    await importDialog.getByLabel(/Folder or file/).fill(logs);
    await importDialog.getByRole('button', { name: 'Import' }).click();
    await expect(importDialog.getByRole('status')).toHaveText('2 messages in 1 conversation; 1 disabled account created for them.');
    await screenshot(page, 'ui2-history-import.png');
    await importDialog.getByRole('button', { name: 'Close' }).click();
    await expect(importDialog).toBeHidden();
  } finally {
    rmSync(logs, { recursive: true, force: true });
  }
  await page.getByRole('searchbox', { name: 'Search messages' }).fill('platypus');
  await page.getByRole('searchbox', { name: 'Search messages' }).press('Enter');
  await expect(page.getByRole('list', { name: 'Search results' })).toContainText('the platypus from Pidgin');
  // The imported conversation has no tab (its account is disabled); its result opens it at the message.
  await page.getByRole('list', { name: 'Search results' }).getByRole('button', { name: /the platypus from Pidgin/ }).click();
  const focused = page.locator('[role="log"] .message.focused');
  await expect(focused).toContainText('the platypus from Pidgin');
  await expect(focused).toBeFocused();
});
