/**
 * The Accounts dialog and the buddy list's lines for failing accounts, used the way a
 * person does: open "Accounts" from the buddy list's toolbar, look, close.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export function accountsDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Accounts' });
}

/** Opens the Accounts dialog (unless it is open) and returns it. */
export async function openAccounts(page: Page): Promise<Locator> {
  const dialog = accountsDialog(page);
  if (!(await dialog.isVisible())) {
    await page.getByRole('toolbar', { name: 'Buddy list tools' }).getByRole('button', { name: 'Accounts', exact: true }).click();
  }
  await expect(dialog).toBeVisible();
  return dialog;
}

export async function closeAccounts(page: Page): Promise<void> {
  const dialog = accountsDialog(page);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** An account's row in the (open) Accounts dialog, by its label, e.g. "alice (IRC)". */
export function accountRow(page: Page, label: string): Locator {
  return accountsDialog(page).getByRole('list', { name: 'Accounts' }).getByRole('listitem').filter({ hasText: label });
}

/** Opens the Accounts dialog, waits until the account's row shows each text, and closes it. */
export async function expectAccount(page: Page, label: string, ...expected: readonly (string | RegExp)[]): Promise<void> {
  await openAccounts(page);
  const row = accountRow(page, label);
  for (const text of expected) await expect(row).toContainText(text);
  await closeAccounts(page);
}

/** Accounts → Add account, `fill` the form, Save account, and back to the buddy list. */
export async function addAccount(page: Page, fill: (form: Locator) => Promise<void>): Promise<void> {
  const dialog = await openAccounts(page);
  await dialog.getByRole('button', { name: 'Add account' }).click();
  const form = page.getByRole('dialog', { name: 'Add account' });
  await expect(form).toBeVisible();
  await fill(form);
  await form.getByRole('button', { name: 'Save account' }).click();
  await expect(form).toBeHidden();
  await closeAccounts(page);
}

/** The buddy list's compact line for a failing or reconnecting account. */
export function accountAlert(page: Page, label: string): Locator {
  return page.getByRole('list', { name: 'Accounts with problems' }).getByRole('listitem').filter({ hasText: label });
}
