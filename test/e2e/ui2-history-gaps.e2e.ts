/**
 * History gaps end to end, in Chromium against headless mode with the loopback plugin
 * (`--plugin`): its /gap command acts out a catch-up that stopped early, leaving a message
 * before and one after, and 30 missed ones only in its server history. The timeline shows
 * "Some messages may be missing here" between them; Load missing messages fails once (the
 * error in words, the marker kept), then loads them in place and the marker goes away.
 */
import { expect, test } from '@playwright/test';
import { loopbackScene, openLoopbackChat, screenshot } from './scenes.js';
import { readWholeLog } from './windowedLog.js';

const scene = loopbackScene();

test('a gap in the history is marked, and its button loads the missing messages', async ({ page }) => {
  const { core } = scene();
  await page.goto(core.url);
  const { log, composer } = await openLoopbackChat(page);
  await composer.fill('/gap 30 fail-once');
  await composer.press('Enter');
  await expect(log).toContainText('after gap 1');
  const marker = log.getByRole('group', { name: 'Missing messages' });
  await expect(marker).toContainText('Some messages may be missing here');
  // The marker sits between the message before the gap and the one after it.
  const lines = log.locator('.message, .history-gap');
  await expect(lines.filter({ hasText: /before gap 1|missing here|after gap 1/ })).toHaveText([/before gap 1/, /missing here/, /after gap 1/]);
  await expect(log).not.toContainText('missed message');

  await marker.getByRole('button', { name: 'Load missing messages' }).click();
  await expect(marker.getByRole('alert')).toHaveText('Could not load the missing messages: The server did not answer the history request.');
  await screenshot(page, 'ui2-history-gap-failed.png');

  await marker.getByRole('button', { name: 'Load missing messages' }).click();
  await expect(marker).toBeHidden();
  await expect(log).toContainText('missed message 30 of gap 1');
  // Read by scrolling through the windowed log, as a user would.
  const order = await readWholeLog(log);
  const around = order.filter((text) => /gap 1/.test(text));
  expect(around).toEqual(['before gap 1', ...Array.from({ length: 30 }, (_, i) => `missed message ${i + 1} of gap 1`), 'after gap 1']);
  await screenshot(page, 'ui2-history-gap-filled.png');
});
