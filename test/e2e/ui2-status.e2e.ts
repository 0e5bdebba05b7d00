/**
 * The global status end to end, in Chromium against headless mode: three accounts on three
 * networks (ngIRCd, Prosody, Synapse), each watched by an independent client: a raw IRC
 * socket (WHOIS 301, RFC 2812 §3.6.2), a raw XMPP socket subscribed to alice's presence
 * (RFC 6121 §4.7 show/status), and the Matrix client-server API (GET presence, spec
 * §Presence). The status is set from the keyboard; auto-away fires after a short idle time
 * (one "minute" of the preference lasts a second here: SWITCHBOARD_AUTO_AWAY_MINUTE_MS)
 * and ends at the next key press.
 */
import { expect, test, type Page } from '@playwright/test';
import { connectRawIrcClient, startNgircd, type RawIrcClient, type RunningIrcServer } from '../servers/ngircd.js';
import { startProsody, type RunningProsody } from '../servers/prosody.js';
import { connectRawXmppClient, type RawXmppClient } from '../servers/prosody/rawXmppClient.js';
import { startSynapse, type RegisteredUser, type RunningSynapse } from '../servers/synapse.js';
import { startHeadlessCore, type RunningHeadlessCore } from '../support/headlessCore.js';
import { addIrcAccount, expectIrcAccount } from './ircAccountDialog.js';
import { addMatrixAccount, expectMatrixAccount } from './matrixAccountDialog.js';
import { screenshot } from './scenes.js';
import { addXmppAccount, expectXmppAccount, xmppAccountLabel } from './xmppAccountDialog.js';
import { accountRow, closeAccounts, openAccounts } from './accountsDialog.js';

const MATRIX_PASSWORD = 'e2e-password';

let irc: RunningIrcServer;
let xmpp: RunningProsody;
let synapse: RunningSynapse;
let core: RunningHeadlessCore;
let ircBob: RawIrcClient;
let xmppBob: RawXmppClient;
let matrixAlice: RegisteredUser;
let matrixBob: RegisteredUser;

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

test.beforeAll(async () => {
  [irc, xmpp, synapse] = await Promise.all([startNgircd(), startProsody(), startSynapse()]);
  await Promise.all([xmpp.register('alice', 'alice-secret'), xmpp.register('bob', 'bob-secret')]);
  [matrixAlice, matrixBob] = await Promise.all([synapse.registerUser('alice', MATRIX_PASSWORD), synapse.registerUser('bob', MATRIX_PASSWORD)]);
  // Synapse shows presence only to users who share a room (presence `is_visible`).
  const room = await synapse.request('POST', '/_matrix/client/v3/createRoom', matrixBob.accessToken, { preset: 'public_chat' }) as { room_id: string };
  await synapse.request('POST', `/_matrix/client/v3/join/${encodeURIComponent(room.room_id)}`, matrixAlice.accessToken, {});
  core = await startHeadlessCore({ env: { SWITCHBOARD_AUTO_AWAY_MINUTE_MS: '1000' } });
  ircBob = await connectRawIrcClient({ port: irc.port, nick: 'bob' });
  xmppBob = await connectRawXmppClient({ port: xmpp.directTlsPort, user: 'bob', password: 'bob-secret', resource: 'raw' });
});

test.afterAll(async () => {
  await ircBob.close();
  await xmppBob.close();
  await core.stop();
  await Promise.all([irc.stop(), xmpp.stop(), synapse.stop()]);
});

/** Bob's WHOIS of alice: her away message (301), or null when she is not away. */
async function ircAway(): Promise<string | null> {
  const from = ircBob.lines.length;
  ircBob.send('WHOIS alice');
  await ircBob.waitForLine(/ 318 bob alice /);
  for (const line of ircBob.lines.slice(from)) {
    const away = / 301 bob alice :(.*)$/.exec(line);
    if (away) return away[1] ?? '';
  }
  return null;
}

