/**
 * Persons (metacontacts) end to end, in Chromium against headless mode and ngIRCd: bob, a
 * raw client, is a buddy of two IRC accounts (both in the group "Buddies", which holds the
 * buddies of every account); the user merges the two into one person through "Merge
 * with…", sees one entry with its network in that group, expands it, opens a conversation
 * from it, and separates the buddies again.
 */
import { expect, test, type Page } from '@playwright/test';
import { addIrcAccount, expectIrcAccount } from './ircAccountDialog.js';
import { ircScene, screenshot } from './scenes.js';

const scene = ircScene('#people');

async function addBob(page: Page, accountLabel: string): Promise<void> {
  await page.getByRole('button', { name: 'Add contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add contact' });
  await dialog.getByLabel('Account').selectOption({ label: accountLabel });
  await dialog.getByLabel('Contact ID').fill('bob');
  await dialog.getByRole('button', { name: 'Add contact' }).click();
  await expect(dialog).toBeHidden();
}

/** The group "Buddies" of the buddy list (every account's buddies without a group of their own). */
const buddiesGroup = (page: Page) => page.getByRole('list', { name: 'Buddies', exact: true });
const bobs = (page: Page) => buddiesGroup(page).getByRole('button', { name: 'bob', exact: true });

test('two buddies of two accounts merged into one person, renamed, opened, expanded and separated again', async ({ page }) => {
  const { core, irc } = scene();
  await page.goto(core.url);
  await addIrcAccount(page, { nick: 'alice', port: irc.port });
  await expectIrcAccount(page, 'alice', 'Online');
  await addIrcAccount(page, { nick: 'carol', port: irc.port });
  await expectIrcAccount(page, 'carol', 'Online');
  await addBob(page, 'alice (IRC)');
  await addBob(page, 'carol (IRC)');
  await expect(bobs(page)).toHaveCount(2);
  const aBob = buddiesGroup(page).getByRole('listitem').filter({ has: page.getByRole('button', { name: 'bob', exact: true }) }).first();

  // Merge with…: the other bob (on whichever account this one is not), found by the filter, and a name for the person.
  await aBob.hover();
  await aBob.getByRole('button', { name: 'Merge with…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge bob with…' });
  await dialog.getByLabel('Filter buddies').fill('(IRC)');
  const candidates = dialog.getByRole('radio', { name: /^bob on (alice|carol) \(IRC\)$/ });
  await expect(candidates).toHaveCount(1);
  await candidates.check();
  await dialog.getByLabel('Name of the person (optional)').fill('  Bob the builder  ');
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(dialog).toBeHidden();

  // One entry for the person, with its network, in the group; neither bob on its own any more.
  const person = buddiesGroup(page).getByRole('listitem').filter({ has: page.getByRole('button', { name: /^Buddies of / }) });
  await expect(person).toHaveCount(1);
  const open = person.getByRole('button', { name: 'Bob the builder', exact: true });
  await expect(open).toHaveAccessibleDescription(/IRC · 2 buddies/);
  await expect(page.getByRole('list', { name: 'Contacts' }).getByRole('button', { name: 'bob', exact: true })).toHaveCount(0);

  // The filter finds the person by a buddy's id, and not by something else.
  const filter = page.getByLabel('Filter contacts');
  await filter.fill('nobody-here');
  await expect(person).toHaveCount(0);
  await filter.fill('bob');
  await expect(open).toBeVisible();
  await filter.fill('');

  // Renamed in place (Escape first leaves it as it was); a second window sees the new name.
  await person.getByRole('button', { name: 'Rename Bob the builder' }).click();
  await person.getByLabel('New name for Bob the builder').fill('Robert');
  await person.getByLabel('New name for Bob the builder').press('Escape');
  await expect(open).toBeVisible();
  await person.getByRole('button', { name: 'Rename Bob the builder' }).click();
  await person.getByLabel('New name for Bob the builder').fill('  Bob \u202Ethe builder  ');
  await person.getByLabel('New name for Bob the builder').press('Enter');
  await expect(person.getByLabel('New name for Bob the builder')).toHaveCount(0);
  await expect(open).toBeVisible(); // the core cleaned the name: the bidi override and the spaces are gone
  const watcher = await page.context().newPage();
  await watcher.goto(core.url);
  await expect(buddiesGroup(watcher).getByRole('button', { name: 'Bob the builder', exact: true })).toBeVisible();
  await person.getByRole('button', { name: 'Rename Bob the builder' }).click();
  await person.getByLabel('New name for Bob the builder').fill('Bobby');
  await person.getByLabel('New name for Bob the builder').press('Enter');
  await expect(buddiesGroup(watcher).getByRole('button', { name: 'Bobby', exact: true })).toBeVisible();
  await watcher.close();
  await person.getByRole('button', { name: 'Rename Bobby' }).click();
  await person.getByLabel('New name for Bobby').fill('Bob the builder');
  await person.getByLabel('New name for Bobby').press('Enter');
  await expect(open).toBeVisible();

  // Expanded: each buddy with its account and its own actions.
  const toggle = person.getByRole('button', { name: 'Buddies of Bob the builder' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const buddies = page.getByRole('list', { name: 'Buddies of Bob the builder' }).getByRole('listitem');
  await expect(buddies).toHaveCount(2);
  await expect(buddies.filter({ hasText: 'alice (IRC)' })).toHaveCount(1);
  await expect(buddies.filter({ hasText: 'carol (IRC)' })).toHaveCount(1);
  await screenshot(page, 'ui-people-expanded.png');

  // A click on the person opens the conversation with its best buddy.
  await open.click();
  await expect(page.getByRole('tab', { name: 'bob' })).toHaveAttribute('aria-selected', 'true');
  // Both bobs are reachable; none has a conversation yet, so the first merged is the one.
  const first = (await buddies.first().textContent())?.includes('alice (IRC)') === true ? 'alice' : 'carol';
  const composer = page.getByRole('textbox', { name: 'Message', exact: true });
  await composer.fill('hello from the person');
  await composer.press('Enter');
  await scene().bob.waitForLine(new RegExp(`:${first}!\\S+ PRIVMSG bob :hello from the person`));

  // Separate: a person left with one buddy is no person; both bobs are back in their accounts.
  const carolsBob = buddies.filter({ hasText: 'carol (IRC)' });
  await carolsBob.hover();
  await carolsBob.getByRole('button', { name: 'Separate' }).click();
  await expect(person).toHaveCount(0);
  await expect(bobs(page)).toHaveCount(2);

  // The same in a second window, which loaded the list after the change.
  const second = await page.context().newPage();
  await second.goto(core.url);
  await expect(bobs(second)).toHaveCount(2);
  await expect(second.getByRole('button', { name: /^Buddies of / })).toHaveCount(0);
  await second.close();
});
