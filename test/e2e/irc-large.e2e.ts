/**
 * A 20,000-member channel in the real UI: the IRCv3 test server holds 20,000 users in
 * #big (put there with a server-side bulk method, see test/servers/ergo/bulkUsers.ts),
 * Chromium joins it through headless mode and shows the member list, searchable. The time
 * from the click on Join to the full count on screen is printed (a figure, not a limit) and
 * written to test-output/bench/irc-large-channel.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startIrcv3Server, type RunningIrcv3Server } from '../servers/ergo.js';
import { repoRoot } from '../support/paths.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { addIrcAccount, expectIrcAccount } from './ircAccountDialog.js';

const MEMBERS = 20_000;
let irc: RunningIrcv3Server;
let core: RunningHeadlessCore;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  irc = await startIrcv3Server();
  if (!irc.populateChannel) throw new Error(`${irc.software} has no bulk method to fill a channel with ${MEMBERS} users yet`);
  await irc.populateChannel('#big', MEMBERS);
  core = await startHeadlessCore();
});

test.afterAll(async () => {
  await core.stop();
  await irc.stop();
});

test(`joins a channel of ${MEMBERS.toLocaleString('en-US')} members and shows the member list`, async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(core.url);
  await addIrcAccount(page, { nick: 'alice', port: irc.port });
  await expectIrcAccount(page, 'alice', 'Online');

  await page.getByRole('button', { name: 'Join room' }).first().click();
  const joinDialog = page.getByRole('dialog', { name: 'Join room' });
  await joinDialog.getByLabel('Room', { exact: true }).fill('#big');
  const started = Date.now();
  await joinDialog.getByRole('button', { name: 'Join' }).click();
  const total = (MEMBERS + 1).toLocaleString('en-US');
  await expect(page.getByRole('heading', { name: `${total} members` })).toBeVisible({ timeout: 60_000 });
  const elapsedMs = Date.now() - started;
  const members = page.getByRole('list', { name: 'Members' });
  // Virtualized: a screenful of rows, not 20,001 elements.
  expect(await members.getByRole('listitem').count()).toBeLessThan(200);
  await expect(members).toContainText('member0');

  await page.getByRole('searchbox', { name: 'Filter members' }).fill('member19999');
  await expect(page.getByRole('status').filter({ hasText: 'shown' })).toHaveText('1 shown');
  await expect(members.getByRole('listitem')).toHaveCount(1);
  await expect(members).toContainText('member19999');

  const line = `IRC: joining a ${MEMBERS.toLocaleString('en-US')}-member channel took ${elapsedMs} ms until the member list showed them all (${irc.software}, Chromium)`;
  console.log(line);
  const dir = join(repoRoot, 'test-output', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'irc-large-channel.json'), `${JSON.stringify({ members: MEMBERS, joinToMemberListMs: elapsedMs, server: irc.software, at: new Date().toISOString() }, null, 2)}\n`);
  await page.screenshot({ path: join(repoRoot, 'test-output', 'e2e', 'irc-large-channel.png'), fullPage: true });
});