/** What bob's client last heard of alice's presence: "show/status", "available" without show. */
let lastXmppPresence = '';
/** Every presence of alice bob's client heard, in order. */
const xmppHistory: string[] = [];
async function xmppPresence(): Promise<string> {
  for (;;) {
    const stanza = await xmppBob.waitFor(/^<presence [^>]*from=['"]alice@localhost\//, 200).catch(() => undefined);
    if (stanza === undefined) return lastXmppPresence;
    if (/type=['"]unavailable['"]/.test(stanza)) lastXmppPresence = 'unavailable';
    else {
      const show = /<show>([^<]*)<\/show>/.exec(stanza)?.[1] ?? 'available';
      const status = /<status>([^<]*)<\/status>/.exec(stanza)?.[1];
      lastXmppPresence = status === undefined ? show : `${show}/${status}`;
    }
    xmppHistory.push(lastXmppPresence);
  }
}

/** Alice's Matrix presence as bob reads it through the client-server API. */
async function matrixPresence(): Promise<string> {
  const answer = await synapse.request('GET', `/_matrix/client/v3/presence/${encodeURIComponent(matrixAlice.userId)}/status`, matrixBob.accessToken) as { presence: string; status_msg?: string | null };
  return answer.status_msg ? `${answer.presence}/${answer.status_msg}` : answer.presence;
}

const statusControl = (page: Page) => page.getByRole('combobox', { name: 'Status', exact: true });

test('the global status reaches IRC, XMPP and Matrix, each seen by an independent client', async ({ page }) => {
  await page.goto(core.url);
  await addIrcAccount(page, { nick: 'alice', port: irc.port });
  await addXmppAccount(page, xmpp, { jid: 'alice@localhost', password: 'alice-secret' });
  await addMatrixAccount(page, synapse.baseUrl, matrixAlice.userId, MATRIX_PASSWORD);
  await expectIrcAccount(page, 'alice', 'Online');
  await expectXmppAccount(page, 'alice@localhost', 'Online');
  await openAccounts(page);
  // A first Matrix login (key upload, first sync) can take long on a busy machine.
  await expect(accountRow(page, `${matrixAlice.userId} (Matrix)`)).toContainText('Online', { timeout: 60_000 });
  await closeAccounts(page);

  // Bob asks to see alice's presence; alice accepts from the Requests list.
  xmppBob.send('<presence to="alice@localhost" type="subscribe"/>');
  const request = page.getByRole('list', { name: 'Requests' }).getByRole('listitem').filter({ hasText: 'bob@localhost' });
  await request.getByRole('button', { name: 'Accept' }).click();
  await expect.poll(xmppPresence).toBe('available');
  await expect.poll(matrixPresence).toBe('online');
  expect(await ircAway()).toBeNull();

  // From the keyboard: the message, then Away in the Status control.
  await page.getByRole('textbox', { name: 'Status message', exact: true }).focus();
  await page.keyboard.type('Lunch break');
  await page.keyboard.press('Shift+Tab');
  await expect(statusControl(page)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(statusControl(page)).toHaveValue('away');

  await expect.poll(ircAway).toBe('Lunch break');
  await expect.poll(xmppPresence).toBe('away/Lunch break');
  await expect.poll(matrixPresence).toBe('unavailable/Lunch break');
  await screenshot(page, 'ui2-status-away.png');
});

test('auto-away after a short idle time, and back at the next key press', async ({ page }) => {
  await page.goto(core.url);
  await expect(statusControl(page)).toHaveValue('away');
  await page.getByText('Auto-away', { exact: true }).click();
  const minutes = page.getByLabel('Away after minutes without input (0: never)');
  await page.getByLabel('Auto-away message').fill('Away from keyboard');
  await minutes.fill('2');
  await minutes.press('Enter');
  // Kept in the profile: a new page shows both.
  await page.reload();
  await page.getByText('Auto-away', { exact: true }).click();
  await expect(minutes).toHaveValue('2');
  await expect(page.getByLabel('Auto-away message')).toHaveValue('Away from keyboard');

  const autoAway = page.getByRole('status').filter({ hasText: 'Away while you are idle' });

  // Available again (clearing the message), then no input: auto-away with its message.
  await page.getByRole('textbox', { name: 'Status message', exact: true }).fill('');
  await statusControl(page).focus();
  await page.keyboard.press('ArrowUp');
  await expect(statusControl(page)).toHaveValue('available');
  await expect(autoAway).toHaveText('Away while you are idle: Away from keyboard. Back at your next key press or click.', { timeout: 15_000 });
  await expect.poll(ircAway).toBe('Away from keyboard');
  await expect.poll(xmppPresence).toBe('away/Away from keyboard');
  await expect.poll(matrixPresence).toBe('unavailable/Away from keyboard');
  await expect(statusControl(page)).toHaveValue('available');
  await screenshot(page, 'ui2-status-auto-away.png');

  // The user is back (and keeps typing): every network shows them available again.
  const active = async <T>(look: () => Promise<T>): Promise<T> => {
    await page.keyboard.press('Shift');
    return look();
  };
  await expect.poll(() => active(ircAway)).toBeNull();
  await expect(autoAway).toHaveCount(0);
  await expect.poll(() => active(xmppPresence)).toBe('available');
  await expect.poll(() => active(matrixPresence)).toBe('online');
});

/** Bob's WHOIS of alice: whether the server knows the nick (401 ERR_NOSUCHNICK when she left). */
async function ircPresent(): Promise<boolean> {
  const from = ircBob.lines.length;
  ircBob.send('WHOIS alice');
  await ircBob.waitForLine(/ 318 bob alice /);
  return !ircBob.lines.slice(from).some((line) => / 401 bob alice /.test(line));
}

test('Offline disconnects every account and Available connects them back; Invisible hides alice where the network can and says where it cannot', async ({ page }) => {
  await page.goto(core.url);
  // No auto-away in this test (0: never), so that only the statuses chosen here show.
  await page.getByText('Auto-away', { exact: true }).click();
  await page.getByLabel('Away after minutes without input (0: never)').fill('0');
  await page.getByLabel('Away after minutes without input (0: never)').press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Away while you are idle' })).toHaveCount(0);
  await expect(statusControl(page)).toHaveValue('available');
  await expect.poll(xmppPresence).toBe('available');
  await expect.poll(matrixPresence).toBe('online');

  // Offline: every account disconnects (still enabled), and each network sees alice leave.
  await statusControl(page).selectOption('offline');
  await expectIrcAccount(page, 'alice', 'Offline');
  await expectXmppAccount(page, 'alice@localhost', 'Offline');
  await expectMatrixAccount(page, matrixAlice.userId, 'Offline');
  await expect.poll(ircPresent).toBe(false);
  await expect.poll(matrixPresence).toBe('offline');

  // A new window shows Offline too.
  await page.reload();
  await expect(statusControl(page)).toHaveValue('offline');

  // Available: all three connect again and show alice available.
  await statusControl(page).selectOption('available');
  await expectIrcAccount(page, 'alice', 'Online');
  await expectXmppAccount(page, 'alice@localhost', 'Online');
  await openAccounts(page);
  // A first Matrix login (key upload, first sync) can take long on a busy machine.
  await expect(accountRow(page, `${matrixAlice.userId} (Matrix)`)).toContainText('Online', { timeout: 60_000 });
  await closeAccounts(page);
  await expect.poll(ircPresent).toBe(true);
  expect(await ircAway()).toBeNull();
  await expect.poll(xmppPresence).toBe('available');
  await expect.poll(matrixPresence).toBe('online');

  // Invisible: XMPP (Prosody has no XEP-0186) and Matrix appear offline; IRC cannot hide, and says so.
  await statusControl(page).selectOption('invisible');
  await expect.poll(xmppPresence).toBe('unavailable');
  await expect.poll(matrixPresence).toBe('offline');
  expect(await ircAway()).toBeNull();
  const notes = page.getByRole('list', { name: 'What the networks show' });
  await expect(notes.getByRole('listitem').filter({ hasText: 'alice (IRC)' })).toContainText('IRC cannot hide a connected user');
  await expect(notes.getByRole('listitem').filter({ hasText: 'alice@localhost (XMPP)' })).toContainText('This XMPP server cannot make you invisible (no XEP-0186)');
  await expectXmppAccount(page, 'alice@localhost', 'Online');
  await screenshot(page, 'ui2-status-invisible.png');

  // A reconnect (saving the account reconnects it) keeps alice hidden: bob hears no
  // "available" between her going invisible and her next status, Away.
  const since = xmppHistory.length;
  await openAccounts(page);
  await accountRow(page, xmppAccountLabel('alice@localhost')).getByRole('button', { name: 'Edit account' }).click();
  await page.getByRole('dialog', { name: 'Edit account' }).getByRole('button', { name: 'Save account' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit account' })).toBeHidden();
  await closeAccounts(page);
  await expectXmppAccount(page, 'alice@localhost', 'Online');
  await expect(notes.getByRole('listitem').filter({ hasText: 'alice@localhost (XMPP)' })).toContainText('no XEP-0186');
  await statusControl(page).selectOption('away');
  await expect.poll(xmppPresence).toBe('away');
  expect(xmppHistory.slice(since).filter((heard) => heard !== 'unavailable')).toEqual(['away']);

  // Visible again.
  await statusControl(page).selectOption('available');
  await expect.poll(xmppPresence).toBe('available');
  await expect.poll(matrixPresence).toBe('online');
  await expect(notes).toHaveCount(0);
});
