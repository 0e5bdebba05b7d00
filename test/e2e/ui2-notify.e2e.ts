/**
 * Notification rules, the message sound, the joins/parts/quits setting and the new-message
 * live region, end to end in Chromium against headless mode and a real IRC server
 * (ngIRCd), with independent raw clients as the other people. The decision is the app's
 * own (notifyDecision.ts); what the test observes is the page's Notification API and Web
 * Audio, wrapped by an init script that records each notification made and each sound
 * started (headless Chromium shows neither).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { connectRawIrcClient } from '../servers/ngircd.js';
import { repoRoot } from '../support/paths.js';
import { addIrcAccount, expectIrcAccount } from './ircAccountDialog.js';
import { ircScene, joinRoom, screenshot } from './scenes.js';

const scene = ircScene('#loud');

interface Recorded {
  readonly shownNotifications: { title: string; body: string }[];
  soundsStarted: number;
}

async function recordNotificationsAndSounds(page: Page): Promise<void> {
  await page.context().grantPermissions(['notifications']);
  await page.addInitScript(() => {
    const Real = window.Notification;
    const recorded = { shownNotifications: [] as { title: string; body: string }[], soundsStarted: 0 };
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        recorded.shownNotifications.push({ title, body: options?.body ?? '' });
      }
    }
    Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
    Object.defineProperty(Recording, 'requestPermission', { value: () => Real.requestPermission() });
    const source = AudioBufferSourceNode.prototype;
    const start = Object.getOwnPropertyDescriptor(source, 'start')?.value as (this: AudioBufferSourceNode, ...args: number[]) => void;
    source.start = function recordedStart(this: AudioBufferSourceNode, ...args: number[]) {
      recorded.soundsStarted += 1;
      start.apply(this, args);
    };
    Object.assign(window, { Notification: Recording, recorded });
  });
}

const shown = (page: Page) => page.evaluate(() => (window as unknown as { recorded: Recorded }).recorded.shownNotifications.map(({ title, body }) => `${title}: ${body}`));
const sounds = (page: Page) => page.evaluate(() => (window as unknown as { recorded: Recorded }).recorded.soundsStarted);

async function openSettings(page: Page) {
  await page.getByRole('toolbar', { name: 'Buddy list tools' }).getByRole('button', { name: 'Settings' }).click();
  return page.getByRole('dialog', { name: 'Settings' });
}

async function closeSettings(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeHidden();
}

test('a conversation set to "Nothing" stays silent while another notifies, with the sound; quiet hours silence both', async ({ page }) => {
  const { core, irc, bob } = scene();
  await recordNotificationsAndSounds(page);
  await page.goto(core.url);
  await addIrcAccount(page, { nick: 'alice', port: irc.port });
  await expectIrcAccount(page, 'alice', 'Online');
  bob.send('JOIN #quiet');
  for (const room of ['#loud', '#quiet']) {
    await joinRoom(page, room);
    await bob.waitForLine(new RegExp(`:alice!\\S+ JOIN :?${room}`));
  }
  // A room of alice's own, to look at while the others talk.
  await joinRoom(page, '#idle');
  await expect(page.getByRole('tab', { name: '#idle' })).toHaveAttribute('aria-selected', 'true');
  await page.getByLabel('Desktop notifications for direct messages and mentions').check();

  const settings = await openSettings(page);
  await settings.getByLabel('Notify about').selectOption({ label: 'All messages' });
  await expect(settings.getByLabel('Notify about')).toHaveValue('all');
  await closeSettings(page);

  await page.getByRole('tab', { name: '#quiet' }).click();
  await page.getByRole('button', { name: 'Notifications for #quiet' }).click();
  await page.getByRole('menuitem', { name: 'Nothing' }).click();
  await expect(page.getByRole('button', { name: 'Notifications for #quiet' })).toHaveText(/Nothing/);
  // Looking at a third room: neither of the two is open.
  await page.getByRole('tab', { name: '#idle' }).click();

  bob.send('PRIVMSG #quiet :said where nothing notifies');
  bob.send('PRIVMSG #loud :said where everything does');
  await expect.poll(() => shown(page)).toEqual(['bob in #loud: said where everything does']);
  await expect.poll(() => sounds(page)).toBe(1);
  // The silenced room's message did arrive: its badge counts it, greyed and said to be muted.
  const quietBadge = page.getByRole('tab', { name: '#quiet' }).locator('.badge');
  await expect(quietBadge).toHaveText('1 unread, muted');
  await expect(quietBadge).toHaveClass(/muted/);
  await expect(page.getByRole('tab', { name: '#loud' }).locator('.badge')).toHaveText('1 unread');
  await screenshot(page, 'ui2-notify-rules.png');

  // Quiet hours around the browser's present local time: nothing notifies, nothing sounds.
  const [from, to] = await page.evaluate(() => {
    const at = (offsetMinutes: number): string => {
      const time = new Date(Date.now() + offsetMinutes * 60_000);
      return `${String(time.getHours()).padStart(2, '0')}:${String(time.getMinutes()).padStart(2, '0')}`;
    };
    return [at(-60), at(60)];
  });
  await openSettings(page);
  await settings.getByLabel('No notifications or sounds between').check();
  await settings.getByLabel('Quiet from').fill(from);
  await expect(settings.getByLabel('Quiet from')).toHaveValue(from);
  await settings.getByLabel('Quiet until').fill(to);
  await expect(settings.getByLabel('Quiet until')).toHaveValue(to);
  await closeSettings(page);
  bob.send('PRIVMSG #loud :during quiet hours');
  await expect(page.getByRole('tab', { name: '#loud' }).locator('.badge')).toHaveText('2 unread');

  await openSettings(page);
  await settings.getByLabel('No notifications or sounds between').uncheck();
  await expect(settings.getByLabel('Quiet from')).toBeDisabled();
  await closeSettings(page);
  bob.send('PRIVMSG #loud :after quiet hours');
  await expect.poll(() => shown(page)).toEqual(['bob in #loud: said where everything does', 'bob in #loud: after quiet hours']);
  await expect.poll(() => sounds(page)).toBe(2);

  // The sound turned off in Settings: the notification still comes, silently.
  await openSettings(page);
  await settings.getByLabel('Message sound').selectOption({ label: 'Off' });
  await expect(settings.getByLabel('Message sound')).toHaveValue('off');
  await closeSettings(page);
  bob.send('PRIVMSG #loud :without a sound');
  await expect.poll(() => shown(page)).toHaveLength(3);
  expect(await sounds(page)).toBe(2);
});

test('joins, parts and quits: all, none, or only of people who spoke recently', async ({ page }) => {
  const { core, irc } = scene();
  await page.goto(core.url);
  await expectIrcAccount(page, 'alice', 'Online');
  await page.getByRole('tab', { name: '#loud' }).click();
  const log = page.getByRole('log', { name: 'Messages in #loud' });
  const carol = await connectRawIrcClient({ port: irc.port, nick: 'carol' });
  const dave = await connectRawIrcClient({ port: irc.port, nick: 'dave' });
  try {
    carol.send('JOIN #loud');
    await expect(log.getByRole('listitem', { name: /carol joined$/ })).toHaveCount(1);
    dave.send('JOIN #loud');
    dave.send('PRIVMSG #loud :dave says hello');
    await expect(log.getByRole('listitem', { name: /^dave, .*: dave says hello$/ })).toHaveCount(1);
    carol.send('PART #loud');
    dave.send('PART #loud :off now');
    await expect(log.getByRole('listitem', { name: /dave left/ })).toHaveCount(1);
    await expect(log.getByRole('listitem', { name: /carol left/ })).toHaveCount(1);

    const settings = await openSettings(page);
    await settings.getByLabel('Joins, parts and quits').selectOption({ label: 'None' });
    await closeSettings(page);
    await expect(log.getByRole('listitem', { name: /(carol|dave) (joined|left)/ })).toHaveCount(0);
    await expect(log.getByRole('listitem', { name: /dave says hello$/ })).toHaveCount(1);

    await openSettings(page);
    await settings.getByLabel('Joins, parts and quits').selectOption({ label: 'Only of people who spoke in the last 10 minutes' });
    await closeSettings(page);
    // dave spoke: his join and part are shown; carol said nothing: hers are not.
    await expect(log.getByRole('listitem', { name: /dave joined$/ })).toHaveCount(1);
    await expect(log.getByRole('listitem', { name: /dave left/ })).toHaveCount(1);
    await expect(log.getByRole('listitem', { name: /carol (joined|left)/ })).toHaveCount(0);
    await screenshot(page, 'ui2-notify-joins-parts.png');

    await openSettings(page);
    await settings.getByLabel('Joins, parts and quits').selectOption({ label: 'All' });
    await closeSettings(page);
    await expect(log.getByRole('listitem', { name: /carol (joined|left)/ })).toHaveCount(2);
  } finally {
    await carol.close();
    await dave.close();
  }
});

test('the live region says a new message of the open conversation, and nothing of the history a conversation opens with', async ({ page }) => {
  const { core, bob } = scene();
  await page.goto(core.url);
  await expectIrcAccount(page, 'alice', 'Online');
  await page.getByRole('tab', { name: '#loud' }).click();
  const log = page.getByRole('log', { name: 'Messages in #loud' });
  await expect(log.getByRole('listitem', { name: /after quiet hours$/ })).toHaveCount(1);
  const region = page.locator('.new-message-announcer');
  await expect(region).toHaveAttribute('aria-live', 'polite');
  await expect(region).toHaveText('');

  bob.send('PRIVMSG #loud :fresh news for the screen reader');
  await expect(region).toHaveText('bob: fresh news for the screen reader');

  // Another conversation, with its own history: the region starts empty there.
  await page.getByRole('tab', { name: '#quiet' }).click();
  await expect(page.getByRole('log', { name: 'Messages in #quiet' }).getByRole('listitem', { name: /said where nothing notifies$/ })).toHaveCount(1);
  await expect(region).toHaveText('');
  bob.send('PRIVMSG #quiet :news in quiet');
  await expect(region).toHaveText('bob: news in quiet');
});

test('a sound file of the user\u2019s own replaces the chime, is kept in the profile and plays for a message that notifies', async ({ page }) => {
  const { core, bob } = scene();
  await recordNotificationsAndSounds(page);
  await page.goto(core.url);
  await expectIrcAccount(page, 'alice', 'Online');
  const settings = await openSettings(page);
  // The user's file: a real WAV (the bundled chime's bytes under another name).
  const wav = readFileSync(join(repoRoot, 'renderer', 'sounds', 'message.wav'));
  const chooser = page.waitForEvent('filechooser');
  await settings.getByRole('button', { name: 'Choose sound file…' }).click();
  await (await chooser).setFiles({ name: 'ding.wav', mimeType: 'audio/wav', buffer: wav });
  await expect(settings.getByLabel('Message sound')).toHaveValue('custom');
  await expect(settings.getByLabel('Message sound').locator('option:checked')).toHaveText('My file: ding.wav');
  await closeSettings(page);

  await page.reload();
  await expectIrcAccount(page, 'alice', 'Online');
  await openSettings(page);
  await expect(settings.getByLabel('Message sound').locator('option:checked')).toHaveText('My file: ding.wav');
  await closeSettings(page);
  // This browser is new to the app: desktop notifications are this device's choice.
  await page.getByLabel('Desktop notifications for direct messages and mentions').check();
  await page.getByRole('tab', { name: '#idle' }).click();
  bob.send('PRIVMSG #loud :with my own sound');
  await expect.poll(() => shown(page)).toEqual(['bob in #loud: with my own sound']);
  await expect.poll(() => sounds(page)).toBe(1);

  // A file that is no sound is refused in words, and the choice stays.
  await openSettings(page);
  const refused = page.waitForEvent('filechooser');
  await settings.getByRole('button', { name: 'Choose sound file…' }).click();
  await (await refused).setFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a sound') });
  await expect(settings.getByRole('alert')).toHaveText('Sound not changed: notes.txt is not a sound file.');
  await expect(settings.getByLabel('Message sound').locator('option:checked')).toHaveText('My file: ding.wav');
  await closeSettings(page);
});
