/**
 * The walking skeleton, end to end: the real UI in Chromium, served by headless mode,
 * talking to a real IRC server, with an independent raw-socket client on the other side.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { connectRawIrcClient, startNgircd, type RawIrcClient, type RunningIrcServer } from '../servers/ngircd.js';
import { findFreePort } from '../servers/serverProcess.js';
import { repoRoot } from '../support/paths.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { addIrcAccount, expectIrcAccount } from './ircAccountDialog.js';
import { joinRoom } from './scenes.js';

const screenshots = join(repoRoot, 'test-output', 'e2e');

let irc: RunningIrcServer;
let lockedIrc: RunningIrcServer;
let core: RunningHeadlessCore;
const rawClients: RawIrcClient[] = [];

// One app session, in order: the second test checks that the first test's account keeps working.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  [irc, lockedIrc] = await Promise.all([startNgircd({ tls: true }), startNgircd({ password: 'open-sesame' })]);
  core = await startHeadlessCore();
});

test.afterAll(async () => {
  await Promise.all(rawClients.map((client) => client.close()));
  await core.stop();
  await Promise.all([irc.stop(), lockedIrc.stop()]);
});

test('chat in an IRC channel with an independent client, both ways', async ({ page }) => {
  const bob = await connectRawIrcClient({ port: irc.port, nick: 'bob' });
  rawClients.push(bob);
  bob.send('JOIN #test');
  await bob.waitForLine(/ 366 bob #test /);

  await page.goto(core.url);
  await addIrcAccount(page, { server: '127.0.0.1', port: irc.port, tls: false, nick: 'alice' });
  await expectIrcAccount(page, 'alice', 'Online');

  await joinRoom(page, '#test');

  await expect(page.getByRole('tab', { name: '#test' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('list', { name: 'Contacts' })).toContainText('#test');
  await expect(page.getByRole('list', { name: 'Members' })).toContainText('bob');
  await expect(page.getByRole('list', { name: 'Members' })).toContainText('alice');
  await bob.waitForLine(/:alice!\S+ JOIN :?#test/);

  const log = page.getByRole('log', { name: 'Messages in #test' });
  bob.send('PRIVMSG #test :hello from bob, <b>not bold</b> & <script>window.pwned=1</script>');
  await expect(log).toContainText('hello from bob, <b>not bold</b> & <script>window.pwned=1</script>');
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill('hi bob, this is alice');
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  await bob.waitForLine(/:alice!\S+ PRIVMSG #test :hi bob, this is alice$/);
  await expect(log).toContainText('hi bob, this is alice');

  await composer.fill('/me waves');
  await composer.press('Enter');
  await bob.waitForLine(/PRIVMSG #test :\x01ACTION waves\x01$/);
  await expect(log).toContainText('alice waves');

  await page.screenshot({ path: join(screenshots, 'irc-chat.png'), fullPage: true });
});

test('a password without TLS, a wrong password, an unreachable host and an untrusted certificate each show a clear error, and chat goes on', async ({ page }) => {
  await page.goto(core.url);
  await expectIrcAccount(page, 'alice', 'Online');

  // A password over a plain connection is refused, with what to do, until the account allows it.
  await addIrcAccount(page, { server: '127.0.0.1', port: lockedIrc.port, tls: false, nick: 'plainpw', password: 'open-sesame' });
  await expectIrcAccount(page, 'plainpw', 'Failed');
  await expectIrcAccount(page, 'plainpw', 'TLS is off, so your server password would be sent unencrypted');
  await expectIrcAccount(page, 'plainpw', '"Allow sending my password without encryption"');
  await addIrcAccount(page, { server: '127.0.0.1', port: lockedIrc.port, tls: false, nick: 'allowed', password: 'open-sesame', allowPlainPassword: true });
  await expectIrcAccount(page, 'allowed', 'Online');

  await addIrcAccount(page, { server: '127.0.0.1', port: lockedIrc.port, tls: false, nick: 'wrongpw', password: 'not-the-password', allowPlainPassword: true });
  await expectIrcAccount(page, 'wrongpw', 'Failed');
  await expectIrcAccount(page, 'wrongpw', 'refused the login: Access denied: Bad password');

  const closedPort = await findFreePort();
  await addIrcAccount(page, { server: '127.0.0.1', port: closedPort, tls: false, nick: 'nobody' });
  await expectIrcAccount(page, 'nobody', /Reconnecting|Failed/);
  await expectIrcAccount(page, 'nobody', `127.0.0.1:${closedPort}`);
  await expectIrcAccount(page, 'nobody', /refused/i);

  const tlsPort = irc.tlsPort ?? 0;
  await addIrcAccount(page, { server: '127.0.0.1', port: tlsPort, tls: true, nick: 'careful' });
  await expectIrcAccount(page, 'careful', 'Failed');
  await expectIrcAccount(page, 'careful', /certificate/i);
  await expectIrcAccount(page, 'careful', irc.certificateFingerprint256 ?? 'missing fingerprint');
  await page.screenshot({ path: join(screenshots, 'irc-account-errors.png'), fullPage: true });

  // The app keeps working: the good account still chats.
  const carol = await connectRawIrcClient({ port: irc.port, nick: 'carol' });
  rawClients.push(carol);
  carol.send('JOIN #test');
  await carol.waitForLine(/ 366 carol #test /);
  await page.getByRole('tab', { name: '#test' }).click();
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill('still here');
  await composer.press('Enter');
  await carol.waitForLine(/:alice!\S+ PRIVMSG #test :still here$/);
});
