/**
 * Writing messages end to end, in Chromium against headless mode, ngIRCd and bob on a raw
 * IRC socket (independent of Switchboard): a multi-line message (Shift+Enter) arrives as
 * one line per line and the box grows; formatting typed as *bold*, _italic_ and `code`
 * reaches bob as mIRC control codes and shows formatted on alice's side; the Emoji picker
 * by keyboard and by mouse (recent first, the next time), `:shortcode:` completion and Tab
 * completion of a member's name.
 */
import { expect, test, type Page } from '@playwright/test';
import { addIrcAccount, expectIrcAccount } from './ircAccountDialog.js';
import { ircScene, joinRoom, screenshot } from './scenes.js';

const scene = ircScene('#write');
/** The first test adds alice and joins; the others find her there (the tests run in order). */
let joined = false;

async function openRoom(page: Page): Promise<void> {
  const { core, irc, bob } = scene();
  await page.goto(core.url);
  const tab = page.getByRole('tab', { name: '#write' });
  if (!joined) {
    joined = true;
    await addIrcAccount(page, { nick: 'alice', port: irc.port });
    await expectIrcAccount(page, 'alice', 'Online');
    await joinRoom(page, '#write');
    await bob.waitForLine(/:alice!\S+ JOIN :?#write/);
  }
  await tab.click();
}

test('a multi-line message: Shift+Enter breaks the line, the box grows, bob gets one line per line', async ({ page }) => {
  const { bob } = scene();
  await openRoom(page);
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.click();
  const oneLine = (await composer.boundingBox())?.height ?? 0;
  await composer.pressSequentially('first line');
  await composer.press('Shift+Enter');
  await composer.pressSequentially('second line');
  await composer.press('Shift+Enter');
  await composer.pressSequentially('third line');
  await expect(composer).toHaveValue('first line\nsecond line\nthird line');
  expect((await composer.boundingBox())?.height ?? 0).toBeGreaterThan(oneLine * 1.5);
  await composer.press('Enter');
  await expect(composer).toHaveValue('');
  await bob.waitForLine(/:alice!\S+ PRIVMSG #write :first line$/);
  await bob.waitForLine(/:alice!\S+ PRIVMSG #write :second line$/);
  await bob.waitForLine(/:alice!\S+ PRIVMSG #write :third line$/);
  await expect(page.getByRole('log', { name: 'Messages in #write' })).toContainText('third line');
});

test('formatting: *bold* _italic_ `code` reach bob as control codes and show formatted', async ({ page }) => {
  const { bob } = scene();
  await openRoom(page);
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill('*bold* and _italic_ and `co*de` <b>not html</b> 2*3*4');
  await composer.press('Enter');
  // eslint-disable-next-line no-control-regex -- the control codes are what bob must receive
  await bob.waitForLine(/:alice!\S+ PRIVMSG #write :\x02bold\x02 and \x1Ditalic\x1D and \x11co\*de\x11 <b>not html<\/b> 2\*3\*4$/);
  const log = page.getByRole('log', { name: 'Messages in #write' });
  await expect(log.locator('strong', { hasText: 'bold' })).toBeVisible();
  await expect(log.locator('em', { hasText: 'italic' })).toBeVisible();
  await expect(log.locator('code', { hasText: 'co*de' })).toBeVisible();
  await expect(log).toContainText('<b>not html</b> 2*3*4');
  // What bob sends the same way shows the same way.
  bob.send('PRIVMSG #write :\x02loud\x02 \x1Dsoft\x1D');
  await expect(log.locator('b', { hasText: 'loud' })).toBeVisible();
  await expect(log.locator('i', { hasText: 'soft' })).toBeVisible();
  await screenshot(page, 'composer-formatting.png');
});

test('the Emoji picker by keyboard and by mouse; the recent ones come first', async ({ page }) => {
  const { bob } = scene();
  await openRoom(page);
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill('ok ');
  // Keyboard: Tab from the box to "Emoji", Enter opens it with the search focused, type, arrows, Enter.
  await composer.press('Tab');
  const button = page.getByRole('button', { name: 'Emoji', exact: true });
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
  const picker = page.getByRole('dialog', { name: 'Emoji' });
  const search = picker.getByRole('searchbox', { name: 'Search emoji' }).or(picker.getByRole('textbox', { name: 'Search emoji' }));
  await expect(search).toBeFocused();
  await page.keyboard.type('thumbs up');
  // frimousse's grid: each emoji a gridcell named by its label; the arrows move the selection.
  await expect(picker.getByRole('gridcell', { name: 'Thumbs up', exact: true })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(composer).toHaveValue(/^ok 👍\uFE0F?$/u);
  await expect(composer).toBeFocused();
  await screenshot(page, 'composer-emoji-typed.png');

  // Mouse: open, search, click.
  await button.click();
  await picker.getByRole('textbox', { name: 'Search emoji' }).or(picker.getByRole('searchbox', { name: 'Search emoji' })).fill('party popper');
  await picker.getByRole('gridcell', { name: 'Party popper', exact: true }).click();
  await expect(composer).toHaveValue(/^ok 👍\uFE0F?🎉$/u);
  await composer.press('Enter');
  await bob.waitForLine(/:alice!\S+ PRIVMSG #write :ok 👍\uFE0F?🎉$/u);

  // The next time, the recent ones lead, the last picked first; Escape closes and gives the focus back.
  await button.click();
  const recent = picker.getByRole('group', { name: 'Recently used' }).getByRole('button');
  await expect(recent.first()).toHaveAccessibleName('🎉');
  await expect(recent.nth(1)).toHaveAccessibleName(/^👍\uFE0F?$/u);
  await screenshot(page, 'composer-emoji-picker.png');
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await expect(composer).toBeFocused();
});

test(':shortcode: completes to an emoji, and Tab completes a member’s name', async ({ page }) => {
  const { bob } = scene();
  await openRoom(page);
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.click();
  await composer.pressSequentially('bo');
  await composer.press('Tab');
  await expect(composer).toHaveValue('bob: ');
  await composer.pressSequentially('well done :tad');
  const suggestions = page.getByRole('listbox', { name: 'Emoji suggestions' });
  await expect(suggestions.getByRole('option').first()).toContainText(':tada:');
  await composer.press('Enter');
  await expect(composer).toHaveValue('bob: well done 🎉 ');
  await composer.pressSequentially(':+1:');
  await expect(composer).toHaveValue(/^bob: well done 🎉 👍\uFE0F?$/u);
  await composer.press('Enter');
  await bob.waitForLine(/:alice!\S+ PRIVMSG #write :bob: well done 🎉 👍\uFE0F?$/u);
});
